-- migration 0020
ALTER TABLE orders ADD COLUMN note_20 TEXT;
