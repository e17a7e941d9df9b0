import { execFile } from 'node:child_process';

/**
 * Running git without letting the repository run code. A repository's configuration can name
 * programs git runs (fsmonitor hooks, external diff and textconv drivers, pagers, hooks); every
 * call here switches those off, starts git directly (never a shell), with an environment cleaned
 * of GIT_* variables from outside, a timeout and an output cap. Only read-only commands are run,
 * and none that compares against the working tree (which would run clean filters): the working
 * tree is diffed in process.
 */
const SAFE_CONFIG = [
  'core.fsmonitor=false',
  `core.hooksPath=${process.platform === 'win32' ? 'NUL' : '/dev/null'}`,
  'diff.external=',
  'core.pager=cat',
  'core.untrackedCache=false',
  'core.quotePath=false',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'diff.relative=false',
  'diff.renames=true',
  'log.showSignature=false',
  `core.attributesFile=${process.platform === 'win32' ? 'NUL' : '/dev/null'}`,
];

export const SAFE_ARGS: readonly string[] = SAFE_CONFIG.flatMap((c) => ['-c', c]);

export function safeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^GIT_/i.test(key)) env[key] = value;
  env.GIT_CONFIG_NOSYSTEM = '1';
  env.GIT_ATTR_NOSYSTEM = '1';
  env.GIT_TERMINAL_PROMPT = '0';
  env.GIT_OPTIONAL_LOCKS = '0';
  env.GIT_PAGER = 'cat';
  env.GIT_NO_REPLACE_OBJECTS = '1';
  return env;
}

export interface GitRunOptions {
  input?: string;
  timeoutMs?: number;
  maxBytes?: number;
}

export class GitError extends Error {}

/** One git command in `cwd`; resolves with its stdout as a Buffer, rejects on failure. */
export function runGitBuffer(cwd: string, args: readonly string[], options: GitRunOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...SAFE_ARGS, ...args],
      { cwd, env: safeEnv(), encoding: 'buffer', maxBuffer: options.maxBytes ?? 64 * 1024 * 1024, timeout: options.timeoutMs ?? 20_000, windowsHide: true, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error) reject(new GitError(`git ${args[0] ?? ''} failed: ${String(stderr).trim().split('\n')[0] ?? error.message}`));
        else resolve(stdout);
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

export async function runGit(cwd: string, args: readonly string[], options: GitRunOptions = {}): Promise<string> {
  return (await runGitBuffer(cwd, args, options)).toString('utf8');
}

/** Which of the `rev:path` names name a blob, in one `git cat-file --batch-check` (no contents read). */
export async function blobsExist(cwd: string, names: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const wanted = [...new Set(names)].filter((n) => !/[\n\r]/.test(n));
  if (wanted.length === 0) return out;
  const stdout = await runGit(cwd, ['cat-file', '--batch-check'], { input: wanted.join('\n') + '\n', timeoutMs: 30_000 });
  // One line per name, in order: `<sha> blob <size>`, or `<name> missing` (and other types).
  stdout.split('\n').forEach((line, i) => {
    if (i < wanted.length && /^[0-9a-f]+ blob \d+$/.test(line)) out.add(wanted[i]!);
  });
  return out;
}

/** Blob contents for `rev:path` names in one `git cat-file --batch`; undefined for missing ones. */
export async function catFiles(cwd: string, names: readonly string[], maxBytes = 256 * 1024 * 1024): Promise<Map<string, Buffer | undefined>> {
  const out = new Map<string, Buffer | undefined>();
  const wanted = [...new Set(names)].filter((n) => !/[\n\r]/.test(n));
  if (wanted.length === 0) return out;
  const stdout = await runGitBuffer(cwd, ['cat-file', '--batch'], { input: wanted.join('\n') + '\n', maxBytes, timeoutMs: 30_000 });
  let at = 0;
  for (const name of wanted) {
    const eol = stdout.indexOf(10, at);
    if (eol < 0) break;
    const header = stdout.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      out.set(name, undefined);
      continue;
    }
    const size = Number(m[2]);
    out.set(name, m[1] === 'blob' ? stdout.subarray(at, at + size) : undefined);
    at += size + 1;
  }
  return out;
}
