/**
 * Line specs: the line numbers a concerns document writes after a path, in all the ways people
 * write them (`:97-99`, `#L10-L20`, `(lines 83-98)`, `lines 98, 127`, `(~line 2508, 2529)`,
 * `(lines 1235–end)`, `(line 311: note)`, compiler style `(31,22)`, and in other languages:
 * `Zeile 24`, `líneas 10 a 20`, `（第 63-76 行）`, `24行目`, `24행`; see lineWords.ts).
 *
 * Hand-written scanners instead of regexes: every look-up is bounded by a small window after the
 * path, so untrusted input can never make this slower than linear in the text.
 */
import type { LineRange } from '../model';
import {
  CJK_COUNT_AFTER,
  CJK_COUNT_BEFORE,
  CJK_LINE_SUFFIXES,
  CJK_LIST_MARKS,
  CJK_ORDINAL,
  CJK_PARTICLES,
  LIST_WORDS,
  RANGE_TILDES,
  RANGE_WORDS,
  readLineWord,
} from './lineWords';

/** How far past a path a line spec may reach. Real specs are far shorter; garbage stops here. */
const WINDOW = 240;
/** More digits than this is not a line number (a hash, a timestamp, an id). */
const MAX_DIGITS = 7;

export interface SpecMatch {
  /** Offset just past the spec (past the closing parenthesis when there was one). */
  end: number;
  ranges: LineRange[];
}

interface ItemMatch {
  end: number;
  range?: LineRange;
}

const DASHES = '-–—‐‑';
const OPEN_PARENS = '(（';
const CLOSE_PARENS = ')）';

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\u00a0' || c === '\u3000';
}

function skipBlanks(s: string, i: number, limit: number): number {
  while (i < limit && isBlank(s[i])) i++;
  return i;
}

/** A run of digits at `i`; undefined when absent or too long to be a line number. */
function readNumber(s: string, i: number, limit: number): { value: number; end: number } | undefined {
  let j = i;
  while (j < limit && isDigit(s[j])) j++;
  if (j === i || j - i > MAX_DIGITS) return undefined;
  // `1.5` or `2,399` glued to more digits is a quantity, not a line; the list parser handles `98,107`.
  if (s[j] === '.' && isDigit(s[j + 1])) return undefined;
  return { value: Number(s.slice(i, j)), end: j };
}

/** Normalise a written range: backwards ranges are swapped; a line 0 is no line at all. */
function makeRange(start: number, end: number, toEnd: boolean): LineRange | undefined {
  const lo = Math.min(start, end);
  const hi = Math.max(start, end);
  if (lo < 1) return undefined;
  return toEnd ? { start: lo, end: hi, toEnd: true } : { start: lo, end: hi };
}

/** One item of a list: `N`, `~N`, `LN`, `N-M`, `N–end`, `N+`, `N-M+`, `LN-LM`. */
function readItem(s: string, i: number, limit: number): ItemMatch | undefined {
  let j = i;
  if (s[j] === '~') j++;
  if (s[j] === 'L' && isDigit(s[j + 1])) j++;
  const first = readNumber(s, j, limit);
  if (!first) return undefined;
  j = first.end;
  // (`92+180`: a plus between two numbers joins them, as a comma would; see `readList`.)
  if (s[j] === '+' && !isDigit(s[j + 1])) return { end: j + 1, range: makeRange(first.value, first.value, true) };

  // A range: `N-M`, `N – M`, `N to M`, `N bis M`, `N-end`, `N~M` (a tilde only glued to both).
  let k = skipBlanks(s, j, Math.min(limit, j + 2));
  let hasDash = false;
  let byWord = false;
  if (k < limit && DASHES.includes(s[k] ?? '')) {
    hasDash = true;
    k++;
  } else if (k === j && RANGE_TILDES.includes(s[k] ?? '\n') && isDigit(s[k + 1])) {
    hasDash = true;
    k++;
  } else {
    const word = RANGE_WORDS.find((w) => s.startsWith(w, k));
    if (word) {
      hasDash = true;
      byWord = true;
      k += word.length - 1;
    }
  }
  if (hasDash) {
    k = skipBlanks(s, k, Math.min(limit, k + 2));
    if (s[k] === '~') k++;
    if (s[k] === 'L' && isDigit(s[k + 1])) k++;
    const lower = s.slice(k, k + 3).toLowerCase();
    if ((lower === 'end' || lower === 'eof') && !isLetter(s[k + 3])) {
      return { end: k + 3, range: makeRange(first.value, first.value, true) };
    }
    const second = readNumber(s, k, limit);
    // A word joins a range written forwards only: `line 10 a 5-second wait` is line 10.
    if (second && !(byWord && second.value < first.value)) {
      let end = second.end;
      const toEnd = s[end] === '+';
      if (toEnd) end++;
      return { end, range: makeRange(first.value, second.value, toEnd) };
    }
  }
  return { end: j, range: makeRange(first.value, first.value, false) };
}

