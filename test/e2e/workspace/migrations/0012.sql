-- migration 0012
ALTER TABLE orders ADD COLUMN note_12 TEXT;
