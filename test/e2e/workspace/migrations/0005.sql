-- migration 0005
ALTER TABLE orders ADD COLUMN note_05 TEXT;
