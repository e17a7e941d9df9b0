/**
 * The reference extractor: every file reference in a slice of concerns-document markdown, with
 * the line ranges written beside it. Pure and total: any string in, never a throw, linear time.
 *
 * Two passes: code spans (quoted references, the common case and the trusted one), then the
 * prose between them (unquoted paths, kept by the resolver only when they exist).
 */
import type { LineRange } from '../model';
import type { FoundReference } from './types';
import { matchLineSpec, parseLineSpec } from './lineSpec';
import { classifyPath } from './pathShape';
import { parseSpanContent } from './quoted';
import { type CodeSpan, findCodeSpans, maskForProse } from './spans';
import { precedingSymbol, followingSymbol, symbolIn } from './symbols';

export { parseLineSpec } from './lineSpec';

export function extractReferences(text: string): FoundReference[] {
  // A keystroke changes one field; every other field's text is the same as last time, so its
  // references are taken from the cache instead of being scanned again.
  const cached = cache.get(text);
  if (cached) return cached;
  const found = scan(text);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(text, found);
  return found;
}

/** Field texts remembered (a 5,000-concern document has about 25,000 fields). */
const MAX_CACHED = 50_000;
const cache = new Map<string, readonly FoundReference[]>() as Map<string, FoundReference[]>;

function scan(text: string): FoundReference[] {
  try {
    const spans = findCodeSpans(text);
    const quoted = quotedReferences(text, spans);
    const prose = withoutOverlap(proseReferences(text, spans), quoted);
    return [...quoted, ...prose].sort((a, b) => a.start - b.start);
  } catch {
    // The scanners are written not to throw; this guards the editor against a bug in them.
    return [];
  }
}

/**
 * Drop prose references that sit inside a quoted one's line spec ("`a.py` (line 5, see b.py:3)"):
 * references never overlap. Both lists are in order, so one pass suffices.
 */
function withoutOverlap(prose: FoundReference[], quoted: readonly FoundReference[]): FoundReference[] {
  let k = 0;
  return prose.filter((ref) => {
    while (k < quoted.length && (quoted[k]?.end ?? 0) <= ref.start) k++;
    const q = quoted[k];
    return !q || ref.end <= q.start;
  });
}

/** After a bare backticked word: a noun saying it is a thing of the code, not a folder. */
const NAMES_CODE_AFTER = /^[ \t]+(?:client|clients|singleton|instance|instances|object|variable|var|function|functions|method|call|calls|command|commands|CLI|binary|package|library|dependency|SDK|type|class|hook|flag|option|key|field|property|column|crate|gem|import|imports|enum|constant|macro|struct|trait|interface)(?![\w./-])/;

