/**
 * References inside one code span: `web_api/auth.py`, `terminal.tsx:156`,
 * `route.ts:100, 155`, `来源：07/01_backendServer.py:218-271`, `a.py, b.py`, `App.tsx(31,22)`,
 * `train.py::fit()`, `/Users/me/my app/x.py:12`.
 */
import type { LineRange, ReferenceKind } from '../model';
import { matchLineSpec } from './lineSpec';
import { isFileName } from './fileNames';
import { classifyPath } from './pathShape';
import { isBareFolderName, isSpeculative } from './speculative';

export interface SpanItem {
  /** Offsets into the span content. */
  start: number;
  end: number;
  path: string;
  kind: ReferenceKind;
  ranges: LineRange[];
  /** `fit` in `train.py::fit()`: the symbol named in the path's own notation. */
  symbol?: string;
  /** A bare name that is a reference only if a folder of that name is there: it takes no lines. */
  bare?: true;
}

/** Separators between several paths in one span. */
const SEPARATORS = ',，、;';

/** `来源：`, `Files:`, `see:`: a short label before the path. Bounded, so linear. */
const LABEL = /^[^\s:：`/\\]{1,40}[:：]\s*/u;

function isSpace(c: string | undefined): boolean {
  return c !== undefined && /\s/.test(c);
}

/**
 * Where the path token starting at `i` ends: at whitespace, a separator outside glob braces,
 * a `:` (line spec or label; a drive letter's colon excepted) or a `#L` anchor.
 */
function tokenEnd(content: string, i: number): number {
  let depth = 0;
  let j = i;
  for (; j < content.length; j++) {
    const c = content[j] ?? '';
    if (isSpace(c)) break;
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && SEPARATORS.includes(c)) break;
    else if (c === ':' || c === '：') {
      const drive = j === i + 1 && /[A-Za-z]/.test(content[i] ?? '') && /[\\/]/.test(content[j + 1] ?? '');
      if (!drive) break;
    } else if (c === '#' && /^#L?\d/.test(content.slice(j, j + 3))) break;
    else if ((c === '(' || c === '（') && /\d/.test(content[j + 1] ?? '')) break; // `App.tsx(31,22)`
  }
  return j;
}

/** A word between two paths of one span: `&`, `+`, `and`, `or`, `und`, `et`, `y`. */
const JOINER = /^(?:&|\+|and|or|und|oder|et|ou|y|e)\s+/i;

/** `::fit_rolling_pca()`, `::TestAuth::test_login` (pytest ids, C++/Rust paths): the symbol and where it ends. */
const SYMBOL_SUFFIX = /^::([A-Za-z_][\w]*(?:::[A-Za-z_][\w]*|\.[A-Za-z_][\w]*)*)(?:\(\))?/;

/**
 * `:write_out`, `:slug()`, `:Parser.parse` after a file's name: the symbol it names there. Only
 * an identifier that ends the token (`x.py:bar-baz`, `x.py:12a` stay no path).
 */
const FILE_SYMBOL = /^[:：]([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?:\(\))?(?=$|[\s,;)\]])/;

/** A section sign and its number after a file's name (`§7`, `§ 4.2`, `§P4.2`). */
const SECTION_SUFFIX = /^[ \t]*§[ \t]?[\w.-]{1,20}/;

/** The first word of a command line, not of a name. */
const COMMAND = /^(?:npm|npx|pnpm|yarn|bun|node|deno|pip3?|python3?|uv|poetry|cargo|go|git|make|cd|cat|rm|mv|cp|ls|sh|bash|run|open|edit|see|source|docker|kubectl)\s/i;

/**
 * `release notes.txt`, `docs/Release Notes.md`, `docs/13. FinalOracle/README.md`: a whole span
 * that is one file whose name or folders hold spaces (a few words, then a listed extension; in a
 * folder only after a first one, `docs/`). Written like prose as often as a name, so it is a
 * reference only when the file is there (`isSpeculative`).
 */
