/**
 * The state a walk over one text shares with the forms: the text and its positions, the
 * concerns drafted so far, the notes; and the last step, drafts to concerns with their fields
 * and references. Knows no form: the forms (forms/) draft concerns through it.
 */
import type { Heading, ListItem, RootContent, Table } from 'mdast';
import type { Concern, DocumentNote, Field, Reference, Severity } from '../model';
import { parseLineCell, spelledOutLines } from '../extract/lineSpec';
import { LINE_WORD } from '../extract/lineWords';
import { extractReferences } from '../extract/references';
import { isBareFolderName } from '../extract/speculative';
import { continuesList, saysAbsent } from '../extract/statedAbsent';
import { FIX_FIELDS } from './fieldNames';
import { namesMissingFeatures } from './forms/sectionConcern';
import { IdAllocator } from './ids';
import { linesAwayFromPaths, type ScannedStretch } from './proseLines';
import { cleanTitle, isStruckThrough, isSummaryTitle, readLabel, splitConcernLabel } from './labels';
import { isAlreadyDone, isPlaceholder, isResolvedLabel, reportsNothingWrong, isResolvedStatus, isResolvedTitle, severityFromEmoji, severityFromValue, splitSeverityTag, titleSaysSound } from './markers';
import type { SourceText } from './source';
import { classifyTable, type TableShape } from './tables';
import { end, innerSpan, start, type ConcernDraft, type Context, type FieldDraft } from './draft';

/** A concern naming more references than this is indexed up to the cap (a note says so). */
export const MAX_REFERENCES_PER_CONCERN = 500;

/** A line that opens a bold lead (after an item marker or not) and does not close it. */
const OPENS_BOLD_UNCLOSED = /^[ \t]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?\*\*(?![^\n]*\*\*)/;

export class DocumentReader {
  readonly drafts: ConcernDraft[] = [];
  readonly text: string;

  constructor(
    readonly source: SourceText,
    readonly notes: DocumentNote[],
  ) {
    this.text = source.text;
  }

  // ---- source helpers ----------------------------------------------------------------------

  slice(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): string {
    return this.text.slice(start(node), end(node));
  }

  /** The heading's text without its `#` marks. */
  inner(heading: Heading): string {
    const first = heading.children[0];
    const last = heading.children[heading.children.length - 1];
    if (!first || !last) return '';
    return this.text.slice(start(first), end(last));
  }

  lineStart(offset: number): number {
    return offset - this.source.positionAt(offset).character;
  }

  firstLineAt(from: number, to: number): string {
    const end = Math.min(this.source.lineEndAt(from), to);
    const line = this.text.slice(from, end);
    // `- **`scripts/build.js` — nobody should touch it without`, wrapped, `  running the test.** It …`:
    // a bold lead the author's editor wrapped is one line to read, up to the line that closes it.
    if (!OPENS_BOLD_UNCLOSED.test(line) || end >= to) return line;
    let close = end;
    for (let i = 0; i < 2 && close < to; i++) {
      const next = Math.min(this.source.lineEndAt(close + 1), to);
      const piece = this.text.slice(close + 1, next);
      if (/^\s*$/.test(piece)) return line;
      close = next;
      // (The break turned to blanks of its length: offsets into the line stay offsets into the text.)
      if (piece.includes('**')) return this.text.slice(from, close).replace(/\r?\n/g, (br) => ' '.repeat(br.length));
    }
    return line;
  }

  firstLine(node: RootContent): string {
    return this.firstLineAt(start(node), end(node));
  }

  itemFirstLine(item: ListItem): string {
    const first = item.children[0];
    return first && first.type === 'paragraph' ? this.firstLine(first) : '';
  }

  itemLabel(item: ListItem): ReturnType<typeof readLabel> {
    const first = item.children[0];
    if (!first || first.type !== 'paragraph') return undefined;
    return readLabel(this.firstLine(first));
  }

  tableHeader(table: Table): string[] {
    const head = table.children[0];
    if (!head) return [];
    return head.children.map((cell) => cleanTitle(this.text.slice(...innerSpan(cell))));
  }