/** After a colon-form item, a `:col` (as in `x.ts:12:5`) is a column: skip it. */
function skipColumn(s: string, i: number, limit: number): number {
  if (s[i] !== ':' || !isDigit(s[i + 1])) return i;
  let j = i + 1;
  while (j < limit && isDigit(s[j])) j++;
  return j;
}

/**
 * A list of items: `98, 127, 145`, `83 and 91`, `26, 95-100`, `100, 155`. A separator only
 * counts when another item follows, so `lines 10-20, \`b.py\`` stops after 20.
 */
function readList(s: string, i: number, limit: number, colonForm: boolean): SpecMatch | undefined {
  const ranges: LineRange[] = [];
  const first = readItem(s, i, limit);
  if (!first) return undefined;
  if (first.range) ranges.push(first.range);
  let end = colonForm ? skipColumn(s, first.end, limit) : first.end;
  for (;;) {
    let p = skipBlanks(s, end, limit);
    const c = s[p] ?? '';
    if (c === ',' || (c !== '' && CJK_LIST_MARKS.includes(c)) || (c === '+' && p === end && isDigit(s[p + 1]))) {
      p++;
      // `lines 126, 158, and 208`: a comma, then the word closing the list.
      if (c === ',') {
        const q = skipBlanks(s, p, limit);
        const word = LIST_WORDS.find((w) => s.startsWith(w, q));
        if (word && isDigit(s[skipBlanks(s, q + word.length, limit)])) p = q + word.length - 1;
      }
    }
    // `x.py:237/332`, `:68/:113`: after a path's colon a slash lists lines, and each may
    // repeat the colon. (Only there: `10/20` elsewhere is a ratio or a date.)
    else if (colonForm && c === '/' && (isDigit(s[p + 1]) || (s[p + 1] === ':' && isDigit(s[p + 2])))) p++;
    else {
      const word = LIST_WORDS.find((w) => s.startsWith(w, p));
      if (!word) break;
      p += word.length - 1;
    }
    p = skipBlanks(s, p, limit);
    if (colonForm && s[p] === ':' && isDigit(s[p + 1])) p++;
    const next = readItem(s, p, limit);
    if (!next) break;
    if (next.range) ranges.push(next.range);
    end = colonForm ? skipColumn(s, next.end, limit) : next.end;
  }
  return { end, ranges };
}

/**
 * A CJK group at `i`: `第24行`, `第 63-76 行`, `24-30行`, `24、58行`, `24行目`, `24행`, `24번째 줄`.
 * A bare single `24行` is a count, even right after a path: `` `a.ts`（624 行）`` is "624 lines
 * long" in Chinese and Japanese alike, and only `第`, `目`, Korean, a range or a list make a line.
 */
function readCjkGroup(s: string, i: number, limit: number): SpecMatch | undefined {
  let p = i;
  const ordinal = s[p] === CJK_ORDINAL;
  if (ordinal) p = skipBlanks(s, p + 1, limit);
  if (!isDigit(s[p])) return undefined;
  if (!ordinal && CJK_COUNT_BEFORE.includes(s[skipBlanksBack(s, i)] ?? '\n')) return undefined;
  const list = readList(s, p, limit, false);
  if (!list || list.ranges.length === 0) return undefined;
  const q = skipBlanks(s, list.end, limit);
  const suffix = CJK_LINE_SUFFIXES.find((w) => s.startsWith(w, q));
  if (!suffix) return undefined;
  const end = q + suffix.length;
  if (CJK_COUNT_AFTER.some((w) => s.startsWith(w, skipBlanks(s, end, limit)))) return undefined;
  const only = list.ranges.length === 1 ? list.ranges[0] : undefined;
  if (!ordinal && suffix === '行' && only !== undefined && only.start === only.end) return undefined;
  return { end, ranges: list.ranges };
}

