/**
 * Lines a concern writes with a spelled-out word away from any path (`- **示例：** 第 85, 98 行`,
 * "the same pattern in `ensureBindings` (lines 443-451)", "`b.ts` repeats it at line 60"), and
 * which file they are of. A bare number or an `L2` is never read as a line.
 */
import type { LineRange, Reference } from '../model';
import { fileStem, namesThingElsewhere } from '../extract/references';
import { spelledOutLines } from '../extract/lineSpec';
import { LINE_WORD } from '../extract/lineWords';
import { isFileName } from '../extract/fileNames';
import { isBareFolderName } from '../extract/speculative';

/** A stretch of the document a concern's references were read from, and where each stands in it. */
export interface ScannedStretch {
  from: number;
  to: number;
  /** Offsets into the stretch of each reference read there, in order. */
  taken: [number, number][];
  /** The reference read at each `taken` span. */
  refs: Reference[];
  /** The concern's title (its paths are in reach of every field's lines). */
  title?: boolean;
  /** The field's stable name (`files`, `impact`, ...). */
  field?: string;
}

/** How far after a file's name a spelled-out line may stand and still be that file's, in characters. */
const NEAREST_FILE_REACH = 400;

/**
 * Gives the concern's files the lines written away from them. With one file named (perhaps
 * written twice, `app-params.js` and `src/lib/app-params.js`), every such line is its. With
 * several, a spelled-out line is the file's named after it (`line 12 of run.rs`), else the
 * file's named last before it in its own field or the title, as prose is read ("`b.ts` repeats
 * it at line 60"), unless that file is one of a list (`` `a.ts` and `b.ts` (line 4) ``) or the
 * line is said to be of something else: then which one is a guess, and none is made. A
 * backticked `:N` alone is given only to a lone file.
 */
