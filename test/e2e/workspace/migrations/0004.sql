-- migration 0004
ALTER TABLE orders ADD COLUMN note_04 TEXT;
