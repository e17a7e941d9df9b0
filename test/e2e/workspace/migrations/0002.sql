-- migration 0002
ALTER TABLE orders ADD COLUMN note_02 TEXT;
