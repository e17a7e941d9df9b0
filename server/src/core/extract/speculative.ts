/**
 * Tokens written like paths that are as often something else: kept as references only when they
 * name something in the workspace, never reported missing. `TODO` is a file now and then but
 * mostly the marker; `@/lib/auth` and `~/components/Nav` are import specifiers that a bundler's
 * alias maps into the project (often `src/`), and `@scope/pkg/sub` is a package. A bare
 * `moment.js`, `chart.js`, `three.js` is a library as often as a file; `firestore.rules` has an
 * extension no list knows; `frontend/src` may be a folder or `gorilla/websocket`.
 */
import { isFileName, isMemberAlternatives } from './fileNames';
import { isUnsureName } from './pathShape';

/** File names that are also words a document writes in capitals. */
const WORD_NAMES: ReadonlySet<string> = new Set(['TODO', 'BUILD', 'VERSION', 'NOTICE', 'CHANGES', 'OWNERS', 'WORKSPACE']);

/** Bundler aliases for the project's source: `@/`, `~/`, `#/`, `@@/`, `~~/` (Vite, Next.js, Nuxt, Node subpath imports). */
const ALIAS = /^(?:@@|~~|@|~|#)\//;

/**
 * `~/` is also a home directory (`~/.claude/todos`, `~/projects/x`, `~/src/repo`): it is an alias
 * only before a folder name that source trees use inside a project and homes do not.
 */
const SOURCE_FOLDERS: ReadonlySet<string> = new Set([
  'app', 'lib', 'components', 'composables', 'utils', 'util', 'stores', 'store', 'pages', 'layouts', 'plugins',
  'assets', 'server', 'types', 'hooks', 'features', 'modules', 'services', 'api', 'config', 'constants', 'helpers',
  'middleware', 'views', 'styles', 'shared', 'core', 'models', 'schemas', 'routes', 'context', 'contexts', 'providers',
]);

/** A scoped package or one of its subpaths: `@tanstack/react-query/build`. */
const SCOPED_PACKAGE = /^@[\w.-]+\//;

/** The path below the alias (`lib/auth` for `@/lib/auth`), or undefined when `path` is not an aliased import. */
export function aliasedImport(path: string): string | undefined {
  const alias = ALIAS.exec(path);
  if (!alias) return undefined;
  const rest = path.slice(alias[0].length);
  if (rest === '' || rest.startsWith('/')) return undefined;
  if (alias[0] === '~/' && !SOURCE_FOLDERS.has(rest.split('/', 1)[0] ?? '')) return undefined;
  return rest;
}

/**
 * Whether a reference to `path` only counts when it resolves (see the module comment); so does a
 * file name with spaces (`release notes.txt`) and calls listed with slashes
 * (`console.log/info/warn`), which a span holds as often when it is prose or code.
 */
export function isSpeculative(path: string): boolean {
  if (isBareFolderName(path)) return true;
  // Written as an entry for `.gitignore` far more often than as a file the repository holds.
  if (/(?:^|\/)(?:\.DS_Store|Thumbs\.db|desktop\.ini)$/.test(path)) return true;
  if (WORD_NAMES.has(path) || aliasedImport(path) !== undefined || SCOPED_PACKAGE.test(path) || isMemberAlternatives(path)) return true;
  // `households/{code}`, `users/{uid}/posts`: a Firestore or route path with a parameter (braces
  // around one name expand to nothing): a file only if one is so named.
  if (PARAMETER_SEGMENT.test(path)) return true;
  // `/swagger-ui.html`, `/robots.txt`: one name under a slash is a page the app serves as often
  // as a file of someone's machine.
  if (/^\/[^/]+$/.test(path)) return true;
  // A space in a relative path's name or folders (`docs/13. FinalOracle/README.md`): as often prose.
  // (A machine path's folders hold spaces as a matter of course: `/Users/me/my app/x.py`.)
  return (MACHINE_ROOT.test(path) ? /\s/.test(path.slice(path.lastIndexOf('/') + 1)) : /\s/.test(path)) || unsureName(path);
}

/** A segment that is one name in braces: a parameter, not alternatives. */
const PARAMETER_SEGMENT = /(?:^|\/)\{[A-Za-z_][\w-]*\}(?:\/|$)/;

/** The start of an absolute path (`/Users/…`, `C:/…`). */
const MACHINE_ROOT = /^(?:\/|[A-Za-z]:\/)/;

/** A bare `name.js` (a library's way of naming itself), or a name only the workspace can tell (`isUnsureName`). */
function unsureName(path: string): boolean {
  if (path.startsWith('/') || path.endsWith('/') || /[*?{[]/.test(path)) return false;
  const names = path.split('/');
  if (names.length === 1 && /^[\p{L}][\p{L}\p{N}-]*\.js$/iu.test(path)) return true;
  if (isFileName(names[names.length - 1] ?? '', names.length > 1, true)) return false;
  return isUnsureName(names);
}

/**
 * One name with no slash and no dot, as a folder is written (`hono-server`, `src`, `WPF_Example`):
 * only a folder at the project's (or workspace's) top makes it a reference (see `quoted.ts`).
 */
export function isBareFolderName(path: string): boolean {
  if (!/^[\p{L}_][\p{L}\p{N}_-]{0,63}$/u.test(path) || !/\p{L}{2}/u.test(path)) return false;
  // `useState`, `ImageGenerationRequest` are code; `DATABASE_URL`, `TODO`, `API` are keys and words.
  return !/\p{Ll}\p{Lu}/u.test(path) && !/^[\p{Lu}\p{N}_-]+$/u.test(path) && !isFileName(path, false, true);
}
