-- migration 0014
ALTER TABLE orders ADD COLUMN note_14 TEXT;