export function linesAwayFromPaths(text: string, refs: Reference[], scanned: readonly ScannedStretch[]): void {
  const all = refs.filter((r) => r.kind === 'file');
  // `window.location` beside `layers.ts`: a name of no known kind is as likely code, and counts
  // as a second file only when no file of a known kind is named.
  const known = all.filter((r) => isFileName(baseName(r.path), r.path.includes('/'), true));
  const files = known.length > 0 ? known : all;
  const first = files[0];
  if (!first) return;
  const lone = files.every((r) => sameFileWritten(r.path, first.path));
  // One file written both short and in full (`discord.rs` in a note, its path under Files): the
  // lines go to the full writing, which names the file whatever else carries its name.
  const loneFile = oneFile(files) ?? first;
  const fileSet = new Set(files);
  const added = new Map<Reference, LineRange[]>();
  const have = new Map<Reference, Set<string>>();
  const give = (ref: Reference, range: LineRange) => {
    // One file written twice keeps its lines on its fullest writing (the first of equals).
    const owner = lone ? loneFile : ref;
    const seen = have.get(owner) ?? new Set((lone ? files : [owner]).flatMap((r) => r.ranges.map((x) => `${x.start}-${x.end}`)));
    have.set(owner, seen);
    const key = `${range.start}-${range.end}`;
    if (seen.has(key)) return;
    seen.add(key);
    added.set(owner, [...(added.get(owner) ?? []), range]);
  };
  // Every file reference of the concern, by where it stands in the document.
  // (A bare word that may be a folder, `your-api-key`, is as often a value: it names nothing between;
  // so is a name of no known kind, `try/catch` or `window.location` beside `App.tsx`: as likely code.)
  const placed = (stretch: ScannedStretch) =>
    stretch.taken
      .map(([s, e], i) => ({ start: stretch.from + s, end: stretch.from + e, ref: stretch.refs[i]! }))
      .filter(({ ref }) => !(ref.kind === 'directory' && isBareFolderName(ref.path)) && (ref.kind !== 'file' || fileSet.has(ref)));
  const titlePlaced = scanned.filter((x) => x.title).flatMap(placed);
  // The one file of the concern's `Files:` field, if it names one: where a line written in a
  // field that names no file of its own is ("Current capacity: 500 entries (line 78)").
  const located = scanned.filter((x) => x.field === 'files').flatMap((x) => x.refs.filter((r) => fileSet.has(r)));
  const locatedFile = located.length > 0 && located.every((r) => sameFileWritten(r.path, located[0]!.path)) ? located[0] : undefined;
  for (const stretch of scanned) {
    const { from, to, taken } = stretch;
    // A line is of a path of its own field or of the title, never of another field's: in
    // "Specific example: … (line 85-87)" the test file named under "Test coverage" is not meant.
    const inReach = stretch.title ? titlePlaced : [...titlePlaced, ...placed(stretch)];
    const namesNoFile = !stretch.title && !stretch.refs.some((r) => fileSet.has(r));
    // "(line 91 in AuthService)", "line 4 of the config": of something named after it, even unquoted.
    let chain: LastGiven | undefined;
    const nearestOrLocated = (at: number) => {
      if (OF_SOMETHING.test(clauseAt(text, at, 48))) return undefined;
      const near = nearestFileBefore(text, inReach, fileSet, at, chain);
      if (near) chain = { ref: near, at };
      return near ?? (namesNoFile ? locatedFile : undefined);
    };
    const raw = text.slice(from, to);
    const prose = blankOut(raw, [...taken, ...codeSpans(raw)]);
    if (lone) {
      // `` (`:145`, task-84) ``, `` (`:157`~`161`) ``: a line span of its own, no path before it.
      for (const m of raw.matchAll(COLON_LINE_SPAN)) {
        if (taken.some(([s, e]) => m.index >= s && m.index < e)) continue;
        // `` `POST /api/generate` (`:77`) ``, `` `AsyncOpenAI` (`:25`) ``: the lines of what is named there.
        const code = CODE_RIGHT_BEFORE.exec(raw.slice(Math.max(0, m.index - 120), m.index))?.[1];
        if (code !== undefined && namesThingElsewhere(code.trim(), first.path)) continue;
        const start = Number(m[1]);
        const end = Number(m[2] ?? m[3] ?? m[1]);
        if (!(start >= 1) || !(end >= start)) continue;
        give(loneFile, { start, end });
      }
    }
    // ```_ = repo.Create(ctx, log)  // Lines 171, 177, 209``` : a comment in the concern's code
    // that says where the code shown is, in the one file the concern names, or the one file of
    // the field the code is shown in (`**File**: `a.py` (lines 32-101)` then the code).
    const codeFile = lone ? loneFile : stretch.title ? undefined : oneFile(stretch.refs.filter((r) => fileSet.has(r)));
    if (codeFile) {
      for (const fence of raw.matchAll(FENCE)) {
        for (const c of fence[0].matchAll(COMMENT_LINES)) for (const { range } of spelledOutLines(c[1]!)) give(codeFile, range);
      }
    }
    // "`send()`(584-591)는 …", "`addEntity` (430-446)": a range right after a name in code is
    // the lines of that name, in the file named before it (a lone number may be a count: not read).
    for (const m of raw.matchAll(CODE_THEN_RANGE)) {
      if (taken.some(([s, e]) => m.index >= s && m.index < e)) continue;
      const start = Number(m[1]);
      const end = Number(m[2]);
      if (!(start >= 1) || !(end > start) || end - start > 5000 || (start >= 1900 && end <= 2100)) continue;
      const owner = lone ? loneFile : nearestOrLocated(from + m.index);
      if (owner) give(owner, { start, end });
    }
    for (const { range, at: spec } of spelledOutLines(prose)) {
      // "as noted in HANDOVER (line 43)", "README line 5": the lines of the thing named there.
      if (OTHER_NAME_BEFORE.test(prose.slice(Math.max(0, spec - 24), spec))) continue;
      // "(line 72-74 of run.rs)", "(line 60-66 in `sync.ts`)": the file named after the line,
      // when it is one of the concern's.
      const after = NAME_AFTER_LINE.exec(clauseAt(text, from + spec, 64));
      const named = after?.[1] ?? after?.[2];
      const namedFile = named === undefined ? undefined : fullest(files.filter((r) => baseName(r.path) === baseName(named.replace(/`/g, ''))));
      if (named !== undefined && !namedFile && !lone) continue;
      const owner = namedFile ?? (lone ? loneFile : nearestOrLocated(from + spec));
      if (!owner) continue;
      // "`_DashboardScreen._fetchData()` at line 71" in a concern on `user_service.dart`: a
      // member of a class the file is not named for, whose lines are likely in another file.
      // "Used throughout: NumogramClient (lines 196, 619)" in a concern on `demons.ts`: the lines of
      // the component named there, which the file is not named for.
      const pascal = PASCAL_NAME_BEFORE.exec(prose.slice(Math.max(0, spec - 64), spec))?.[1];
      if (pascal !== undefined && !fileStem(owner.path).includes(pascal.toLowerCase())) continue;
      const member = CLASS_MEMBER_BEFORE.exec(raw.slice(Math.max(0, spec - 48), spec));
      const name = fileStem(owner.path);
      const memberOf = (member?.[1] ?? '').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
      if (memberOf && !name.includes(memberOf) && !memberOf.includes(name)) continue;
      give(owner, range);
    }
  }
  for (const [ref, ranges] of added) ref.ranges = [...ref.ranges, ...ranges];
}

/** The file named last before `at` (within reach), unless it stands in a list of paths. */
function nearestFileBefore(text: string, placed: readonly { start: number; end: number; ref: Reference }[], files: ReadonlySet<Reference>, at: number, chain?: LastGiven): Reference | undefined {
  let index = -1;
  for (let i = 0; i < placed.length; i++) if (placed[i]!.end <= at) index = i;
  const nearest = placed[index];
  if (!nearest) return undefined;
  // A run of lines after one file (`a.tsx`: `X`(191-198행), `Y`(209행), … nine of them) is read
  // from its last line given, not from the file's name: the run is as long as it is.
  const from = chain && chain.ref === nearest.ref && chain.at > nearest.end ? chain.at : nearest.end;
  if (at - from > NEAREST_FILE_REACH) return undefined;
  // The last thing named before the line is a folder or a glob: its lines are nobody's.
  if (!files.has(nearest.ref)) return undefined;
  // Named in an earlier item of the list ("- … (lines 556-562 in app.js)" then "- … (line 508)"):
  // each item says where it is of its own, and which file the later one means is a guess.
  // (A file named in the paragraph that introduces the list is the list's.)
  if (NEW_ITEM.test(text.slice(nearest.end, at)) && ITEM_START.test(text.slice(text.lastIndexOf('\n', nearest.start) + 1, nearest.start))) return undefined;
  const before = placed[index - 1];
  if (before && LIST_JOINT.test(text.slice(before.end, nearest.start))) return undefined;
  const after = placed[index + 1];
  if (after && after.start < at + 40 && LIST_JOINT.test(text.slice(nearest.end, after.start))) return undefined;
  // "la línea 8 de `ticket.py`", "line 12 of `b.ts`": the line is of the file named after it.
  if (after && after.start - at <= 40 && OF_NEXT.test(text.slice(at, after.start))) return undefined;
  // "(der Wert aus `rbac.js` mappt `teamer`). Die Chat-Logik prüft … (Zeile 234)": a file named
  // in an aside is not what the next sentence speaks of, and whether it is still that file's is
  // a guess. (Named as the subject, "`src/App.tsx`에서 … 알립니다. 나머지는 …", it carries on.)
  if (inClosedAsideBefore(text, nearest.start, nearest.end, at)) return undefined;
  return nearest.ref;
}

/** The file a spelled-out line was last given to by nearness, and where that line stands. */
interface LastGiven {
  ref: Reference;
  at: number;
}

/** Whether the name at [start, end) stands in a parenthesis that closes before `at`, a sentence ending after it. */
function inClosedAsideBefore(text: string, start: number, end: number, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const before = text.slice(lineStart, start).replace(/`[^`\n]*`/g, 'x');
  if (before.lastIndexOf('(') <= before.lastIndexOf(')')) return false;
  const between = text.slice(end, at).replace(/`[^`\n]*`/g, 'x');
  const close = between.indexOf(')');
  return close >= 0 && !between.slice(0, close).includes('(') && SENTENCE_END.test(between.slice(close));
}

/** A sentence's end and the next one's start (not after `e.g.`, `z. B.`, `vs.`). */
const SENTENCE_END = /(?<!\b(?:e\.g|i\.e|z\.[ \t]?B|vs|bzw|cf|ca|etc|approx|Nr|No))[.!?。！？][)"'”]?[ \t]+(?:\p{Lu}|[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}])|[。！？]/u;

/** The start of a list item on a line of its own. */
const NEW_ITEM = /\n[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]/;
/** A line that opens a list item (the text before a name on its line). */
const ITEM_START = /^[ \t>]*(?:[-*+]|\d{1,3}[.)])[ \t]/;

/** The text from `at`, at most `length` characters, up to the end of its clause (a parenthesis, a line, a `;`). */
function clauseAt(text: string, at: number, length: number): string {
  return text.slice(at, at + length).split(/[)）\n;]/)[0] ?? '';
}

/** After a line spec: a word of belonging, then a file's name (`72-74 of run.rs`, `60 in \`sync.ts\``), or a backticked path right after it (`line 2 \`app/layout.tsx\``). */
const NAME_AFTER_LINE = /\d[ \t]+(?:(?:in|of|from|de|del|von|im|du|da|di|dans|em|do|no|в|из)[ \t]+(`?[\w.-]{1,80}\.[A-Za-z0-9]{1,10}`?)(?![\w/])|`((?:[\w.-]{1,80}\/){0,12}[\w.-]{1,80}\.[A-Za-z0-9]{1,10})`)/u;

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** After a line spec: a word of belonging and a name (`91 in AuthService`, `4 of the config`). */
const OF_SOMETHING = /\d[ \t]+(?:in|of|from|de|del|von|im|du|da|di|dans|em|do|no|в|из)[ \t]+[\p{L}`_./]/u;

/** A line spec ending in a word of belonging, right before the next path: `line 8 of `, `línea 8 de `. */
const OF_NEXT = /[\d\s](?:of|in|de|del|von|im|du|da|di|dans|em|do|no|в|из)[ \t]+$/u;

/** What stands between two paths of one list: a comma, a conjunction. */
const LIST_JOINT = /^[ \t]*(?:[,，、/&]|and|or|und|oder|et|ou|y|o|e|i|и|или|和|及|与|或)?[ \t]*$/u;

/** `raw` with the given spans turned to blanks (offsets kept). */
function blankOut(raw: string, spans: [number, number][]): string {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const pieces: string[] = [];
  let at = 0;
  for (const [s, e] of sorted) {
    if (e <= at) continue;
    pieces.push(raw.slice(at, Math.max(at, s)), ' '.repeat(e - Math.max(at, s)));
    at = e;
  }
  pieces.push(raw.slice(at));
  return pieces.join('');
}

/** The one file the references name (perhaps written twice), at its fullest writing; undefined for none or several. */
function oneFile(refs: readonly Reference[]): Reference | undefined {
  const first = refs[0];
  return first && refs.every((r) => sameFileWritten(r.path, first.path)) ? fullest(refs) : undefined;
}

/** The longest writing of the references (the first of equals), or undefined for none. */
function fullest(refs: readonly Reference[]): Reference | undefined {
  return refs.reduce<Reference | undefined>((best, r) => (best === undefined || r.path.length > best.path.length ? r : best), undefined);
}

/** Two written paths of which one is the other's tail (`app-params.js`, `src/lib/app-params.js`). */
function sameFileWritten(a: string, b: string): boolean {
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}

/** A fenced code block (its text up to the closing fence, or the end). */
const FENCE = /```[^]*?(?:```|$)/g;

/** A comment in code naming lines: `// Lines 171, 177`, `# line 40`, `-- lines 3-9`, `# NOTE: not committed here (line 94)`. */
const COMMENT_LINES = new RegExp(String.raw`(?:\/\/|#|--|\/\*)[ \t]*(?:[^\n()（）#/]{0,120}[(（])?(${LINE_WORD}[ \t]+\d{1,6}(?:[ \t]*(?:[-–~]|,|and|&)[ \t]*\d{1,6}){0,12})`, 'giu');

/** A code span right before (perhaps then an opening parenthesis): `` `AsyncOpenAI` ( ``. */
const CODE_RIGHT_BEFORE = /`([^`\n]{1,100})`[ \t]*[(（]?[ \t]*$/;

/** A name in code, then a range in parentheses: `` `send()`(584-591) ``, `` `addEntity` (430-446) ``. */
const CODE_THEN_RANGE = /`[^`\n]{1,80}`[ \t]?[(（](\d{1,6})[ \t]*[-–~][ \t]*(\d{1,6})[)）]/g;

/** A backticked `:N`, `:N-M`, or `:N`~`M` written apart from any path. */
const COLON_LINE_SPAN = /`:(\d{1,6})(?:[ \t]*[-–][ \t]*(\d{1,6}))?`(?:[ \t]*[~〜～][ \t]*`:?(\d{1,6})`)?/g;

/** Inline code spans and fenced blocks of a stretch of markdown, as [start, end) offsets. */
function codeSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of text.matchAll(/```[^]*?(?:```|$)|`[^`\n]*`/g)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** Right before a line word: a name in capitals (`HANDOVER`, `README notes`), a word or two, perhaps a parenthesis or `at`/`in`/`on` between. */
const OTHER_NAME_BEFORE = /(?:^|[^\p{L}\p{N}_`])\p{Lu}{3,}[\p{Lu}\p{N}_-]*(?:[ \t]+\p{Ll}+){0,2}[ \t]*(?:(?:at|in|on|of)[ \t]+)?[(（]?[ \t]*$/u;

/** Right before a line word and its parenthesis: a name in PascalCase (`NumogramClient (`), a component or class. */
const PASCAL_NAME_BEFORE = /(?:^|[^\p{L}\p{N}_.])(\p{Lu}\p{Ll}+(?:\p{Lu}[\p{Ll}\p{N}]*)+)[ \t]?[(（][ \t]?$/u;

/** A member of a class in a code span shortly before: `` `_DashboardScreen._fetchData()` at ``. */
const CLASS_MEMBER_BEFORE = /`_?([A-Z][\w$]{1,60})(?:\.|::|#)[\w$.():]*`[^`]{0,24}$/;
