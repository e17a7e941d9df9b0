-- migration 0023
ALTER TABLE orders ADD COLUMN note_23 TEXT;
