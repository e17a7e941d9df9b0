import * as fs from 'node:fs';
import { openWorkspaceFile } from './workspaceFile';

/** Files larger than this are not read to count lines (their references are taken as in range). */
export const MAX_COUNTED_BYTES = 20 * 1024 * 1024;

/** Read into one buffer, reused: thousands of files are counted at start-up, none is kept. */
const CHUNK_BYTES = 64 * 1024;
const chunk = Buffer.allocUnsafe(CHUNK_BYTES);

/**
 * Counts the lines of a text file; undefined for a binary file (a NUL in its first 8 KB) or a
 * file too large to read. A file that changes or vanishes while read gives undefined, not an error.
 */
export function countLines(root: string, absPath: string, size: number): number | undefined {
  if (size > MAX_COUNTED_BYTES) return undefined;
  if (size === 0) return 0;
  // The one read path's guards (inside the folder, a regular file, never blocking).
  const opened = openWorkspaceFile(root, absPath);
  if (!opened.ok) return undefined;
  const fd = opened.fd;
  try {
    let newlines = 0;
    let read = 0;
    let last = -1;
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      const view = chunk.subarray(0, n);
      if (read < 8192 && view.subarray(0, 8192 - read).includes(0)) return undefined;
      // indexOf is a native scan.
      for (let i = view.indexOf(10); i >= 0; i = view.indexOf(10, i + 1)) newlines++;
      last = view[n - 1]!;
      read += n;
      if (read > MAX_COUNTED_BYTES) return undefined;
    }
    if (read === 0) return 0;
    // A final newline ends the last line rather than starting a new one.
    return last === 10 ? newlines : newlines + 1;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}
