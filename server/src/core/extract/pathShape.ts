/**
 * Decide whether one token is a file reference, and normalise it. A token is what the scanner
 * cut out of a backtick span or out of prose: no whitespace, no line spec.
 */
import type { ReferenceKind } from '../model';
import { isFileName } from './fileNames';

export interface PathShape {
  path: string;
  kind: ReferenceKind;
}

/** Longer tokens are garbage or prose glued together; rejecting them early keeps scanning cheap. */
const MAX_TOKEN = 512;

/** Characters that never occur in a path a document names, but do in code, commands and specs. */
const FORBIDDEN = /[\s`'"<>|;$%&!^=,#]/;

/** Control characters: never part of a path (and a `\0` must never reach the file system). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Top-level directories of a machine, not of a project: `/etc/hosts`, `/sys/class/nvme/`. */
const SYSTEM_ROOTS: ReadonlySet<string> = new Set([
  'sys', 'dev', 'etc', 'proc', 'tmp', 'usr', 'var', 'bin', 'sbin', 'lib', 'lib32', 'lib64', 'boot', 'run',
  'private', 'snap', 'System', 'Library', 'Applications', 'cores', 'nix', 'lost+found',
]);

/** Where checkouts live on someone's machine: extensionless absolute paths there are still paths. */
const HOME_ROOTS: ReadonlySet<string> = new Set(['Users', 'home', 'root', 'Volumes', 'mnt', 'workspace', 'workspaces']);

/** First segments of HTTP routes written like paths: `/api/hub/*`, `/v1/users`. */
const ROUTE_ROOT = /^(?:api|v\d+|graphql|auth|oauth|rest|rpc|ws|admin|webhooks?)$/i;

/** Top-level domains that mark a first segment as a host (`github.com/x/y.go`). */
const HOST = /\.(?:com|org|net|io|dev|co|ai|app|gov|edu|xyz|me|cloud|sh)$/i;

/** A whole segment in brackets is a framework route folder (`[id]`, `[...slug]`, `[[...slug]]`), not a glob class. */
const ROUTE_FOLDER = /^\[\[?(?:\.\.\.)?[\w-]+\]\]?$/;

/** `(dashboard)`, `(.)photo`: Next.js route groups, the only place parentheses belong in a path. */
const ROUTE_GROUP = /^\(\.{0,3}[\w-]*\)[\w.-]*$/;

/**
 * A key of a TOML/INI section, not a bracket glob: `[dependency-groups].dev`, `[tool.poetry].name`,
 * `[project].scripts`. A glob's class is a few characters (`[jt]s`, `[0-9]`); a section name is a
 * word of four letters or more, or words joined by `-` or `.`.
 */
const CONFIG_KEY = /^\[\[?(?:[A-Za-z]{4}[\w-]*|[A-Za-z][\w]*[-.][\w.-]*)\]\]?\.[\w.-]+$/;

/**
 * `Filament\Actions\Imports`, `\App\Models\User`: a PHP namespace written with backslashes, every part a
 * capitalised identifier and no extension; not a folder.
 */
const PHP_NAMESPACE = /^\\?[A-Z][A-Za-z0-9_]*(?:\\[A-Z][A-Za-z0-9_]*)+\\?$/;

/** Strip what prose glues to the end of a path: `src/x.py.`, `src/x.py),`, `src/:`. */
function stripTrailing(path: string): string {
  let end = path.length;
  for (;;) {
    const c = path[end - 1];
    if (c === '.' || c === ',' || c === ';' || c === ':' || c === '?' || c === '!') {
      // Keep `..` and `./` meaningful: `../` and a trailing `..` segment are paths, not punctuation.
      if (c === '.' && (path[end - 2] === '.' || path[end - 2] === '/' || end === 1)) break;
      end--;
    } else if (c === ')' && !path.slice(0, end).includes('(')) {
      end--;
    } else {
      break;
    }
  }
  return path.slice(0, end);
}

/**
 * A route-param file or folder of file-based routers: `$id.ts`, `$.tsx` (TanStack, Remix),
 * `posts.$postId.tsx` (Remix flat routes). Never a first segment: `$lib/x` is an import alias,
 * `$HOME/x` a variable.
 */
const ROUTE_PARAM = /^(?:[\w-]+\.)*\$[\w-]*(?:\.[\w-]+)*$/;

/** The path with the `$` of its route-param segments (`ROUTE_PARAM`) taken out. */
function withoutRouteParams(path: string): string {
  if (!path.includes('$')) return path;
  return path
    .split('/')
    .map((segment, i) => (i > 0 && ROUTE_PARAM.test(segment) ? segment.replace(/\$/g, '') : segment))
    .join('/');
}

/** Glob magic outside route folders: `*`, `?`, `{a,b}`, `[jt]s`. */
function isGlob(segments: readonly string[]): boolean {
  return segments.some((s) => !ROUTE_FOLDER.test(s) && /[*?{[]/.test(s));
}

/** Each segment must look like a file or folder name (no route params, no stray brackets or calls). */
function segmentsLookLikeNames(segments: readonly string[]): boolean {
  return segments.every((segment, index) => {
    if (segment === '') return true;
    if (segment.startsWith(':')) return false;
    if (segment === '~') return index === 0;
    if (segment.includes('(') || segment.includes(')')) return ROUTE_GROUP.test(segment);
    // `pkg@1.2.3/x` is a package spec; `@types/node`, `@/lib` start with `@` legitimately.
    if (segment.indexOf('@') > 0) return false;
    if (segment.includes('[') || segment.includes(']')) {
      return ROUTE_FOLDER.test(segment) || /^[^[\]]*(?:\[[^[\]/]+\][^[\]]*)+$/.test(segment);
    }
    if (segment.includes('{') || segment.includes('}')) return /^[^{}]*\{[^{}]+\}[^{}]*$/.test(segment);
    return true;
  });
}

/** A glob needs something concrete to be about: a directory part or an extension (`*.py`, not `*`). */
function isPlausibleGlob(segments: readonly string[]): boolean {
  const letters = segments.some((s) => /[\p{L}_]/u.test(s.replace(/[*?]/g, '')));
  if (!letters) return false;
  if (segments.filter((s) => s !== '').length > 1) return true;
  return /\.[\w{},]+$/.test(segments[0] ?? '');
}

/**
 * Classify and normalise a token. `quoted` tokens (from backticks) may be bare file names and
 * extensionless paths; prose tokens must clearly be paths: a directory and a known extension
 * or file name, or a trailing slash.
 */
export function classifyPath(raw: string, quoted: boolean): PathShape | undefined {
  if (raw.length === 0 || raw.length > MAX_TOKEN) return undefined;
  if (raw.includes('://') || raw.startsWith('git+') || raw.startsWith('mailto:')) return undefined;

  if (PHP_NAMESPACE.test(raw)) return undefined;
  let path = stripTrailing(raw.replace(/\\/g, '/'));
  while (path.startsWith('./')) path = path.slice(2);
  if (path.startsWith('//')) return undefined; // a UNC share or a protocol-relative URL
  path = path.replace(/\/{2,}/g, '/');
  if (path === '' || path === '.' || path === '..' || path === '/') return undefined;

  // Commas only belong inside glob braces (`*.{ts,tsx}`); `$` only in route-param names below the first folder.
  if (FORBIDDEN.test(withoutRouteParams(path).replace(/\{[^{}]*\}/g, 'x')) || hasControlCharacter(path)) return undefined;
  if (path.includes(':') && !/^[A-Za-z]:\//.test(path)) return undefined;

  const segments = path.split('/');
  if (!segmentsLookLikeNames(segments)) return undefined;
  if (segments.length === 1 && CONFIG_KEY.test(path)) return undefined;

  const drive = /^[A-Za-z]:\//.test(path);
  const rooted = path.startsWith('/');
  const home = path.startsWith('~/');
  const first = rooted ? (segments[1] ?? '') : (segments[0] ?? '');
  if (rooted && (SYSTEM_ROOTS.has(first) || ROUTE_ROOT.test(first))) return undefined;
  if (!rooted && !drive && !home && segments.length > 1 && HOST.test(first)) return undefined;

  const names = segments.filter((s) => s !== '' && s !== '~' && !/^[A-Za-z]:$/.test(s));
  const hasDirectory = names.length > 1 || ((rooted || drive || home) && names.length > 0);
  const machinePath = drive || home || (rooted && HOME_ROOTS.has(first));

  if (isGlob(segments)) {
    // `/api/hub/*` and friends: absolute globs outside a home directory are routes, not files.
    if (rooted && !machinePath) return undefined;
    // Prose globs need an extension (`src/**/*.ts`); `image/*` there is a MIME type.
    if (!quoted && !/\.[\w{},*]+$/.test(lastName(names))) return undefined;
    // `@tiptap/*`: every package of a scope, not files.
    if ((names[0] ?? '').startsWith('@') && !path.includes('.')) return undefined;
    return isPlausibleGlob(names) ? { path, kind: 'glob' } : undefined;
  }

  if (path.endsWith('/')) {
    if (rooted && !machinePath) return undefined;
    if (!names.some((s) => /[\p{L}_]/u.test(s))) return undefined;
    return { path, kind: 'directory' };
  }

  if (isFileName(lastName(names), hasDirectory, !quoted)) {
    return { path, kind: 'file' };
  }
  if (quoted && isExtensionlessPath(names, rooted, machinePath)) return { path, kind: 'file' };
  // In backticks, a name that may be a file (`firestore.rules`) or a folder (`frontend/src`):
  // a reference only when it names something in the workspace (see `isSpeculative`).
  if (quoted && !rooted && !machinePath && isUnsureName(names)) return { path, kind: 'file' };
  return undefined;
}

/**
 * `firestore.rules`, `schema.graphqls`: a bare name with an extension no list knows; `frontend/src`,
 * `web/app`: two names and no extension. Each is as often something else (`user.name`,
 * `gorilla/websocket`, `try/catch`), so only the workspace can say.
 */
export function isUnsureName(names: readonly string[]): boolean {
  const last = lastName(names);
  // (`99-teleop.rules`: a leading number, as udev and migrations order their files.)
  if (names.length === 1) return /^(?:[\p{L}_]|\p{N}+[-_]?\p{L})[\p{L}\p{N}_-]*\.[a-z][a-z0-9]{1,11}$/u.test(last);
  // (`.githooks/pre-commit`: a dot folder's extensionless file.)
  return names.length === 2 && names.every((s, i) => /^[\p{L}_][\p{L}\p{N}_.-]*$/u.test(i === 0 ? s.replace(/^\./, '') : s) && !s.endsWith('.')) && !last.includes('.');
}

function lastName(names: readonly string[]): string {
  return names[names.length - 1] ?? '';
}

/**
 * Extensionless but unmistakably a path: `src/components/ui`, `~/.claude/todos`, a home path.
 * The resolver learns from the file system whether it is a file or a folder. Two segments
 * (`gorilla/websocket`, `try/catch`) are too often something else, and so are Go module paths
 * (`redis/go-redis/v9`), relative API routes (`api/webhooks/stripe`) and `POST/DELETE/GET`.
 */
function isExtensionlessPath(names: readonly string[], rooted: boolean, machinePath: boolean): boolean {
  if (!machinePath && (rooted || names.length < 3)) return false;
  if (!machinePath && ROUTE_ROOT.test(names[0] ?? '')) return false;
  if (/^v\d+$/.test(lastName(names))) return false;
  if (names.every((s) => /^[A-Z]+$/.test(s))) return false;
  return names.every((s) => /^[\p{L}\p{N}_.@+-]+$/u.test(s) || ROUTE_FOLDER.test(s) || ROUTE_GROUP.test(s));
}
