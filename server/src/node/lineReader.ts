import * as fs from 'node:fs';
import { MAX_COUNTED_BYTES } from './fileLines';

/** Bytes read at most for a preview: a slice of a large file, never all of it. */
const PREVIEW_READ_BYTES = 4 * 1024 * 1024;

/**
 * Lines [start, end] (1-based, inclusive) of a text file for a hover preview. Reads a bounded
 * slice; undefined for a binary file, an unreadable one, or lines beyond the slice read.
 */
export function readLines(absPath: string, start: number, end: number): string[] | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(absPath, 'r');
    const size = fs.fstatSync(fd).size;
    if (size > MAX_COUNTED_BYTES * 5) return undefined;
    const length = Math.min(size, PREVIEW_READ_BYTES);
    const buffer = Buffer.alloc(length);
    const read = fs.readSync(fd, buffer, 0, length, 0);
    const bytes = buffer.subarray(0, read);
    if (bytes.subarray(0, 8192).includes(0)) return undefined;
    const lines = bytes.toString('utf8').split(/\r?\n/);
    // The last line of a truncated read may be cut: only trust it when the whole file was read.
    const complete = read === size;
    const last = complete ? lines.length : lines.length - 1;
    if (start > last) return complete ? [] : undefined;
    return lines.slice(start - 1, Math.min(end, last)).map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
