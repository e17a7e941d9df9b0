-- migration 0016
ALTER TABLE orders ADD COLUMN note_16 TEXT;
