-- migration 0001
ALTER TABLE orders ADD COLUMN note_01 TEXT;
