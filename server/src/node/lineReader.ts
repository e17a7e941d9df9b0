import { MAX_COUNTED_BYTES } from './fileLines';
import { readWorkspaceFile } from './workspaceFile';

/** Bytes read at most for a preview: a slice of a large file, never all of it. */
const PREVIEW_READ_BYTES = 4 * 1024 * 1024;

/**
 * Lines [start, end] (1-based, inclusive) of a text file for a hover preview. Reads a bounded
 * slice; undefined for a binary file, an unreadable one, or lines beyond the slice read.
 */
export function readLines(root: string, absPath: string, start: number, end: number): string[] | undefined {
  const read = readWorkspaceFile(root, absPath, { maxBytes: PREVIEW_READ_BYTES, prefix: true });
  if (!read.ok || read.size > MAX_COUNTED_BYTES * 5) return undefined;
  const bytes = read.bytes;
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  const lines = bytes.toString('utf8').split(/\r?\n/);
  // The last line of a truncated read may be cut: only trust it when the whole file was read.
  const complete = read.complete && bytes.length === read.size;
  const last = complete ? lines.length : lines.length - 1;
  if (start > last) return complete ? [] : undefined;
  return lines.slice(start - 1, Math.min(end, last)).map((l) => (l.length > 400 ? `${l.slice(0, 400)}…` : l));
}
