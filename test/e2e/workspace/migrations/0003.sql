-- migration 0003
ALTER TABLE orders ADD COLUMN note_03 TEXT;
