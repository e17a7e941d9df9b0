-- migration 0024
ALTER TABLE orders ADD COLUMN note_24 TEXT;