/** The last non-blank offset before `i` (the character a number stands after). */
function skipBlanksBack(s: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && isBlank(s[j])) j--;
  return j;
}

/**
 * A keyword group at `i`: `line 42`, `lines 10-20`, `lines ~1174–1220`, `Line: 5`, or a bare
 * `L42`/`L10-L20`. Undefined when the keyword is not followed by a number (`lines of code`).
 */
function readGroup(s: string, i: number, limit: number, allowBareL = true): SpecMatch | undefined {
  if (allowBareL && s[i] === 'L' && isDigit(s[i + 1])) {
    const list = readList(s, i, limit, false);
    // `L2 cache`-like words are not lines: a bare `L` item must stand alone.
    return list && !isLetter(s[list.end]) ? list : undefined;
  }
  const afterKeyword = readLineWord(s, i);
  if (afterKeyword === undefined) return undefined;
  let p = skipBlanks(s, afterKeyword, limit);
  if (s[p] === ':' || s[p] === '#') p = skipBlanks(s, p + 1, limit);
  return readList(s, p, limit, false);
}

/** Every keyword group between `from` and `to` (the inside of a parenthesis, or a whole spec string). */
function scanGroups(s: string, from: number, to: number, allowBareL = true, starts?: number[]): { ranges: LineRange[]; lastEnd: number } {
  const ranges: LineRange[] = [];
  let lastEnd = -1;
  let i = from;
  while (i < to) {
    const c = s[i];
    const wordStart = !isLetter(s[i - 1]) || i === from;
    if (wordStart && isLetter(c)) {
      const group = isDigit(c) ? readCjkGroup(s, i, to) : (readGroup(s, i, to, allowBareL) ?? (c === CJK_ORDINAL ? readCjkGroup(s, i, to) : undefined));
      if (group) {
        for (let k = 0; k < group.ranges.length; k++) starts?.push(i);
        ranges.push(...group.ranges);
        lastEnd = group.end;
        i = group.end;
        continue;
      }
    }
    // After a group, a comma and a span keep the list going across a note:
    // `lines 70-76 properties, 256-350 setup`. Only spans: a lone number there is too often a count.
    if (lastEnd >= 0 && c === ',') {
      const p = skipBlanks(s, i + 1, to);
      const list = spanOrJoined(s, p, to);
      if (list) {
        for (let k = 0; k < list.ranges.length; k++) starts?.push(p);
        ranges.push(...list.ranges);
        lastEnd = list.end;
        i = list.end;
        continue;
      }
    }
    i++;
  }
  return { ranges, lastEnd };
}

/**
 * A parenthesis right after a path: `(line 346)`, `(lines 886-924 for empty filters case, line 922
 * where ...)`, `(multer fileFilter lines 14-26)`, `(L42)`. A count like `(967 lines)` or `(5)` has
 * no keyword group and is not a spec. Scanning stops at a backtick (another reference starts) or
 * at the end of the line, so an unclosed parenthesis ends with its last group.
 */
function readParenthesis(s: string, open: number, limit: number): SpecMatch | undefined {
  let depth = 0;
  let close = -1;
  let stop = open + 1;
  for (; stop < limit; stop++) {
    const c = s[stop] ?? '';
    if (c === '\n' || c === '\r' || c === '`') break;
    if (OPEN_PARENS.includes(c)) depth++;
    else if (CLOSE_PARENS.includes(c)) {
      if (depth === 0) {
        close = stop;
        break;
      }
      depth--;
    }
  }
  const contentEnd = close >= 0 ? close : stop;
  let from = skipBlanks(s, open + 1, contentEnd);
  if (s[from] === '~') from++;
  const { ranges, lastEnd } = scanGroups(s, from, contentEnd);
  if (ranges.length === 0) return undefined;
  return { end: close >= 0 ? close + 1 : lastEnd, ranges };
}

