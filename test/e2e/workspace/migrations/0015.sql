-- migration 0015
ALTER TABLE orders ADD COLUMN note_15 TEXT;
