import * as nodePath from 'node:path';
import type { WorkspaceView } from '../../core/workspace';
import { catFiles, runGit } from './git';

/** The largest baseline text shown (the diff editor holds both sides in memory). */
export const MAX_BASELINE_BYTES = 8 * 1024 * 1024;

/** The blob's text, or why it cannot be shown. */
export type BlobText = { text: string } | { error: string };

/**
 * A file of a workspace folder as it was at a commit, through the hardened git runner. `path` is
 * workspace-relative and already validated (one drift mapped); `sha` a full commit sha. Git runs
 * in the deepest directory of the path that still exists inside the folder, so the file is read
 * from the repository that holds it (a folder may hold nested repositories) and a deleted
 * directory falls back to its parent. The size is checked before the contents are read.
 */
export async function readBaselineText(root: string, workspace: Pick<WorkspaceView, 'stat'>, path: string, sha: string, maxBytes = MAX_BASELINE_BYTES): Promise<BlobText> {
  const short = sha.slice(0, 7);
  const segments = path.split('/');
  let depth = segments.length - 1;
  while (depth > 0 && workspace.stat(segments.slice(0, depth).join('/'))?.type !== 'directory') depth--;
  const cwd = nodePath.join(root, ...segments.slice(0, depth));
  // `<sha>:./<path>`: relative to git's working directory, inside the repository that holds it.
  const name = `${sha}:./${segments.slice(depth).join('/')}`;
  let header: string;
  try {
    header = (await runGit(cwd, ['cat-file', '--batch-check'], { input: `${name}\n`, timeoutMs: 15_000, maxBytes: 64 * 1024 })).split('\n')[0] ?? '';
  } catch (error) {
    return { error: `git could not read ${path} at ${short}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
  if (!m) return { error: `${path} is not in commit ${short} (or that commit is not in this clone's history: a shallow or partial clone lacks it).` };
  if (m[1] !== 'blob') return { error: `${path} was not a file at ${short} (a ${m[1]}).` };
  const size = Number(m[2]);
  if (size > maxBytes) return { error: `${path} at ${short} is ${byteSize(size)}: larger than the ${byteSize(maxBytes)} shown.` };
  let blob: Buffer | undefined;
  try {
    blob = (await catFiles(cwd, [name], size + 1024)).get(name);
  } catch (error) {
    return { error: `git could not read ${path} at ${short}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!blob) return { error: `${path} at ${short} could not be read (the object is missing).` };
  if (blob.subarray(0, 8000).includes(0)) return { error: `${path} at ${short} is a binary file.` };
  return { text: blob.toString('utf8') };
}

function byteSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