  /** The table's column roles, from its header and its cells (see tables.ts); undefined when it lists no concerns. */
  tableShape(table: Table): TableShape | undefined {
    const rows = table.children.slice(1).map((row) => row.children.map((cell) => this.text.slice(...innerSpan(cell))));
    return classifyTable(this.tableHeader(table), rows);
  }

  // ---- drafts ------------------------------------------------------------------------------

  newDraft(ctx: Context, title: string, heading: Heading, raw: string): ConcernDraft {
    return this.newDraftAt(ctx, title, start(heading), end(heading), raw);
  }

  newDraftAt(ctx: Context, title: string, titleStart: number, titleEnd: number, raw: string): ConcernDraft {
    const draft: ConcernDraft = {
      ctx,
      title,
      titleStart,
      titleEnd,
      start: titleStart,
      end: titleEnd,
      fields: [],
      resolved: isResolvedTitle(raw) || isStruckThrough(raw),
      scanTitle: true,
    };
    const severity = severityFromEmoji(raw) ?? titleTagSeverity(raw);
    if (severity) draft.severity = severity;
    this.drafts.push(draft);
    return draft;
  }

  // ---- drafts to concerns ------------------------------------------------------------------

  finish(ids: { next(category: string, title: string): string } = new IdAllocator()): Concern[] {
    const concerns: Concern[] = [];
    for (const draft of this.drafts) {
      const fields = draft.fields.map((f) => this.toField(f));
      // A title of only marks (`**:**`) names nothing: no concern.
      // `**No TODO/FIXME Comments:**`, `**No Network Exposure:**`: a title that reports nothing wrong
      // (under Missing Features, `**No Analytics:**` is the gap itself).
      if (draft.nothingWrong || !draft.title || isPlaceholder(draft.title) || titleSaysSound(draft.title) || (isSummaryTitle(draft.title) && !this.hasPathLike(draft)) || (reportsNothingWrong(draft.title) && !namesMissingFeatures(draft.ctx.category)) || (fields.length > 0 && fields.every((f) => isPlaceholder(f.text)) && !this.hasPathLike(draft))) continue;
      // `Status: Fixed`, or any field opening with `Already fixed in current code`.
      // (Unless a field says what is still to do: `**Status:** Fixed …` then `**What's left:** add a test`.)
      const resolved =
        draft.resolved ||
        draft.ctx.resolved ||
        (fields.some((f) => (f.name === 'status' && isResolvedStatus(f.text)) || isAlreadyDone(f.text) || isResolvedLabel(f.label || leadingLabel(f.text))) &&
          !fields.some((f) => WORK_LEFT_LABEL.test(f.label.trim()) && f.text.trim() !== ''));
      const references = this.references(draft);
      const split = splitConcernLabel(draft.title);
      const label = split.label;
      // `P4 - Medium - No CI checks`: the id first, then the severity tag it stood before.
      const tagged = label === undefined ? undefined : splitSeverityTag(split.title);
      const title = tagged?.severity && tagged.title ? tagged.title : split.title;
      const severity = fieldSeverity(fields) ?? draft.severity ?? (tagged?.title ? tagged.severity : undefined) ?? draft.ctx.severity;
      const concern: Concern = {
        id: ids.next(draft.ctx.category, title),
        category: draft.ctx.category,
        title,
        resolved,
        range: this.source.rangeAt(draft.start, draft.end),
        titleRange: this.source.rangeAt(draft.titleStart, draft.titleEnd),
        fields,
        references,
      };
      if (label !== undefined) concern.label = label;
      if (draft.ctx.group !== undefined) concern.group = draft.ctx.group;
      if (severity) concern.severity = severity;
      concerns.push(concern);
    }
    return concerns;
  }

  private hasPathLike(draft: ConcernDraft): boolean {
    return draft.fields.some((f) => this.text.slice(f.valueStart, f.end).includes('`'));
  }

  private toField(f: FieldDraft): Field {
    return {
      name: f.name,
      label: f.label,
      text: dedent(this.text.slice(f.valueStart, f.end)),
      range: this.source.rangeAt(f.start, f.end),
    };
  }

