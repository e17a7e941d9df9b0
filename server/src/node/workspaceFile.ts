import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The one read path for workspace files: drift, the documents, previews and line counts all
 * open files here. A file is read only when, links resolved, it lies inside the workspace folder
 * and is a regular file (never a FIFO, a device or a socket: it is opened non-blocking and checked
 * with fstat on the open descriptor, so a FIFO never blocks and a link swapped in after the check
 * is not followed), at most `maxBytes` of it, within a deadline checked between chunks.
 */

/** Files larger than this are not read whole (drift calls them "too large to follow"). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** How long one file may take to read before it is given up. */
export const READ_TIMEOUT_MS = 5_000;

/** Why a file was not read. */
export type UnreadableReason = 'missing' | 'outside' | 'not-a-file' | 'too-large' | 'timeout' | 'unreadable';

export type FileRead = { ok: true; bytes: Buffer; size: number; complete: boolean } | { ok: false; reason: UnreadableReason };

export interface ReadOptions {
  /** At most this many bytes are read (default MAX_FILE_BYTES). */
  maxBytes?: number;
  /** A file larger than maxBytes: read its first maxBytes (`complete: false`) instead of refusing it. */
  prefix?: boolean;
  timeoutMs?: number;
}

/** Why-not texts, as drift and the logs show them. */
export const UNREADABLE_TEXT: Record<UnreadableReason, string> = {
  missing: 'file not found',
  outside: 'outside the workspace',
  'not-a-file': 'not a regular file',
  'too-large': 'too large to follow',
  timeout: 'reading the file timed out',
  unreadable: 'file not readable',
};

const CHUNK_BYTES = 1024 * 1024;

/** The real path of the folder, looked up once per folder. */
const realRoots = new Map<string, string>();

function realRoot(root: string): string {
  let real = realRoots.get(root);
  if (real === undefined) {
    real = fs.realpathSync.native(root);
    if (realRoots.size > 100) realRoots.clear();
    realRoots.set(root, real);
  }
  return real;
}

function isWithin(root: string, p: string): boolean {
  const relative = path.relative(root, p);
  return !(relative.startsWith('..') || path.isAbsolute(relative));
}

/**
 * Opens `abs` (inside `root`) for reading: a descriptor and the file's size, or why not. The
 * caller closes the descriptor.
 */
export function openWorkspaceFile(root: string, abs: string): { ok: true; fd: number; size: number } | { ok: false; reason: UnreadableReason } {
  let real: string;
  try {
    real = fs.realpathSync.native(abs);
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  try {
    if (!isWithin(realRoot(root), real)) return { ok: false, reason: 'outside' };
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  let fd: number;
  try {
    // Non-blocking: opening a FIFO for reading would otherwise wait for a writer, for ever.
    // No-follow: the real path has no link left; one swapped in since is refused, not followed.
    fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: code === 'ENOENT' ? 'missing' : code === 'ELOOP' ? 'outside' : 'unreadable' };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) {
      fs.closeSync(fd);
      return { ok: false, reason: 'not-a-file' };
    }
    return { ok: true, fd, size: stat.size };
  } catch {
    fs.closeSync(fd);
    return { ok: false, reason: 'unreadable' };
  }
}

/** Reads a workspace file (absolute path inside `root`) through every guard above. */
export function readWorkspaceFile(root: string, abs: string, options: ReadOptions = {}): FileRead {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const opened = openWorkspaceFile(root, abs);
  if (!opened.ok) return opened;
  const { fd, size } = opened;
  try {
    if (size > maxBytes && !options.prefix) return { ok: false, reason: 'too-large' };
    const deadline = Date.now() + (options.timeoutMs ?? READ_TIMEOUT_MS);
    // The size is what fstat said; the file may grow while read: never past the cap (one byte
    // more than a whole read allows shows that it grew past it).
    const limit = options.prefix ? maxBytes : maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(limit, size + 1));
    let read = 0;
    for (;;) {
      if (read === buffer.length) {
        if (buffer.length >= limit) break;
        const next = Buffer.allocUnsafe(Math.min(limit, buffer.length * 2 + CHUNK_BYTES));
        buffer.copy(next, 0, 0, read);
        buffer = next;
      }
      const n = fs.readSync(fd, buffer, read, Math.min(CHUNK_BYTES, buffer.length - read), read);
      if (n === 0) break;
      read += n;
      if (Date.now() > deadline) return { ok: false, reason: 'timeout' };
    }
    if (read > maxBytes) return { ok: false, reason: 'too-large' };
    return { ok: true, bytes: buffer.subarray(0, read), size, complete: !(options.prefix && read >= maxBytes && size > maxBytes) };
  } catch (error) {
    return { ok: false, reason: (error as NodeJS.ErrnoException).code === 'EAGAIN' ? 'not-a-file' : 'unreadable' };
  } finally {
    fs.closeSync(fd);
  }
}

/** A workspace file's text (UTF-8, BOM kept), or undefined when it cannot be read (see readWorkspaceFile). */
export function readWorkspaceText(root: string, abs: string, options: ReadOptions = {}): string | undefined {
  const read = readWorkspaceFile(root, abs, options);
  return read.ok ? read.bytes.toString('utf8') : undefined;
}

/** A code file's text for drift, or why it cannot be followed (`missing`: it is not there). */
export type CodeFileText = string | { reason: UnreadableReason };

/** A code file's text (up to MAX_FILE_BYTES), or why not. */
export function readCodeText(root: string, abs: string): CodeFileText {
  const read = readWorkspaceFile(root, abs);
  return read.ok ? read.bytes.toString('utf8') : { reason: read.reason };
}
