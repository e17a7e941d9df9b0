-- migration 0025
ALTER TABLE orders ADD COLUMN note_25 TEXT;
