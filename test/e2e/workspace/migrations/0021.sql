-- migration 0021
ALTER TABLE orders ADD COLUMN note_21 TEXT;
