-- migration 0017
ALTER TABLE orders ADD COLUMN note_17 TEXT;
