import { execFile } from 'node:child_process';

/**
 * Running git without letting the repository run code. A repository's configuration can name
 * programs git runs (fsmonitor hooks, external diff and textconv drivers, pagers, hooks); every
 * call here switches those off, starts git directly (never a shell), with an environment cleaned
 * of GIT_* variables from outside, a timeout and an output cap. Only read-only commands are run,
 * and none that compares against the working tree (which would run clean filters): the working
 * tree is diffed in process.
 *
 * No transport, ever: a partial clone (a promisor remote) fetches a missing object on demand,
 * and the fetch runs the remote's transport, which the repository's configuration can point at
 * any program (`remote.origin.uploadpack`, `core.sshCommand`, an `ext::` URL). Every transport
 * is refused: `GIT_ALLOW_PROTOCOL` set to the empty list overrides every `protocol.*.allow` of
 * the repository's configuration (a repository's `protocol.ext.allow=always` beats a
 * command-line `protocol.allow=never`, the environment variable does not), `protocol.allow=never`
 * and the ssh command switched off say the same twice, and `GIT_NO_LAZY_FETCH=1` (git 2.44 and
 * later; ignored by older ones) stops the fetch before it starts. A missing object is then an
 * error, never a fetch. The `-c` options and the environment reach git's own child processes.
 */
const SAFE_CONFIG = [
  'protocol.allow=never',
  'core.sshCommand=false',
  'core.gitProxy=',
  'core.askPass=false',
  'credential.helper=',
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
  // No transport (see SAFE_CONFIG): an empty allow list matches no protocol.
  env.GIT_ALLOW_PROTOCOL = '';
  env.GIT_NO_LAZY_FETCH = '1';
  env.GIT_PROTOCOL_FROM_USER = '0';
  env.GIT_SSH_COMMAND = 'false';
  env.GIT_ASKPASS = 'false';
  return env;
}

export interface GitRunOptions {
  input?: string;
  timeoutMs?: number;
  maxBytes?: number;
}

export class GitError extends Error {
  constructor(
    message: string,
    /** What git wrote to stderr (every line). */
    readonly stderr = '',
  ) {
    super(message);
  }
}

/**
 * Why a git command failed, as drift says it: `object missing` (a partial clone's blob that is
 * not there, which is never fetched), `object damaged`, or `git failed: <git's first line>`.
 */
export function failureCause(error: unknown): string {
  const stderr = error instanceof GitError ? error.stderr : '';
  if (/\b(?:corrupt|inflate|unable to unpack|hash mismatch|object file .* is empty)/i.test(stderr)) return 'object damaged';
  if (/\b(?:unable to read|bad object|missing blob|could not read|cannot read|not allowed|promisor|invalid object)/i.test(stderr)) return 'object missing';
  const message = error instanceof Error ? error.message : String(error);
  return `git failed: ${message.replace(/^git \S* failed: /, '').slice(0, 200)}`;
}

/** One git command in `cwd`; resolves with its stdout as a Buffer, rejects on failure. */
export function runGitBuffer(cwd: string, args: readonly string[], options: GitRunOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      [...SAFE_ARGS, ...args],
      { cwd, env: safeEnv(), encoding: 'buffer', maxBuffer: options.maxBytes ?? 64 * 1024 * 1024, timeout: options.timeoutMs ?? 20_000, windowsHide: true, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        if (error) {
          const text = String(stderr).trim();
          const killed = (error as { killed?: boolean }).killed === true || (error as { signal?: string | null }).signal;
          const first = killed ? 'timed out' : (text.split('\n').find((l) => /^(?:fatal|error):/.test(l)) ?? (text.split('\n')[0] || error.message));
          reject(new GitError(`git ${args[0] ?? ''} failed: ${first}`, text));
        } else resolve(stdout);
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
}

export async function runGit(cwd: string, args: readonly string[], options: GitRunOptions = {}): Promise<string> {
  return (await runGitBuffer(cwd, args, options)).toString('utf8');
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

/**
 * The object id of each repository path in git's index (`git ls-files -s`: the index alone, no
 * object read, so a partial clone's missing blob is told apart from a path not in the index).
 */
export async function indexEntries(cwd: string, paths: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const wanted = [...new Set(paths)].filter((p) => !/[\n\r\0]/.test(p));
  for (let at = 0; at < wanted.length; at += 500) {
    const spec = wanted.slice(at, at + 500).map((p) => `:(top,literal)${p}`);
    const stdout = await runGit(cwd, ['ls-files', '-s', '-z', '--', ...spec], { timeoutMs: 30_000 });
    // `<mode> <oid> <stage>\t<path>`; a conflicted path has several stages: stage 0, else the first.
    for (const entry of stdout.split('\0')) {
      const m = /^\d+ ([0-9a-f]{40,64}) (\d)\t(.*)$/s.exec(entry);
      if (m && (m[2] === '0' || !out.has(m[3]!))) out.set(m[3]!, m[1]!);
    }
  }
  return out;
}

/** One entry of `git diff --name-status -z`: its status (`M`, `A`, `R087`...), the path, and a rename's or copy's new path. */
export interface NameStatus {
  status: string;
  path: string;
  newPath?: string;
}

/** The entries of `git diff --name-status -z` output (NUL-separated; renames and copies name two paths). */
export function parseNameStatus(out: string): NameStatus[] {
  const parts = out.split('\0');
  const entries: NameStatus[] = [];
  for (let i = 0; i < parts.length; ) {
    const status = parts[i++] ?? '';
    if (!status) continue;
    const path = parts[i++] ?? '';
    const newPath = /^[RC]/.test(status) ? (parts[i++] ?? '') : undefined;
    entries.push(newPath === undefined ? { status, path } : { status, path, newPath });
  }
  return entries;
}
