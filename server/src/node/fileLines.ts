import * as fs from 'node:fs';

/** Files larger than this are not read to count lines (their references are taken as in range). */
export const MAX_COUNTED_BYTES = 20 * 1024 * 1024;

/**
 * Counts the lines of a text file; undefined for a binary file (a NUL in its first 8 KB) or a
 * file too large to read. A file that changes or vanishes while read gives undefined, not an error.
 */
export function countLines(absPath: string, size: number): number | undefined {
  if (size > MAX_COUNTED_BYTES) return undefined;
  if (size === 0) return 0;
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(absPath);
  } catch {
    return undefined;
  }
  if (buffer.subarray(0, 8192).includes(0)) return undefined;
  let lines = 1;
  // indexOf is a native scan: thousands of files are counted at start-up.
  for (let i = buffer.indexOf(10); i >= 0; i = buffer.indexOf(10, i + 1)) lines++;
  // A final newline ends the last line rather than starting a new one.
  if (buffer[buffer.length - 1] === 10) lines--;
  return lines;
}
