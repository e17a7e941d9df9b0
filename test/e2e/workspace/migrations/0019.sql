-- migration 0019
ALTER TABLE orders ADD COLUMN note_19 TEXT;