  private references(draft: ConcernDraft): Reference[] {
    const refs: Reference[] = [];
    /** The stretches scanned, each with where its references stand in it (see `linesAwayFromPaths`). */
    const scanned: ScannedStretch[] = [];
    const bareClasses = new Set<Reference>();
    const scan = (from: number, to: number, field: string, title = false) => {
      const taken: [number, number][] = [];
      const owners: Reference[] = [];
      scanned.push({ from, to, taken, refs: owners, field, ...(title ? { title } : {}) });
      let prevEnd = -1;
      for (const found of extractReferences(this.text.slice(from, to))) {
        taken.push([found.start, found.end]);
        const ref: Reference = {
          text: this.text.slice(from + found.start, from + found.end),
          path: found.path,
          kind: found.kind,
          ranges: found.ranges,
          field,
          range: this.source.rangeAt(from + found.start, from + found.end),
          quoted: found.quoted,
          inFixField: FIX_FIELDS.has(field),
        };
        if (found.symbol !== undefined) ref.symbol = found.symbol;
        if (found.bareClass) bareClasses.add(ref);
        const prev = refs.at(-1);
        const listed = prev?.saidAbsent === true && prevEnd >= 0 && continuesList(this.text.slice(from + prevEnd, from + found.start));
        if (listed || saysAbsent(this.text, from + found.start, from + found.end)) ref.saidAbsent = true;
        prevEnd = found.end;
        refs.push(ref);
        owners.push(ref);
      }
    };
    if (draft.scanTitle) scan(draft.titleStart, draft.titleEnd, draft.titleField ?? 'title', true);
    // (A label may name the file itself: `**Example from `src/app/page.tsx`:**`, `- Vitest (`vite.config.js`): …`.)
    for (const f of draft.fields) scan(f.label.includes('`') ? f.start : f.valueStart, f.end, f.name);
    // `` `ExpenseModal`(191-198행) `` in a concern about `src/App.tsx`: the lines may as well be
    // the named file's (where the class is used) as the class's own; with a path named, a class
    // written alone is no reference (a member, `Name.save` (lines …), or `Name:25` still is).
    if (bareClasses.size > 0 && refs.some((r) => !bareClasses.has(r) && r.kind === 'file' && r.quoted && /[./]/.test(r.path))) {
      const kept = refs.filter((r) => !bareClasses.has(r));
      refs.length = 0;
      refs.push(...kept);
      for (const stretch of scanned) {
        const keep = stretch.refs.map((r) => !bareClasses.has(r));
        stretch.taken.splice(0, stretch.taken.length, ...stretch.taken.filter((_, i) => keep[i]));
        stretch.refs.splice(0, stretch.refs.length, ...stretch.refs.filter((_, i) => keep[i]));
      }
    }
    this.linesFromTable(draft, refs);
    this.linesFromField(draft, refs);
    this.linesOfTheOneFile(draft, refs, scanned);
    this.linesOfLabelledItems(draft, scanned);
    if (refs.length > MAX_REFERENCES_PER_CONCERN) {
      // A bare name (`src`) that may be a folder is the first to go: most such words are not.
      const sure = refs.filter((r) => !isBareFolderRef(r));
      refs.length = 0;
      refs.push(...sure);
    }
    if (refs.length > MAX_REFERENCES_PER_CONCERN) {
      // Each reference costs a stat, a diagnostic and a link: a runaway list is cut, and said so.
      this.notes.push({
        message: `"${draft.title}" names ${refs.length.toLocaleString('en-US')} references; only the first ${MAX_REFERENCES_PER_CONCERN} are indexed.`,
        range: this.source.rangeAt(draft.titleStart, draft.titleEnd),
        severity: 'warning',
      });
      refs.length = MAX_REFERENCES_PER_CONCERN;
    }
    return refs;
  }

  private linesOfTheOneFile(draft: ConcernDraft, refs: Reference[], scanned: readonly ScannedStretch[]): void {
    if (refs.length === 0) return;
    // `## Target 2: \`nws.py\`` over "helpers (lines 41–233) … extract to \`nws_helpers.py\``: the
    // lines are of the file the heading names, which is not among the concern's references.
    const context = [draft.ctx.category, draft.ctx.group ?? ''].join('\n');
    if (extractReferences(context).some((r) => r.kind === 'file')) return;
    linesAwayFromPaths(this.text, refs, scanned);
  }