function quotedReferences(text: string, spans: readonly CodeSpan[]): FoundReference[] {
  const out: FoundReference[] = [];
  spans.forEach((span, index) => {
    const content = text.slice(span.contentStart, span.contentEnd);
    const items = parseSpanContent(content);
    if (items.length === 0) {
      const named = classWithLines(text, span, content) ?? siblingByExtension(text, span, content, out[out.length - 1]);
      if (named && (out[out.length - 1]?.end ?? 0) <= span.start) out.push(named);
      return;
    }
    // `int`, `float` (`:119-122`): a word that may be a folder takes no lines, nor the path's.
    if (items[0]!.bare) {
      // (Never inside the reference before it: `` `a.ts` (`read` method, line 4) ``.)
      if ((out[out.length - 1]?.end ?? 0) > span.start) return;
      // "the main `prisma` singleton", "the `gh` CLI": the word names a thing of the code.
      if (NAMES_CODE_AFTER.test(text.slice(span.end, span.end + 24))) return;
      out.push({ start: span.start, end: span.end, path: items[0]!.path, kind: items[0]!.kind, ranges: [], quoted: true });
      return;
    }

    // A line spec after the closing backtick belongs to the span's last path, possibly with a
    // backticked symbol in between: `utils.py` `get_marks()` (line 46).
    let end = span.end;
    let symbol = precedingSymbol(text, spans, index);
    let outer = matchLineSpec(text, span.end);
    if (!outer) {
      const after = followingSymbol(text, spans, index);
      if (after) {
        outer = matchLineSpec(text, after.end);
        if (outer) symbol = after.symbol;
      }
    }
    if (!outer && items.length === 1) {
      const inParens = symbolThenLines(text, spans, index);
      if (inParens) {
        outer = inParens;
        symbol = inParens.symbol;
      }
    }
    const before = items.length === 1 && !outer ? linesBefore(text, span) : undefined;
    const atLineEnd = items.length === 1 && !outer && !before ? linesEndingItem(text, spans, index) : undefined;
    if (outer) end = outer.end;
    const lastRanges = [...(items[items.length - 1]?.ranges ?? []), ...(outer?.ranges ?? [])];
    const chained = specSpansAfter(text, spans, index, end, lastRanges);
    if (chained) end = chained.textEnd;

    items.forEach((item, i) => {
      const first = i === 0;
      const last = i === items.length - 1;
      const ref: FoundReference = {
        start: first ? span.start : span.contentStart + item.start,
        end: last ? end : span.contentStart + item.end,
        path: item.path,
        kind: item.kind,
        ranges: last && chained ? chained.ranges : last && outer ? [...item.ranges, ...outer.ranges] : [...item.ranges, ...(before ?? atLineEnd ?? [])],
        quoted: true,
      };
      if (item.symbol !== undefined) ref.symbol = item.symbol;
      else if (symbol !== undefined && items.length === 1) ref.symbol = symbol;
      out.push(ref);
    });
  });
  return out;
}

/**
 * `` `OrderController:25` ``, `` `PaymentService.verify` (lines 51-75) ``: a class named with
 * its lines, in languages that keep a class in a file of its name (Java, Kotlin, C#, Swift,
 * Dart...). A reference to the file of that name, which the resolver finds by its stem; written
 * as a name, not a path, it counts only when exactly one such file is there (`quoted: false`).
 */
function classWithLines(text: string, span: CodeSpan, content: string): FoundReference | undefined {
  const m = CLASS_WITH_LINES.exec(content.trim());
  if (!m) return undefined;
  let ranges = m[3] !== undefined ? parseLineSpec(m[3]) : [];
  let end = span.end;
  if (m[3] === undefined) {
    // (`AsyncSqlClient.UpdateAsync` overload (line 200-223): a word may say what the name is.)
    const kind = SYMBOL_KIND.exec(text.slice(span.end, span.end + 16)) ?? /^[ \t](?:overloads?|constructor|property|getter|setter|callback)[ \t]/.exec(text.slice(span.end, span.end + 16));
    const outer = matchLineSpec(text, span.end + (kind?.[0].length ?? 0));
    if (!outer || outer.ranges.length === 0) return undefined;
    ranges = outer.ranges;
    end = outer.end;
  }
  if (ranges.length === 0) return undefined;
  const ref: FoundReference = { start: span.start, end, path: m[1]!, kind: 'file', ranges, quoted: false };
  if (m[2] !== undefined) ref.symbol = m[2];
  else if (m[3] === undefined) ref.bareClass = true;
  return ref;
}

/**
 * `` `person-list.component.html` / `.ts` ``: the file of the same name with the other extension,
 * written as only that extension right after the path. Unquoted in effect: a reference only if
 * the file is there (the author abbreviates, and may be wrong).
 */
function siblingByExtension(text: string, span: CodeSpan, content: string, previous: FoundReference | undefined): FoundReference | undefined {
  if (!previous || previous.kind !== 'file' || !/^\.[A-Za-z][A-Za-z0-9]{0,9}(?:\.[A-Za-z][A-Za-z0-9]{0,9})?$/.test(content.trim())) return undefined;
  if (!/^[ \t]*(?:[/,+&]|or|and|y|et|i|e|und|або|или)?[ \t]*$/u.test(text.slice(previous.end, span.start))) return undefined;
  const dot = previous.path.lastIndexOf('.');
  if (dot <= previous.path.lastIndexOf('/') + 1) return undefined;
  return { start: span.start, end: span.end, path: `${previous.path.slice(0, dot)}${content.trim()}`, kind: 'file', ranges: [], quoted: false };
}

