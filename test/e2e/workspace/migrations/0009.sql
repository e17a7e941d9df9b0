-- migration 0009
ALTER TABLE orders ADD COLUMN note_09 TEXT;