/**
 * The line spec that starts at `pos` (just past a path or its closing backtick), or undefined.
 * Attached forms (`:153`, `#L10-L20`) must touch the path; the others may follow blanks on the
 * same line, optionally after `,`, `at` or `on`.
 */
export function matchLineSpec(text: string, pos: number): SpecMatch | undefined {
  const limit = Math.min(text.length, pos + WINDOW);
  const c = text[pos];
  if (c === '(' || c === '（') {
    const compiler = readCompilerStyle(text, pos, limit);
    if (compiler) return compiler;
  }
  if (c === ':' && (isDigit(text[pos + 1]) || (text[pos + 1] === 'L' && isDigit(text[pos + 2])))) {
    return readList(text, pos + 1, limit, true);
  }
  // `referral.js:~338`, `x.py:≈88-90`: lines the author gives as about there are still the lines given.
  if (c === ':' && (text[pos + 1] === '~' || text[pos + 1] === '≈') && isDigit(text[pos + 2])) return readList(text, pos + 2, limit, true);
  if (c === '#' && (isDigit(text[pos + 1]) || (text[pos + 1] === 'L' && isDigit(text[pos + 2])))) {
    return readList(text, pos + 1, limit, false);
  }
  let p = skipBlanks(text, pos, limit);
  if (OPEN_PARENS.includes(text[p] ?? '\n')) return readParenthesis(text, p, limit);
  // `a.ts の24行目`, `a.ts의 24행`, `a.ts 第24行`.
  const particle = CJK_PARTICLES.includes(text[p] ?? '\n') ? skipBlanks(text, p + 1, limit) : p;
  const cjk = readCjkGroup(text, particle, limit);
  if (cjk) return cjk;
  // `a.ts, line 4`, `a.ts: lines 4-9`, `a.ts — lines 41, 58`: the keyword must then be spelled out.
  let connected = false;
  if (text[p] === ',') p = skipBlanks(text, p + 1, limit);
  else if (text[p] === ':' || text[p] === '：') {
    p = skipBlanks(text, p + 1, limit);
    connected = true;
  } else if (DASHES.includes(text[p] ?? '\n') && p > pos && isBlank(text[p + 1])) {
    p = skipBlanks(text, p + 1, limit);
    connected = true;
  }
  // After a connector word only a spelled-out keyword counts: "in L2 cache" is not line 2.
  for (const connector of CONNECTORS) {
    if (text.startsWith(connector, p)) {
      p = skipBlanks(text, p + connector.length, limit);
      connected = true;
      break;
    }
  }
  if (text[p] === '~') p++;
  const group = readGroup(text, p, limit, !connected);
  return group && group.ranges.length > 0 ? acrossNotes(text, group, limit) : undefined;
}

/**
 * `lines 493-562 (moveDistance), 564-639 (rotateDegrees)`: after a keyword group, a note in
 * parentheses, a comma and a span keep the list going. Only spans, as inside a parenthesis
 * (`scanGroups`): a lone number after a note is too often a count.
 */
function acrossNotes(s: string, group: SpecMatch, limit: number): SpecMatch {
  let { end } = group;
  const ranges = [...group.ranges];
  for (;;) {
    let p = skipBlanks(s, end, limit);
    if (!OPEN_PARENS.includes(s[p] ?? '\n')) break;
    const close = noteEnd(s, p, Math.min(limit, p + 62));
    if (close < 0) break;
    p = skipBlanks(s, close + 1, limit);
    if (s[p] !== ',') break;
    const list = spanOrJoined(s, skipBlanks(s, p + 1, limit), limit);
    if (!list) break;
    ranges.push(...list.ranges);
    end = list.end;
  }
  return ranges.length === group.ranges.length ? group : { end, ranges };
}

/**
 * After a note, what still reads as lines: a span (`256-350`) or numbers joined without blanks
 * (`108+177`); a lone number there is too often a count.
 */
function spanOrJoined(s: string, i: number, limit: number): SpecMatch | undefined {
  const item = readItem(s, i, limit);
  if (!item?.range) return undefined;
  if (item.range.end > item.range.start) return { end: item.end, ranges: [item.range] };
  if (s[item.end] !== '+' || !isDigit(s[item.end + 1])) return undefined;
  const list = readList(s, i, limit, false);
  return list && list.ranges.length > 1 ? list : undefined;
}

