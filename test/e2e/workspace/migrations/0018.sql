-- migration 0018
ALTER TABLE orders ADD COLUMN note_18 TEXT;