function nameWithSpaces(content: string): SpanItem[] | undefined {
  const whole = content.trim();
  // A line spec closing the span (`docs/Upgrade Guide.md:4`) is the name's lines.
  const cut = /:(?=L?\d)|#L\d/.exec(whole);
  const spec = cut ? matchLineSpec(whole, cut.index) : undefined;
  if (cut && spec?.end !== whole.length) return undefined;
  const text = cut ? whole.slice(0, cut.index) : whole;
  if (text.length > 120 || !/^[^\s/\\][^\n]*\s[^\n]*$/.test(text) || text.split(/\s+/).length > 6) return undefined;
  // Spaces in the name, or in folders below the first (`see docs/a.md` is a word, then a path);
  // no option (`-r`) or command (`pip install x.txt`) among its words.
  const slash = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
  const firstSlash = text.search(/[/\\]/);
  const spaceInFolders = /\s/.test(text.slice(0, slash + 1));
  if ((spaceInFolders && text.search(/\s/) < firstSlash) || /\s\./.test(text) || /(?:^|\s)[-=]/.test(text) || COMMAND.test(text)) return undefined;
  const shape = classifyPath(text.replace(/\s/g, '_'), true);
  if (shape?.kind !== 'file' || !isFileName(text.slice(text.lastIndexOf('/') + 1).replace(/\s/g, '_'), false, true)) return undefined;
  const start = content.indexOf(whole);
  return [{ start, end: start + whole.length, path: text.replace(/\\/g, '/').slice(0, shape.path.length), kind: 'file', ranges: spec ? spec.ranges : [] }];
}

/** Every path in `content` from `from`, or undefined when anything in it is not a path. */
function parseFrom(content: string, from: number): SpanItem[] | undefined {
  const items: SpanItem[] = [];
  let i = from;
  while (i < content.length && isSpace(content[i])) i++;
  while (i < content.length) {
    const j = tokenEnd(content, i);
    const shape = classifyPath(content.slice(i, j), true);
    if (!shape) return undefined;
    // `mod.py::fit()`, and for a file `mod.py:write_out` / `mod.py:slug()` (a symbol in the file, no line).
    const symbol = SYMBOL_SUFFIX.exec(content.slice(j, j + 200)) ?? (shape.kind === 'file' ? FILE_SYMBOL.exec(content.slice(j, j + 200)) : null);
    const spec = symbol ? undefined : matchLineSpec(content, j);
    let end = symbol ? j + symbol[0].length : spec ? spec.end : j;
    // A trailing colon with nothing after it (`src/x.py:`) is punctuation; `x.py:bar-baz` is not a path.
    if (!spec && !symbol && (content[j] === ':' || content[j] === '：')) {
      // `alita/modules/core.go:*`: every line of the file, which is the file.
      const every = content[j + 1] === '*' && (j + 2 >= content.length || isSpace(content[j + 2])) ? 1 : 0;
      if (j + 1 + every < content.length && !isSpace(content[j + 1 + every])) return undefined;
      end = j + 1 + every;
    }
    // `SYNC_ARCHITECTURE.md §7`, `ROADMAP.md §P4.2`: a section of the file, as `#anchor` would be.
    const section = spec || symbol ? null : SECTION_SUFFIX.exec(content.slice(end, end + 40));
    const item: SpanItem = { start: i, end, path: shape.path, kind: shape.kind, ranges: spec ? spec.ranges : [] };
    if (section) end += section[0].length;
    if (symbol) item.symbol = symbol[1];
    items.push(item);
    let k = end;
    while (k < content.length && (isSpace(content[k]) || SEPARATORS.includes(content[k] ?? ''))) k++;
    if (k === end && k < content.length) return undefined; // glued garbage after the spec
    // `udev/a.rules & b.rules`, `a.ts and b.ts`: a word joining two paths.
    const joiner = JOINER.exec(content.slice(k, k + 6));
    if (joiner && k > end) k += joiner[0].length;
    i = k;
  }
  return items.length > 0 ? items : undefined;
}

/**
 * The start of a path on someone's machine, whose folders may hold spaces (`/Users/me/my app/`,
 * `C:\Users\me\My Projects\`): such a span is one path, not words.
 */
const MACHINE_PATH = /^(?:[A-Za-z]:[\\/]|\/(?:Users|home|Volumes|mnt|workspaces?)\/)/;