/** The closing parenthesis of a short note opened at `open` (no code, no nesting, one line), or -1. */
function noteEnd(s: string, open: number, limit: number): number {
  for (let i = open + 1; i < limit; i++) {
    const c = s[i] ?? '';
    if (CLOSE_PARENS.includes(c)) return i > open + 1 ? i : -1;
    if (c === '\n' || c === '`' || OPEN_PARENS.includes(c)) return -1;
  }
  return -1;
}

/**
 * Words between a path and a spelled-out line keyword: `at line 4`, `around lines 41-58`,
 * `en la línea 24`, `in Zeile 24`, `à la ligne 24`, `alla riga 24`, `na linha 24`, `на строке 24`.
 * Longest first, so `en la ` wins over `en `.
 */
const CONNECTORS = ['around ', 'near ', 'see ', 'at ', 'on ', 'in ', 'en la ', 'en ', 'à la ', 'a la ', 'alla ', 'nella ', 'na ', 'на ', 'в ', 'bei ', 'op ', 'ab '];

/**
 * Compiler style, glued to the path: `App.tsx(31,22)` is line 31, column 22 (tsc, MSBuild),
 * `App.cs(31,22,33,40)` lines 31 to 33 (MSBuild's span). A lone `(5)` is too often a count, and
 * anything else in the parenthesis (`(5 calls)`, `(31, 22 others)`) is not this form.
 */
function readCompilerStyle(s: string, open: number, limit: number): SpecMatch | undefined {
  const numbers: number[] = [];
  let i = open + 1;
  for (;;) {
    const n = readNumber(s, i, limit);
    if (!n) return undefined;
    numbers.push(n.value);
    i = n.end;
    if (CLOSE_PARENS.includes(s[i] ?? '\n')) break;
    if (s[i] !== ',' || numbers.length >= 4) return undefined;
    i++;
  }
  if (numbers.length !== 2 && numbers.length !== 4) return undefined;
  const range = makeRange(numbers[0]!, numbers.length === 4 ? numbers[2]! : numbers[0]!, false);
  return range ? { end: i + 1, ranges: [range] } : undefined;
}

/**
 * Parse a line spec given on its own: `lines 83-98`, `(line 346)`, `:97-99`, `#L10-L20`,
 * `98, 127`, `1823+`, `1235–end`, `lines 886-924 for x, line 922 where y`. Returns [] when the
 * string holds no line numbers; a parenthesised bare number (`(5)`, `(967 lines)`) is a count.
 */
export function parseLineSpec(spec: string): LineRange[] {
  try {
    const s = spec.trim();
    if (s.length === 0) return [];
    const first = s[0] ?? '';
    if (first === ':' || first === '#' || OPEN_PARENS.includes(first)) return matchLineSpec(s, 0)?.ranges ?? [];
    const groups = scanGroups(s, 0, s.length);
    if (groups.ranges.length > 0) return groups.ranges;
    const bare = readList(s, 0, s.length, false);
    return bare && bare.end === s.length ? bare.ranges : [];
  } catch {
    return [];
  }
}

/**
 * A cell or field that holds only lines (a table's Line column, a `- Lines: 62-65` field, a
 * `**라인**: 4, 13`): its line ranges, or none when it starts with anything but a number.
 */
export function parseLineCell(cell: string): LineRange[] {
  const text = cell.replace(/[`*_]/g, '').trim();
  if (!/^[~L\d]/.test(text)) return [];
  return parseLineSpec(text);
}

/** Prose longer than this is not searched for lines of its own (a concern's text is far shorter). */
const MAX_PROSE_FOR_LINES = 20_000;

/**
 * The lines a stretch of prose writes with a spelled-out word, away from any path: `line 40`,
 * `lines 3-9`, `第 443-451 行`, `Zeile 211`, `24行目`. Never a bare `L2` (a cache level) nor a
 * count (`3,000 lines`), which has its number first.
 */
export function spelledOutLines(text: string): { range: LineRange; at: number }[] {
  if (text.length > MAX_PROSE_FOR_LINES) return [];
  try {
    const starts: number[] = [];
    return scanGroups(text, 0, text.length, false, starts).ranges.map((range, i) => ({ range, at: starts[i] ?? 0 }));
  } catch {
    return [];
  }
}