/** `Name`, `Name.member`, `Name.member()`, `Name<T>.member`, then perhaps `:N`, `:N-M`, `:N,M`. PascalCase, at least two humps or a member. */
const CLASS_WITH_LINES = /^((?:[A-Z][a-z0-9]+){2,8}|[A-Z][a-z0-9]{2,30}(?=(?:<[A-Z][\w, ]{0,30}>)?\.))(?:<[A-Z][\w, ]{0,30}>)?(?:\.([A-Za-z_$][\w$]{0,60})(?:\(\))?)?(?::(\d{1,6}(?:[-–]\d{1,6})?(?:,[ \t]?\d{1,6}(?:[-–]\d{1,6})?){0,8}))?$/;

/**
 * `` `a.ts` (`writeStore`, line 311) ``, `` `b.js` (`useMove`, lines 95–135) ``,
 * `` `x.tsx`（`handleFile` 函数第 18-28 行）``, `` `x.ts`（`parse` 第 36-44 行，`build` 第 94-124 行）``:
 * a parenthesis right after the path holding identifiers, each with its lines (perhaps after a
 * word saying what it is: function, 函数, メソッド), which are the path's. The symbol is kept
 * only when there is one: with several, which lines are whose is for the drift reader to guess.
 */
function symbolThenLines(text: string, spans: readonly CodeSpan[], index: number): { end: number; ranges: LineRange[]; symbol?: string } | undefined {
  const span = spans[index]!;
  let k = index + 1;
  let next = spans[k];
  // (The parenthesis may be wrapped onto the item's next line.)
  // (`(the `PLANOS` dict, lines 19-121)`: an article before the identifier is no other name.)
  if (!next || !/^(?:[ \t]?|[ \t]*\r?\n[ \t]*)[(（](?:(?:the|its|a|an)[ \t]+)?$/i.test(text.slice(span.end, next.start))) return undefined;
  const ranges: LineRange[] = [];
  const symbols: string[] = [];
  for (;;) {
    const symbol = symbolIn(text, next);
    if (symbol === undefined) return undefined;
    symbols.push(symbol);
    const kind = SYMBOL_KIND.exec(text.slice(next.end, next.end + 16));
    const at = next.end + (kind?.[0].length ?? 0);
    const spec = matchLineSpec(text, at);
    if (!spec || (!kind && text[at] !== ',' && text[at] !== ' ')) return undefined;
    ranges.push(...spec.ranges);
    let close = spec.end;
    while (text[close] === ' ') close++;
    if (text[close] === ')' || text[close] === '）') {
      const found: { end: number; ranges: LineRange[]; symbol?: string } = { end: close + 1, ranges };
      if (symbols.length === 1) found.symbol = symbols[0]!;
      return found;
    }
    // `，`, `,`, `;`, `、` and the next identifier's span.
    if (!/[,，;；、]/.test(text[close] ?? '')) return undefined;
    next = spans[++k];
    if (!next || !/^[,，;；、][ \t]?$/.test(text.slice(close, next.start))) return undefined;
  }
}

/** A word between an identifier and its lines saying what it is: `function`, `函数`, `メソッド`. */
const SYMBOL_KIND = /^[ \t]?(?:(?:function|method|func|fn|class|type|interface|struct|enum|trigger|triggers|policy|policies|table|view|component|hook|constant|const|procedure|query|handler|dict|map|array|list|object|block|variable|funktion|methode|función|método|fonction|méthode|funzione|metodo)(?![\p{L}\p{N}_])|函数|方法|类|関数|メソッド|クラス|함수|메서드|메소드|클래스)[ \t]?/u;

/** `(L70-72 in `, `(lines 3-9 of `: a parenthesis opening with lines and naming the file they are in. */
const LINES_IN = /[(（]((?:lines?|L)[ \t]?\d[\d \t,\-–L]{0,30}?)[ \t]+(?:in|of)[ \t]+$/i;

/**
 * `` `f` (L70-72 in `mod.ts`) ``: lines written before the path inside one parenthesis, which
 * closes right after it. Anything else in the parenthesis and the lines are left to no file.
 */
function linesBefore(text: string, span: CodeSpan): LineRange[] | undefined {
  const m = LINES_IN.exec(text.slice(Math.max(0, span.start - 48), span.start));
  if (!m?.[1]) return undefined;
  if (!/^[ \t]?[)）]/.test(text.slice(span.end, span.end + 2))) return undefined;
  const ranges = parseLineSpec(m[1]);
  return ranges.length > 0 ? ranges : undefined;
}

/** A list item's marker and indentation, up to where its text starts. */
const ITEM_LEAD = /^[ \t]*(?:[-*+]|\d+[.)])[ \t]+$/;
/** How far before a path its item's marker may stand, and how long the rest of its line may be. */
const MAX_ITEM_LEAD = 40;
const MAX_ITEM_LINE = 600;
/** A path-ish word of prose (`x/y`, `name.ext`): another file the lines could be of. */
const PROSE_PATH = /[\w-]\/[\w.-]|\b\w+\.[A-Za-z]\w{0,5}\b/;

