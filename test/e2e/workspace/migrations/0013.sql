-- migration 0013
ALTER TABLE orders ADD COLUMN note_13 TEXT;
