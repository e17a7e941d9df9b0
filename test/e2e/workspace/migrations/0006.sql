-- migration 0006
ALTER TABLE orders ADD COLUMN note_06 TEXT;
