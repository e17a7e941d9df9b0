-- migration 0008
ALTER TABLE orders ADD COLUMN note_08 TEXT;
