-- migration 0010
ALTER TABLE orders ADD COLUMN note_10 TEXT;