/**
 * `  - `src/a.tsx` - constants are hardcoded (lines 3-9)`: a list item led by the path, whose
 * line closes with a parenthesis of lines and names no other file: those lines are the path's.
 */
function linesEndingItem(text: string, spans: readonly CodeSpan[], index: number): LineRange[] | undefined {
  const span = spans[index]!;
  // Bounded looks at the line around the span: linear on long lines of many spans.
  const before = text.slice(Math.max(0, span.start - MAX_ITEM_LEAD), span.start);
  const newline = before.lastIndexOf('\n');
  if (newline < 0 && span.start > MAX_ITEM_LEAD) return undefined;
  if (!ITEM_LEAD.test(before.slice(newline + 1))) return undefined;
  const rest = text.slice(span.end, span.end + MAX_ITEM_LINE);
  const newlineAfter = rest.indexOf('\n');
  if (newlineAfter < 0 && span.end + MAX_ITEM_LINE < text.length) return undefined;
  const lineEnd = newlineAfter < 0 ? span.end + rest.length : span.end + newlineAfter;
  const line = text.slice(span.end, lineEnd);
  // (`` - `a.py` has `f()` (lines 15-26) -- the right pattern ``: a note after a dash may follow.)
  const m = /[(（](~?(?:lines?[ \t]+|L)~?\d[\d \t,\-–~L]{0,40})[)）][ \t]*(?:[.;]|[ \t](?:--|—|–)[ \t][^()（）`\n]{0,200})?[ \t]*$/i.exec(line);
  if (!m?.[1] || m.index === 0) return undefined;
  if (PROSE_PATH.test(line.slice(m.index + m[0].indexOf(')') + 1))) return undefined;
  // Another span that names a file, or a file name in the prose: whose lines would be unclear.
  for (let k = index + 1; k < spans.length && spans[k]!.start < lineEnd; k++) {
    if (parseSpanContent(text.slice(spans[k]!.contentStart, spans[k]!.contentEnd)).some((item) => !item.bare)) return undefined;
  }
  if (PROSE_PATH.test(line.slice(0, m.index).replace(/`[^`\n]*`/g, ' '))) return undefined;
  const ranges = parseLineSpec(`(${m[1]})`);
  return ranges.length > 0 ? ranges : undefined;
}

