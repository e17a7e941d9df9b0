-- migration 0007
ALTER TABLE orders ADD COLUMN note_07 TEXT;
