-- migration 0011
ALTER TABLE orders ADD COLUMN note_11 TEXT;