/** A span that holds nothing but a line spec: `140`, `88-93`, `:133`, `L10-L20`, `#L5`, `100, 155`. */
const SPEC_ONLY = /^[:#]?L?\d[\d ,\-–L+/:]{0,40}$/;
/** What may stand between a path's span and a line-spec span of its list: `, ` `、` `and` `vs` ... */
const LIST_GAP = /^ ?(?:[,，、;&/]|and|und|et|y|e|vs\.?)? ?$/;
/**
 * A note in parentheses and then a list's joint: `` `stats.ts:41-65` (six count queries), `74-106` ``
 * (the next lines are the same file's, the note says what the first ones do).
 */
const NOTED_LIST_GAP = /^ ?[(（][^()（）`\n]{1,80}[)）] ?(?:[,，、;&]|and) ?$/;
/** What joins the two ends of a range written as two spans: `:133`~`313`, `:10` - `20`. */
const RANGE_GAP = /^ ?(?:[~〜～\-–]|to) ?$/;
/**
 * Prose between a path and a `:N` span (`사용처 `:21``, "the bug is at `:181-192`"): a few
 * words of one sentence, no file name in it.
 */
const MAX_PROSE_GAP = 40;
/**
 * Further on in the same item, past words and other code (`` `a.py:27-298` — `generate` mixes
 * routing (`:43-176`) and, wrapped onto the next line, dispatch (`:178-247`) ``): a `:N` span
 * still belongs to the path it follows when no other file, blank line or new item stands
 * between (a sentence may).
 */
const MAX_ITEM_GAP = 240;
const NEW_BLOCK = /\n[ \t]*(?:\n|[-*+][ \t]|\d{1,3}[.)][ \t]|#|\|)/;
const OTHER_FILE = /[/\\]|[\w-]\.[A-Za-z][A-Za-z0-9]{0,4}\b/;

/**
 * Line specs written as spans of their own after a path's span, which belong to that path:
 * `` `store.js:88`, `140`, `88-93` ``, `` `mapLayers.js:133`~`313` `` (lines 133 to 313),
 * `` `a.js:147`~`193` vs `223`~`266` ``. A bare number only continues a list that already has a
 * line (`` `server.ts`, `3000` `` is a port); a `:N` span may follow a few words of prose
 * (`` `a.js:5` 사용처 `:21` ``), or further words and code of the same item once the path has
 * a line (MAX_ITEM_GAP), but never across a new item or another file name.
 */
function specSpansAfter(text: string, spans: readonly CodeSpan[], index: number, from: number, ranges: readonly LineRange[]): { end: number; textEnd: number; ranges: LineRange[] } | undefined {
  const out = [...ranges];
  let end = from;
  // What the reference is written as: the path and the specs right after it, not the words
  // up to a `:N` further on in the item (a link over them would cover other code).
  let textEnd = from;
  let far = false;
  // The last code that is no line spec since the last spec taken (`generate` above): past it,
  // only a `:N` span further on in the item can still be the path's.
  let lastCode: { end: number; content: string } | undefined;
  const pathSpan = spans[index]!;
  const fileName = text.slice(pathSpan.contentStart, pathSpan.contentEnd);
  for (let k = index + 1; k < spans.length; k++) {
    const span = spans[k]!;
    if (span.start < end) continue; // inside the line spec already read after the path
    const content = text.slice(span.contentStart, span.contentEnd).trim();
    if (!SPEC_ONLY.test(content)) {
      if (span.start - end > MAX_ITEM_GAP || OTHER_FILE.test(content)) break;
      lastCode = { end: span.end, content };
      continue;
    }
    // `POST /api/generate` (`:77`), `AsyncOpenAI` (`:25`): the lines of the route or class named
    // right before, which may live in another file: not the path's, and nothing after is either.
    if (lastCode && /^[ \t]*[(（]?[ \t]*$/.test(text.slice(lastCode.end, span.start)) && namesThingElsewhere(lastCode.content, fileName)) break;
    const gap = text.slice(end, span.start);
    const colon = content[0] === ':' || content[0] === '#';
    const listed = !lastCode && (LIST_GAP.test(gap) || (out.length > 0 && NOTED_LIST_GAP.test(gap)));
    const joinsRange = !lastCode && RANGE_GAP.test(gap);
    // (`server.ts` listens on `:3000` is a port, not a line.)
    const port = /\b(?:port|listen|host|bind)/i.test(gap);
    const prose = colon && !lastCode && gap.length <= MAX_PROSE_GAP && !/[\n.。!?/\\]/.test(gap) && !port;
    // (Past a sentence too: "(`x.js:206-216`) … (`:257`). Die … (`:236-239`)" writes every line of
    // the item so, and a bare `:N` names no other file.)
    const sameItem = content[0] === ':' && out.length > 0 && gap.length <= MAX_ITEM_GAP && !NEW_BLOCK.test(gap) && !OTHER_FILE.test(gap) && !port;
    if (!listed && !joinsRange && !prose && !sameItem) break;
    if (!listed && !joinsRange && !prose) far = true;
    if (!colon && out.length === 0) break;
    const spec = parseLineSpec(content);
    const single = spec.length === 1 && spec[0]!.start === spec[0]!.end ? spec[0]! : undefined;
    const previous = out[out.length - 1];
    if (joinsRange && !colon && single && previous && !previous.toEnd) {
      out[out.length - 1] = { start: Math.min(previous.start, single.start), end: Math.max(previous.start, single.start) };
    } else if (spec.length > 0) {
      out.push(...spec);
    } else break;
    end = span.end;
    if (!far) textEnd = span.end;
    lastCode = undefined;
  }
  return end > from ? { end, textEnd, ranges: out } : undefined;
}

/**
 * Code naming something that may live in another file than `file`: an API route (`/api/x`,
 * `POST /login`), or a class (`AsyncOpenAI`) the file is not named for.
 */
export function namesThingElsewhere(code: string, file: string): boolean {
  if (/^(?:(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)[ \t]+)?\/[\w/{}:.*@-]*$/.test(code)) return true;
  const cls = /^([A-Z][A-Za-z0-9]{2,60})(?:\(\))?$/.exec(code)?.[1];
  if (cls === undefined || !/[a-z]/.test(cls)) return false;
  return !isNamedFor((file.split(/[/\\]/).pop() ?? '').replace(/[:#].*$/, ''), cls);
}

/** A file's name without folders, extension and marks, lower case: `user_service` → `userservice`. */
export function fileStem(file: string): string {
  return (file.split(/[/\\]/).pop() ?? '').replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
}

/** Whether the file is named for `name` (a class, a member's owner), or `name` for it: `UserService` and `user_service.dart`. */
function isNamedFor(file: string, name: string): boolean {
  const stem = fileStem(file);
  const owner = name.replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
  return stem !== '' && (stem.includes(owner) || owner.includes(stem));
}

/**
 * A path-ish run in prose: word characters, dots, dashes, slashes (both ways), `@`, `+`, `~`,
 * `*`, with an optional drive letter. One character class under one quantifier: linear.
 */
// (`src/pages/recipes/[slug].astro`: a route segment in brackets after a slash is part of the name;
// so is a route group in parentheses between slashes, `app/(auth)/login/page.tsx`.)
const PROSE_TOKEN = /(?<![A-Za-z0-9])[A-Za-z]:(?=[\\/])[\w.\-/\\@+~*]*|[\w.\-/\\@+~*]+(?:(?<=\/)(?:\[[\w.-]{1,40}\]|\([\w.-]{1,40}\)(?=\/))[\w.\-/\\@+~*]*)*/g;

function proseReferences(text: string, spans: readonly CodeSpan[]): FoundReference[] {
  const masked = maskForProse(text, spans);
  const out: FoundReference[] = [];
  for (const m of masked.matchAll(PROSE_TOKEN)) {
    let start = m.index;
    let end = start + m[0].length;
    // Markdown emphasis and strikethrough glued to the path: **src/x.py**, ~~src/x.py~~.
    // A run of `*` that starts `**/` or `*.py` (or ends `src/**`, `x.*`) is a glob, so a run
    // is only stripped when a name character stands on its inner side.
    let lead = start;
    while (lead < end && (text[lead] === '*' || text[lead] === '~')) lead++;
    if (lead > start && lead < end && !/[/.\\]/.test(text[lead] ?? '')) start = lead;
    let trail = end;
    while (trail > start && (text[trail - 1] === '*' || text[trail - 1] === '~')) trail--;
    if (trail < end && trail > start && !/[/.\\]/.test(text[trail - 1] ?? '')) end = trail;
    if (end - start < 3) continue;
    const previous = text[start - 1];
    if (previous === '$' || previous === '%' || previous === ':') continue; // $HOME/x, %APPDATA%/x, host:/x
    const raw = text.slice(start, end);
    const hasSlash = raw.includes('/') || raw.includes('\\');
    // Trailing sentence punctuation is not part of the path; `classifyPath` strips it, so
    // measure what it kept to know where the path really ends.
    const shape = classifyPath(raw, false);
    if (!shape) continue;
    const pathEnd = start + keptLength(raw);
    const spec = matchLineSpec(text, pathEnd) ?? specAfterLink(text, start, pathEnd);
    // A name without a directory in prose (`in Cargo.toml`, `config.py`) has a known extension
    // (`classifyPath` asks it of prose; `Node.js` and `e.g.` are not names), or is a build
    // file; like every prose path it is kept only when the workspace has it, and only one.
    if (!hasSlash && !spec && !BUILD_FILES.has(shape.path) && !shape.path.includes('.')) continue;
    out.push({
      start,
      end: spec ? spec.end : pathEnd,
      path: shape.path,
      kind: shape.kind,
      ranges: spec ? spec.ranges : [],
      quoted: false,
    });
  }
  return out;
}

/**
 * `[src/x.tsx](src/x.tsx) (lines 747-925)`: a path that is a markdown link's text or its address
 * takes the line spec written after the link.
 */
function specAfterLink(text: string, start: number, pathEnd: number): ReturnType<typeof matchLineSpec> {
  let close: number;
  if (text.startsWith('](', pathEnd)) {
    close = linkEnd(text, pathEnd + 1);
    if (close < 0 || /\s/.test(text.slice(pathEnd + 2, close))) return undefined;
  } else if (text[pathEnd] === ')' && text.slice(Math.max(0, start - 2), start) === '](') {
    close = pathEnd;
  } else {
    return undefined;
  }
  return matchLineSpec(text, close + 1);
}

/** The `)` closing a link's address opened at `open`, parentheses inside balanced (`app/(auth)/x.tsx`); -1 past 500 characters. */
function linkEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open + 1; i < Math.min(text.length, open + 500); i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) return i;
  }
  return -1;
}

/**
 * Build files named in prose without a folder (`change Dockerfile to use …`): as capitalised
 * words they only ever mean the file. Kept, like any prose path, only when the file is there.
 */
const BUILD_FILES: ReadonlySet<string> = new Set(['Dockerfile', 'Containerfile', 'Makefile', 'GNUmakefile', 'Procfile', 'Gemfile', 'Rakefile', 'Podfile', 'Brewfile', 'Vagrantfile', 'Jenkinsfile', 'Justfile', 'Caddyfile', 'Pipfile', 'Tiltfile', 'Snakefile', 'Earthfile', 'Guardfile', 'Capfile', 'Fastfile', 'Berksfile', 'Cartfile']);

/** Length of `raw` without the trailing punctuation a sentence adds (mirrors `classifyPath`). */
function keptLength(raw: string): number {
  let end = raw.length;
  while (end > 1 && raw[end - 1] === '.' && raw[end - 2] !== '.' && raw[end - 2] !== '/') end--;
  return end;
}
