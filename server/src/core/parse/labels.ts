/**
 * Recognises the label at the start of a paragraph or list item, on its first line:
 * `**Key:** value`, `**Key**: value`, `**Title** — text`, `**Title**` alone, `Key: value`.
 * Every pattern is anchored and bounded, so each runs in linear time on any input.
 */
import { isKnownField } from './fieldNames';
import { memoized } from './memo';
import { severityFromValue, splitSeverityTag } from './markers';

export type LabelStyle = 'bold' | 'bold-dash' | 'bold-only' | 'plain';

export interface Label {
  label: string;
  style: LabelStyle;
  /** Offset in the line where the value starts (after the label and its colon). */
  valueOffset: number;
  /** The rest of the first line after the label. */
  rest: string;
  /** A status mark after a bold label said it is dealt with (`**~~Title:~~** **RESOLVED**`). */
  resolvedMark?: boolean;
}

/** `**RESOLVED**`, `✅ Fixed`, `DONE` closing a line after a bold label. */
const TRAILING_STATUS = /^(.*?(?:\*\*|__))[ \t]+(?:\*\*|__)?(?:✅[ \t]*)?(?:resolved|fixed|done|closed)(?:\*\*|__)?[ \t]*$/i;

// Inside `**...**` an underscore is text (`**Retry ignores max_attempts:**`), inside `__...__`
// an asterisk or a single underscore is: a label never runs past its closing pair.
const BOLD_COLON_INSIDE = /^(?:\*\*(?!\s)((?:[^*\n]|\*(?!\*)){1,160}?)[ \t]*[:：][ \t]*\*\*|__(?!\s)((?:[^_\n]|_(?!_)){1,160}?)[ \t]*[:：][ \t]*__)[ \t]*/;
const BOLD_COLON_OUTSIDE = /^(?:\*\*(?!\s)((?:[^*\n]|\*(?!\*)){1,160}?)\*\*|__(?!\s)((?:[^_\n]|_(?!_)){1,160}?)__)[ \t]*[:：][ \t]*/;
const BOLD_DASH = /^(?:\*\*(?!\s)((?:[^*\n]|\*(?!\*)){1,200}?)\*\*|__(?!\s)((?:[^_\n]|_(?!_)){1,200}?)__)[ \t]*[—–-]{1,2}[ \t]+/;
// `**Dates are naive.** Uses UTC everywhere`: a sentence in bold as the lead, then the text.
const BOLD_PERIOD = /^(?:\*\*(?!\s)((?:[^*\n]|\*(?!\*)){1,200}?)[.。!！][ \t]*\*\*|__(?!\s)((?:[^_\n]|_(?!_)){1,200}?)[.。!！][ \t]*__)[ \t]+(?=\S)/;
// `**In-memory rate limiter** (`app/api/chat/route.ts`) — text`: the bold is the title; the
// parenthesis (where, or a note) opens the text, where its paths are read. Before a colon only
// a parenthesis holding code counts (`**Helpers** (lines 41–233): …` is an item of a list).
const BOLD_PAREN_DASH = /^(?:\*\*(?!\s)((?:[^*\n]|\*(?!\*)){1,200}?)\*\*|__(?!\s)((?:[^_\n]|_(?!_)){1,200}?)__)[ \t]*(?=[(（][^()（）\n]{1,160}[)）][ \t]*[—–-]{1,2}(?:[ \t]+|\r?\n|$)|[(（][^()（）`\n]{0,40}`[^()（）\n]{1,160}[)）][ \t]*[:：][ \t])/;
const BOLD_ONLY = /^(?:\*\*(?!\s)((?:[^*\n]|\*(?!\*)){1,200}?)\*\*|__(?!\s)((?:[^_\n]|_(?!_)){1,200}?)__)[ \t]*$/;
const BOLD_FIELD_VALUE = /^\*\*([^*:：\n]{1,40}?)[ \t]*[:：][ \t]*([^*\n]{1,60})\*\*/;
// `*Status*: text`, `_Impact_: text`, `*Details:* text`: an italic label reads as a plain one.
const ITALIC_LABEL = /^(?:\*(?![\s*])([^*\n]{1,60}?)\*|_(?![\s_])([^_\n]{1,60}?)_)[ \t]*[:：][ \t]*|^(?:\*(?![\s*])([^*\n]{1,60}?)[:：]\*|_(?![\s_])([^_\n]{1,60}?)[:：]_)[ \t]*/;
// (A full-width colon needs no blank after it: `文件：\`src/x.ts\``.)
const PLAIN = /^([\p{L}][\p{L}\p{N}'’ /&-]{0,40}?(?:[ \t]*[(（][^)）\n]{0,60}[)）])?)[ \t]*(?::(?=[ \t]|$)|：)[ \t]*/u;

/** A figure and its unit: `1056 lines`, `~940 LOC`, `40%`, `3 files`. */
const MEASURE = /^[~≈>]?[ \t]?\d[\d,.]*\+?[ \t]?(?:%|[\p{L}]{1,12})?$/u;

/** The label opening a line; the same (shared, read-only) object for the same line. */
export const readLabel: (line: string) => Readonly<Label> | undefined = memoized(readLabelOnce);

function readLabelOnce(line: string): Label | undefined {
  const status = line.length <= 400 ? TRAILING_STATUS.exec(line) : null;
  if (status?.[1]) {
    const label = readLabelOnce(status[1]);
    if (label && label.style !== 'plain' && label.rest.trim() === '') return { ...label, rest: '', resolvedMark: true };
  }
  for (const [pattern, style] of [
    [BOLD_COLON_INSIDE, 'bold'],
    [BOLD_COLON_OUTSIDE, 'bold'],
    [BOLD_DASH, 'bold-dash'],
    [BOLD_PERIOD, 'bold-dash'],
    [BOLD_PAREN_DASH, 'bold-dash'],
    [BOLD_ONLY, 'bold-only'],
  ] as const) {
    const m = pattern.exec(line);
    const label = m?.[1] ?? m?.[2];
    if (!m || !label) continue;
    // `**1056 lines** — the app state and the update loop in one file`: a figure stressed, no title.
    if (style !== 'bold' && MEASURE.test(label.trim())) return undefined;
    // `**Severity: HIGH**`, `**Severity: High** — why`: a known field with its value inside the bold.
    const inner = style === 'bold-only' || style === 'bold-dash' ? /^([^:：]{1,40}?)[ \t]*[:：][ \t]*(?=\S)/u.exec(label) : null;
    if (inner?.[1] && isKnownField(inner[1])) return { label: inner[1].trim(), style: 'bold', valueOffset: 2 + inner[0].length, rest: line.slice(2 + inner[0].length) };
    return { label: label.trim(), style, valueOffset: m[0].length, rest: line.slice(m[0].length) };
  }
  // `**Severity: HIGH** (blocker for production use)`: a known field, its value inside the bold, a note after.
  const fieldInBold = BOLD_FIELD_VALUE.exec(line);
  if (fieldInBold?.[1] && isKnownField(fieldInBold[1])) {
    const valueOffset = fieldInBold[0].length - 2 - (fieldInBold[2]?.length ?? 0);
    return { label: fieldInBold[1].trim(), style: 'bold', valueOffset, rest: line.slice(valueOffset) };
  }
  const italic = ITALIC_LABEL.exec(line);
  const italicLabel = italic ? (italic[1] ?? italic[2] ?? italic[3] ?? italic[4]) : undefined;
  if (italic && italicLabel && wordCount(italicLabel) <= 6) {
    return { label: italicLabel.trim(), style: 'plain', valueOffset: italic[0].length, rest: line.slice(italic[0].length) };
  }
  const plain = PLAIN.exec(line);
  if (plain?.[1] && wordCount(plain[1]) <= 6 && !/https?$/i.test(plain[1])) {
    return { label: plain[1].trim(), style: 'plain', valueOffset: plain[0].length, rest: line.slice(plain[0].length) };
  }
  return undefined;
}

function wordCount(s: string): number {
  return s.replace(/[(（][^()（）]*[)）]/g, '').trim().split(/\s+/).length;
}

/** Labels that introduce prose, never a concern of their own. */
export function isProseLabel(label: string): boolean {
  return /^(?:notes?|summary|overview|implications?|context|examples?|legend|key|tl;?dr|conclusion|observations?|background|scope|methodology|totals?|counts?)$/i.test(
    label.replace(/[:：]\s*$/, '').trim(),
  );
}

/**
 * A bold title that only heads the author's summing-up: `**Overall Assessment:** The codebase is
 * well-structured …`, `**Verdict:**`, `**Bottom line:**`. It restates, it is no concern.
 * (`isProseLabel` is the forms' list of labels that open prose, asked before a concern is opened;
 * this one is asked of every draft at the end, whichever form opened it.)
 */
export function isSummaryTitle(title: string): boolean {
  return /^(?:overall(?: (?:assessment|verdict|status|health|picture))?|(?:overall |general )?assessment|verdict|bottom line|conclusion|in summary|summary|tl;?dr|resumen|fazit|résumé|sintesi|总结|总体评价|총평|まとめ|総評)$/iu.test(title.replace(/[*_:：.]+/g, ' ').trim());
}

/** Removes markdown emphasis, heading marks, numbering and the trailing colon from a title. */
export const cleanTitle = memoized(cleanTitleOnce);

function cleanTitleOnce(raw: string): string {
  // `(?<!\s)`: a match may only start where a blank run starts, so a long run is scanned once,
  // not once per blank (without it, 100 KB of spaces takes seconds).
  let t = raw.trim().replace(/^#{1,6}\s+/, '').replace(/(?<!\s)\s+#+\s*$/, '');
  // `**1. Title**`, `1. ~~Title~~`, `__Title__`: unwrap and drop numbering, repeatedly (they nest).
  for (let i = 0; i < 3; i++) {
    const unwrapped = stripNumbering(t.replace(/^(\*\*|__|~~)(.*)\1$/s, '$2').trim());
    if (unwrapped === t) break;
    t = unwrapped;
  }
  // `[`lib/x.py`](file:///root/ws/lib/x.py)`: a link's text, not its address.
  // (An address may hold balanced parentheses, one deep: Next.js `app/(auth)/page.tsx`.)
  if (t.includes('](')) t = t.replace(/\[([^\]\n]{1,300})\]\((?:[^()\s]|\([^()\s]{0,200}\)){0,2000}\)/g, '$1');
  t = outsideCode(t, (part) => part.replace(/\*\*|__/g, ''));
  t = stripNumbering(t);
  t = t.replace(/(?<![ \t])[ \t]*[:：]\s*$/, '');
  // (A title wrapped onto the next line is read with the break as blanks: one blank between words.)
  return t.trim().replace(/[ \t]{2,}/g, ' ');
}

/** Applies `edit` to the text outside backticked spans (`__init__.py` in backticks stays whole). */
function outsideCode(t: string, edit: (part: string) => string): string {
  if (!t.includes('`')) return edit(t);
  return t
    .split(/(`[^`\n]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : edit(part)))
    .join('');
}

function stripNumbering(t: string): string {
  // `1.`, `2)`, `a)`, `1.1`, `2.3.`, `IV.`: numbering, not part of the name.
  t = t.replace(/^(?:\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)]|[A-Za-z][.)]|[IVX]{2,4}[.)])\s+/, '').replace(/^\d{1,3}\)\s*/, '');
  // `§8 Oracle thick mode`: a section number.
  t = t.replace(/^§\s?\d{1,3}(?:\.\d{1,3})*\.?\s+(?=\S)/u, '');
  // `一、技术债`, `（二）安全`, `第三章 性能`, `3、缓存`: the numbering of Chinese and Japanese headings.
  t = t.replace(/^(?:[一二三四五六七八九十]{1,3}|\d{1,3})[、．]\s*(?=\S)|^[(（][一二三四五六七八九十\d]{1,3}[)）]\s*(?=\S)|^第[一二三四五六七八九十\d]{1,3}[章节部分節]\s*(?=\S)/u, '');
  // `AREA 1: Checkout`, `Issue A — Title`, `Section 3. Auth`: a word that counts, then the name.
  const counted = COUNTED.exec(t);
  if (counted && COUNTING_WORDS.has(counted[1]!.toLowerCase()) && counted[0].length < t.length) return t.slice(counted[0].length);
  return t;
}