/** A whole span that is one machine path with spaces, with its line spec: `/Users/me/my app/x.py:12`. */
function machinePathWithSpaces(content: string): SpanItem[] | undefined {
  const text = content.trimEnd();
  if (!MACHINE_PATH.test(text) || !text.includes(' ')) return undefined;
  // The path ends at its line spec (`:12`, `#L5`, `(31,22)`, ` (line 4)`) or at the span's end.
  const cut = /:(?=L?\d)|#L?\d|\(\d| \(| line| lines/.exec(text.slice(3));
  const end = cut ? cut.index + 3 : text.length;
  // Classified with the spaces as `_` (the shape is the same); the path keeps its spaces. The
  // normalising steps only touch slashes and the end, so lengths line up between the two.
  const written = text.slice(0, end);
  // Spaces in the folders only: a name with a space is prose (`/Users/me/some thing`).
  const name = written.slice(Math.max(written.lastIndexOf('/'), written.lastIndexOf('\\')) + 1);
  if (name.includes(' ')) return undefined;
  const shape = classifyPath(written.replace(/ /g, '_'), true);
  if (!shape) return undefined;
  const spec = end < text.length ? matchLineSpec(text, end) : undefined;
  if (end < text.length && spec?.end !== text.length) return undefined;
  const path = written.replace(/\\/g, '/').replace(/\/{2,}/g, '/').slice(0, shape.path.length);
  return [{ start: 0, end: text.length, path, kind: shape.kind, ranges: spec ? spec.ranges : [] }];
}

/** What may follow a file in its span when the span names the routes it serves: methods, routes, arrows. */
const ROUTE_WORD = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ALL|ANY|[-—–→:|]|->|=>|\/[^\s`]*)$/;

/**
 * `auth.js /remove`, `routes/user.js POST /login`, `api.py:40 GET /users, POST /users`: a file
 * and the routes it serves, in one span. The file (with its line spec) is the reference.
 */
function fileThenRoutes(content: string): SpanItem[] | undefined {
  const j = tokenEnd(content, 0);
  const shape = classifyPath(content.slice(0, j), true);
  if (shape?.kind !== 'file' || !/\.[A-Za-z][A-Za-z0-9]{0,7}$/.test(shape.path)) return undefined;
  const spec = matchLineSpec(content, j);
  const end = spec ? spec.end : j;
  const tail = content.slice(end).split(/[\s,]+/).filter(Boolean);
  if (!tail.some((word) => word.startsWith('/')) || !tail.every((word) => ROUTE_WORD.test(word))) return undefined;
  return [{ start: 0, end, path: shape.path, kind: shape.kind, ranges: spec ? spec.ranges : [] }];
}

/**
 * `lib/payment.ts createDepositPreference`, `src/a.py get_marks()`: a file and the identifier it
 * holds, in one span. The file is the reference, the identifier its symbol.
 */
function fileThenSymbol(content: string): SpanItem[] | undefined {
  const m = /^(\S+)[ \t]+([A-Za-z_$][\w$]*(?:(?:\.|::|#)[A-Za-z_$][\w$]*)*)(?:\(\))?[ \t]*$/.exec(content);
  if (!m?.[1] || !m[2]) return undefined;
  const shape = classifyPath(m[1], true);
  if (shape?.kind !== 'file' || !/\.[A-Za-z][A-Za-z0-9]{0,7}$/.test(shape.path) || COMMAND.test(content)) return undefined;
  return [{ start: 0, end: m[1].length, path: shape.path, kind: 'file', ranges: [], symbol: m[2] }];
}

/** The references in a code span's content; [] when the span is code, a command or prose. */
export function parseSpanContent(content: string): SpanItem[] {
  if (content.length > 2048) return []; // a code block in backticks, not a path list
  const machine = machinePathWithSpaces(content);
  if (machine) return machine;
  const direct = parseFrom(content, 0);
  // `docs/Upgrade Guide.md` is one name with a space, not `docs/Upgrade` (an unsure name) and `Guide.md`.
  if (direct?.some((item) => isSpeculative(item.path))) return nameWithSpaces(content) ?? direct;
  if (direct) return direct;
  const routed = fileThenRoutes(content) ?? fileThenSymbol(content);
  if (routed) return routed;
  const label = LABEL.exec(content);
  if (label && label[0].length < content.length) {
    const labelled = parseFrom(content, label[0].length);
    if (labelled) return labelled;
  }
  return nameWithSpaces(content) ?? bareFolderName(content) ?? [];
}

/**
 * `hono-server`, `src`, `tests`: a whole span that is one bare name may be a folder of the
 * project, or a word, a package, a key. A reference only when the project (or the workspace) has a
 * folder of that name at its top (`isBareFolderName`): never found by its tail, never missing.
 */
function bareFolderName(content: string): SpanItem[] | undefined {
  const text = content.trim();
  if (!isBareFolderName(text)) return undefined;
  const start = content.indexOf(text);
  return [{ start, end: start + text.length, path: text, kind: 'directory', ranges: [], bare: true }];
}