  /**
   * A table row's lines (its `Line` column, `(L75, L110)` in the cell naming the concern) are of
   * the file its location cell names, when it names one: with several, which is a guess.
   */
  private linesFromTable(draft: ConcernDraft, refs: Reference[]): void {
    if (!draft.tableLines) return;
    const located = refs.filter((r) => r.field === 'files' && r.kind === 'file');
    if (located.length === 0 || new Set(located.map((r) => r.path)).size !== 1) return;
    for (const ref of located) if (ref.ranges.length === 0) ref.ranges = draft.tableLines;
  }

  /**
   * `**Quotas Handler** (`src/quotas.rs`):` then `- Line 102: …`, `- Line 180-183: …`: items
   * labelled by a line spec are lines of the one file the line introducing them names, or the
   * `- Files:` item right above them (else they are read as fields, and their lines were
   * nobody's). Anywhere else in the concern, they are its Files field's one file's, or its one
   * file's; with several files and no intro, whose lines they are is not sure, and none is made.
   */
  private linesOfLabelledItems(draft: ConcernDraft, scanned: readonly ScannedStretch[]): void {
    const placed = scanned.flatMap((x) => x.taken.map(([s, e], i) => ({ start: x.from + s, end: x.from + e, ref: x.refs[i]! })));
    const files = placed.map((p) => p.ref).filter((r) => r.kind === 'file');
    // With no list intro naming a file: the Files field's one file, else the concern's one file.
    const located = files.filter((r) => r.field === 'files');
    const pool = located.length > 0 ? located : files;
    const fallback = pool.length > 0 && pool.every((r) => r.path === pool[0]!.path) ? pool[0] : undefined;
    let owner: Reference | undefined;
    let ownerEnd = -1;
    for (const field of draft.fields) {
      // `- Line 102: …` read as a field labelled `Line 102`, or `- Lines 195, 207: …` as prose.
      const lead = LINE_LABEL.test(field.label.trim()) ? field.label : field.label === '' ? LINE_LEAD.exec(this.text.slice(field.valueStart, field.end))?.[1] : undefined;
      if (lead === undefined) continue;
      const ranges = spelledOutLines(lead).map((x) => x.range);
      if (ranges.length === 0) continue;
      // The file named last before the item, on the line that opens the list (or the item before).
      const before = placed.filter((p) => p.end <= field.start).at(-1);
      let target: Reference | undefined;
      const between = before ? this.text.slice(before.end, field.start) : '';
      // (`- 文件: `a.ts`` then `- 第 35, 47 行: …`: the Files item right above names the file too.)
      const intro = LIST_INTRO_END.exec(between);
      if (before && before.ref.kind === 'file' && intro && (intro[1] !== undefined || before.ref.field === 'files')) {
        owner = before.ref;
        ownerEnd = before.end;
        target = owner;
      } else if (owner !== undefined && LINE_ITEMS_BETWEEN.test(this.text.slice(ownerEnd, field.start))) {
        // (A later item of the same list: the text between is only the items before it.)
        target = owner;
      } else target = fallback;
      if (!target) continue;
      const have = new Set(target.ranges.map((r) => `${r.start}-${r.end}`));
      target.ranges = [...target.ranges, ...ranges.filter((r) => !have.has(`${r.start}-${r.end}`))];
    }
  }

  /**
   * A `Lines:` field of its own (`- File: \`a.java\`` then `- Lines: 62-65`, `**라인**: 4, 13`)
   * gives its lines to the file the Files field names, when it names one file and writes no
   * lines for it: with several files, which one the lines are of is a guess, and none is made.
   */
  private linesFromField(draft: ConcernDraft, refs: Reference[]): void {
    const field = draft.fields.find((f) => f.name === 'lines');
    if (!field) return;
    const located = refs.filter((r) => r.field === 'files' && r.kind === 'file');
    if (located.length === 0 || new Set(located.map((r) => r.path)).size !== 1 || located.some((r) => r.ranges.length > 0)) return;
    const ranges = parseLineCell(this.text.slice(field.valueStart, field.end));
    if (ranges.length > 0) for (const ref of located) ref.ranges = ranges;
  }
}

