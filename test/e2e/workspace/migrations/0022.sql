-- migration 0022
ALTER TABLE orders ADD COLUMN note_22 TEXT;