const COUNTED = /^([A-Za-z]{3,9}) (?:#?\d{1,3}|[A-Z])(?:[:：.]| ?[—–]| -) +/;
const COUNTING_WORDS = new Set(['area', 'issue', 'item', 'finding', 'concern', 'risk', 'problem', 'bug', 'gap', 'section', 'part', 'step', 'target', 'topic', 'category', 'question', 'theme']);

/**
 * `SEC-1 — Title`, `H2: Title`, `C3 – Title`, `TD-013 · Title`, `[PERF-02] Title`, `P0.1 Title`: the id the document gives a
 * concern, and the title without it. An id is a few capitals and a number, set off by a dash,
 * a colon or brackets; a title that would be left empty keeps it.
 */
export const splitConcernLabel = memoized(splitConcernLabelOnce);

const CONCERN_ID =
  /^(?:\[([A-Z][A-Z0-9]{0,7}(?:-[A-Z0-9]{1,8})?-?\d{1,4}[a-z]?)\]\s*|([A-Z]{1,3}\d{1,3}[a-z]?|[A-Z][A-Z0-9]{0,7}-\d{1,4}[a-z]?(?:\/\d{1,4}[a-z]?){0,5}|[A-Z]{2,8}-[A-Z]{1,8}-\d{1,4})(?:\s*[—–:：·•]\s*|\s+-\s+|\.\s+)|([A-Z]{1,3}\d{1,3}\.\d{1,3})(?:\s*[—–:：]\s*|\s+-\s+|\s+))(?=\S)/u;

function splitConcernLabelOnce(title: string): { label?: string; title: string } {
  const m = CONCERN_ID.exec(title);
  const label = m?.[1] ?? m?.[2] ?? m?.[3];
  if (!m || !label) return { title };
  const rest = title.slice(m[0].length).trim();
  return rest ? { label, title: rest } : { title };
}

/**
 * A concern's title without the signs that only say its status or severity: a leading `✅` or
 * `🔴`, a `(RESOLVED)` / `(Fixed in v2)` note, a trailing `RESOLVED in 4f2c9a1`, strike marks,
 * a severity tag (`[HIGH]`, `(Critical - Business Impact)`).
 * Those are read into `resolved` and `severity`; the title is what the concern is about.
 */
export const concernTitle = memoized(concernTitleOnce);

function concernTitleOnce(raw: string): string {
  let t = cleanTitle(raw);
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t.replace(/^(?:[\p{Extended_Pictographic}\uFE0F\u200D]|\[[ xX]\])+\s*/u, '');
    // Linear on hostile titles: matches start only where a blank run starts, a note's body
    // stops at the next parenthesis, and no two blank quantifiers are adjacent (that was cubic).
    t = t.replace(/(?<!\s)\s*(?:[(（]\s*(?:resolved|fixed)\b[^()（）]*|[(（]\s*(?:(?:recently|already|now)\s+)?(?:resolved|fixed|done)(?:\s+in\s+[^()（）,]*)?\s*)[)）]\s*$/i, '');
    t = t.replace(/(?<!\s)\s+(?:[-—–:]\s*)?\b(?:resolved|fixed) in\b[^()]{0,60}$/i, '');
    // `(MIXED STATUS)`, `(in progress)`, `(partially fixed)`, `(partially mitigated 2026-06-23)`,
    // `(open since v2.1)`: a status note, perhaps dated, not the subject.
    t = t.replace(/(?<!\s)\s*[(（]\s*(?:mixed status|in progress|wip|pending|informational|info only|fyi|not (?:yet )?(?:started|written|implemented|built)|planned|scheduled|(?:phase|milestone|stage) [\w.]{1,12} (?:not (?:yet )?started|planned|pending|deferred)|expected(?:,? (?:and )?documented)?|by design|intended|intentional|(?:research )?incomplete|unverified|(?:un)?confirmed|hypothes[ie]s|hypothetical|suspected|speculative|tbd|needs (?:research|investigation|verification)|to be (?:verified|investigated|confirmed)|deferred|open|ongoing|unresolved|accepted(?: risk)?|won'?t fix|wontfix|tracked|monitoring|mitigated|defended|guarded|partial(?:ly)? (?:fixed|resolved|addressed|mitigated|done)|방어됨|완화됨|부분 (?:해결|완화)|진행 ?중|보류|已缓解|部分缓解|进行中|待处理|緩和済み?|対応中|保留|mitigad[oa]|parcialmente (?:mitigad[oa]|resolvid[oa]|resuelt[oa])|em andamento|pendente|diferid[oa]|en curso|pendiente|mitigat|en cours|en attente|atténué|entschärft|in arbeit|offen)(?:[ ,;:—–-]{1,3}(?:as of |since |on |in |to |until |till |for )?v?\d[\d./-]*|[ \t]+(?:to|until|till|for)[ \t]+v?\d[\d./-]*)?\s*[)）]\s*$/i, '');
    // `(Infrastructure Built — 2026-03-22)`, `(Added 2026-01-05)`: a note closing on a date says when, not what.
    t = t.replace(/(?<!\s)\s*[(（][^()（）\n]{0,40}?[ ,—–:-]\d{4}-\d{2}-\d{2}\s*[)）]\s*$/u, '');
    // `Whole-store diffing on every save (`lib/sync.ts`)`: where it is, read as a reference, not the title.
    t = t.replace(/(?<!\s)\s*[(（]`[^`\s()（）]{1,200}`[)）]\s*$/u, (tail) => (isPathTitle(tail.trim().slice(1, -1)) ? '' : tail));
    // `（已确认）`, `（已确认，已缓解）`, `(confirmed)`: how sure the finding is, or that it is eased.
    t = t.replace(/(?<!\s)\s*[(（]\s*(?:(?:已确认|需确认|待确认|未确认|已缓解|部分缓解|已验证|风险|確認済み?|要確認|확인됨|확인 필요|confirmed|unconfirmed|needs confirmation|verified|unverified)(?:\s*[，,、;；/]\s*|\s*(?=[)）])))+[)）]\s*$/u, '');
    // `[NEW]`, `[UPDATED — corrected detail]`: what changed since the last map, not the subject.
    t = t.replace(/(?<!\s)\s*\[(?:new|updated|changed|revised|unchanged|carried over|carry-over|still open|regressed)(?:\s?[—–:-][^[\]\n]{0,60})?\]\s*$/i, '');
    t = t.replace(/^\[(?:new|updated|changed|revised|unchanged|carried over|carry-over|still open|regressed)\]\s*(?=\S)/i, '');
    // `[TODO] Type hints`, `` `[TODO]` Thread pool error handling ``: the marker of work to do, not
    // the subject (`` `[TODO]` comments ``, going on in lower case, is about the markers).
    t = t.replace(/^(`?)\[(?:TODO|FIXME|HACK|XXX|[Tt]odo|[Ff]ixme)\]\1\s*(?=\p{Lu}|\p{N}|`)/u, '');
    // `(PRD-27 new)`, `(`TODO P3`)`: the tracker's id or the marker's priority, not the subject.
    t = t.replace(/(?<!\s)\s*[(（]`?(?:(?:TODO|FIXME|HACK)\s+)?(?:P[0-4]|[A-Z]{2,8}-\d{1,5})(?:\s+(?:new|open|todo|follow-?up|backlog))?`?[)）]\s*$/u, '');
    t = stripTrailingMarks(t);
    // `[HIGH] Token reuse`, `Image loss (Critical - Business Impact)`: read into `severity`.
    t = splitSeverityTag(t).title;
    t = cleanTitle(t);
    if (t === before) break;
  }
  return t || cleanTitle(raw);
}

const MARK = /^[\p{Extended_Pictographic}\uFE0F\u200D]$/u;

/** Trailing emoji (`🔴`, `✅`) and the blanks before them, walked from the end: linear, unlike `\s*(?:emoji)+$`. */
function stripTrailingMarks(t: string): string {
  const chars = [...t];
  let end = chars.length;
  while (end > 0 && MARK.test(chars[end - 1]!)) end--;
  if (end === chars.length) return t;
  while (end > 0 && /^\s$/.test(chars[end - 1]!)) end--;
  return chars.slice(0, end).join('');
}

export function isStruckThrough(raw: string): boolean {
  let t = raw.trim().replace(/^#{1,6}\s+/, '');
  for (let i = 0; i < 3; i++) t = stripNumbering(t.replace(/^(\*\*|__)(.*)\1$/s, '$2').trim().replace(/^[\p{Extended_Pictographic}\uFE0F]+\s*/u, ''));
  return /^~~.+~~[\s:：]*$/s.test(t);
}

/**
 * `` `cli/lib/x.py` (lines 310, 427) ``, `` `src/a.ts` (793 lines) ``: a label that only names a
 * file (and where in it, or its size), not what is wrong there.
 */
export function isPathTitle(label: string): boolean {
  if (label.length > 200) return false;
  const m = /^`([^`\s]+)`[ \t]*(?:[(（][^()（）]{0,80}[)）])?[ \t]*[:：]?$/u.exec(label.trim());
  // (`@heliosjs/aws` is a package, `react-hooks/exhaustive-deps` a lint rule, not a file.)
  return m !== null && !/^@[\w.-]+\/[\w.-]+$/.test(m[1]!) && !LINT_RULE.test(m[1]!) && /\/|\.[A-Za-z][A-Za-z0-9]{0,5}(?::[\d,-]+)?$/.test(m[1]!);
}

/** A lint rule of a well-known plugin: `react-hooks/set-state-in-effect`, `jsx-a11y/alt-text`, `import/no-cycle`. */
const LINT_RULE = /^(?:react-hooks|react|react-refresh|jsx-a11y|import|import-x|unicorn|sonarjs|promise|security|jest|vitest|testing-library|tailwindcss|vue|svelte|astro|next|@next\/next|n|node|eslint-comments|regexp|perfectionist|simple-import-sort|unused-imports)\/[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;

/**
 * `**Severity: HIGH — Nothing beyond scaffold exists.**`: the whole bold line is a severity, a
 * dash and the concern's title (not a Severity field): the title, its severity's words, and
 * where what follows the bold starts.
 */
export function severityLedTitle(firstLine: string): { label: string; severityText: string; valueOffset: number } | undefined {
  const m = SEVERITY_LED.exec(firstLine);
  if (!m || severityFromValue(m[1]!) === undefined) return undefined;
  return { label: m[2]!.trim().replace(/\.$/, ''), severityText: m[1]!, valueOffset: m[0].length };
}

const SEVERITY_LED = /^\*\*(?:severity|priority|risk|impact)[ \t]*[:：][ \t]*([A-Za-z0-9]{2,10})[ \t]+[—–-][ \t]+([^*\n]{3,200}?)[ \t]*\*\*[ \t]*/i;