/** A line spec written with the word for line (`Lines 195, 207`, `第 35, 47 行`). */
const RANGE = String.raw`\d{1,6}(?:[ \t]*[-–~][ \t]*\d{1,6})?`;
const LINE_SPEC = String.raw`(?:${LINE_WORD}[ \t]+${RANGE}(?:[ \t]*,[ \t]*${RANGE}){0,8}|第[ \t]*${RANGE}(?:[ \t]*[,，、][ \t]*${RANGE}){0,8}[ \t]*行)`;
/** A label that is only a line spec: `Line 102`, `Lines 180-183`, `Zeile 12`, `Dòng 40`, `第 24 行`. */
const LINE_LABEL = new RegExp(String.raw`^${LINE_SPEC}$`, 'iu');

/** `- Lines 195, 207: …`: an item led by a line spec and a colon. */
const LINE_LEAD = new RegExp(String.raw`^(${LINE_SPEC})[ \t]*[:：]`, 'iu');

/**
 * From a file to the list item right under it: the end of the line introducing the list
 * (`` `x.rs`): ``, its colon captured), or of the list item naming it (`` `a.ts` `` then a new line).
 */
const LIST_INTRO_END = /^[`'")\]*]*[ \t]*(?:(?:\)[ \t]*)?([:：])[*_]*[ \t]*)?\r?\n[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?$/;

/** From the list's intro (or the Files item) to an item: only the line-labelled items before it (`):` then `- Line 102: …` lines). */
const LINE_ITEMS_BETWEEN = new RegExp(String.raw`^[\x60'")\]*]*[ \t]*(?:\)[ \t]*)?(?:[:：][*_]*)?[ \t]*(?:\r?\n[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:${LINE_WORD}|第)[^\n]*)*\r?\n[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?$`, 'iu');

/** A field naming the work still to do on a concern otherwise said fixed. */
const WORK_LEFT_LABEL = /^(?:what'?s[ \t]+left|what[ \t]+remains|remaining(?:[ \t]+work)?|still[ \t]+open|left[ \t]+to[ \t]+do|outstanding|not[ \t]+yet[ \t]+done|open[ \t]+items?)$/i;

function fieldSeverity(fields: Field[]): Severity | undefined {
  for (const f of fields) {
    if (f.name === 'priority' || f.name === 'severity') {
      const s = severityFromValue(f.text);
      if (s) return s;
    }
  }
  return undefined;
}

/** Removes the common indentation of continuation lines, so nested bullets read naturally. */
function dedent(value: string): string {
  const lines = value.replace(/\r\n?/g, '\n').split('\n');
  const rest = lines.slice(1).filter((l) => l.trim());
  // A loop, not Math.min(...spread): a field of 200,000 lines would overflow the call's arguments.
  const indent = rest.length === 0 ? 0 : rest.reduce((min, l) => Math.min(min, /^[ \t]*/.exec(l)?.[0].length ?? 0), Infinity);
  return [lines[0] ?? '', ...lines.slice(1).map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)?.[0].length ?? 0)))].join('\n').trim();
}

/**
 * The severity a title's tag gives (`[HIGH] Token reuse`), read as `concernTitle` reads the title.
 * With a priority and a severity both (`P1 - Critical - Title`), the severity's word says it.
 */
function titleTagSeverity(raw: string): Severity | undefined {
  let title = cleanTitle(raw);
  let first: Severity | undefined;
  for (let i = 0; i < 3; i++) {
    const tag = splitSeverityTag(title);
    if (!tag.severity || tag.title === title) break;
    first ??= tag.severity;
    if (!/^\s*(?:[(（[]\s*)?p\d/i.test(title)) return tag.severity;
    title = tag.title;
  }
  return first;
}

/** A bare name read as a folder if there is one (`src`, `hono-server`): see `isBareFolderName`. */
function isBareFolderRef(ref: Reference): boolean {
  return ref.kind === 'directory' && isBareFolderName(ref.path);
}

/** The words before a colon opening a text (`Resolved 2026-10 (Phase 4): …`), or ''. */
function leadingLabel(text: string): string {
  const colon = text.slice(0, 48).search(/[:：]/);
  return colon > 0 ? text.slice(0, colon) : '';
}
