/**
 * The state a walk over one text shares with the forms: the text and its positions, the
 * concerns drafted so far, the notes; and the last step, drafts to concerns with their fields
 * and references. Knows no form: the forms (forms/) draft concerns through it.
 */
import type { Heading, ListItem, RootContent, Table } from 'mdast';
import type { Concern, DocumentNote, Field, LineRange, Reference, Severity } from '../model';
import { parseLineCell, spelledOutLines } from '../extract/lineSpec';
import { extractReferences, fileStem, namesThingElsewhere } from '../extract/references';
import { isBareFolderName } from '../extract/speculative';
import { continuesList, saysAbsent } from '../extract/statedAbsent';
import { FIX_FIELDS } from './fieldNames';
import { namesMissingFeatures } from './forms/sectionConcern';
import { IdAllocator } from './ids';
import { cleanTitle, isStruckThrough, readLabel, splitConcernLabel } from './labels';
import { isAlreadyDone, isPlaceholder, isResolvedLabel, reportsNothingWrong, isResolvedStatus, isResolvedTitle, severityFromEmoji, severityFromValue, splitSeverityTag, titleSaysSound } from './markers';
import type { SourceText } from './source';
import { classifyTable, type TableShape } from './tables';
import { end, innerSpan, start, type ConcernDraft, type Context, type FieldDraft } from './draft';

/** A concern naming more references than this is indexed up to the cap (a note says so). */
export const MAX_REFERENCES_PER_CONCERN = 500;

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
    return this.text.slice(from, Math.min(this.source.lineEndAt(from), to));
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
      if (draft.nothingWrong || !draft.title || isPlaceholder(draft.title) || titleSaysSound(draft.title) || (reportsNothingWrong(draft.title) && !namesMissingFeatures(draft.ctx.category)) || (fields.length > 0 && fields.every((f) => isPlaceholder(f.text)) && !this.hasPathLike(draft))) continue;
      // `Status: Fixed`, or any field opening with `Already fixed in current code`.
      const resolved = draft.resolved || draft.ctx.resolved || fields.some((f) => (f.name === 'status' && isResolvedStatus(f.text)) || isAlreadyDone(f.text) || isResolvedLabel(f.label || leadingLabel(f.text)));
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
    /** The stretches scanned, each with where its references stand in it (see `linesOfTheOneFile`). */
    const scanned: { from: number; to: number; taken: [number, number][] }[] = [];
    const scan = (from: number, to: number, field: string) => {
      const taken: [number, number][] = [];
      scanned.push({ from, to, taken });
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
        const prev = refs.at(-1);
        const listed = prev?.saidAbsent === true && prevEnd >= 0 && continuesList(this.text.slice(from + prevEnd, from + found.start));
        if (listed || saysAbsent(this.text, from + found.start, from + found.end)) ref.saidAbsent = true;
        prevEnd = found.end;
        refs.push(ref);
      }
    };
    if (draft.scanTitle) scan(draft.titleStart, draft.titleEnd, draft.titleField ?? 'title');
    for (const f of draft.fields) scan(f.valueStart, f.end, f.name);
    this.linesFromTable(draft, refs);
    this.linesFromField(draft, refs);
    this.linesOfTheOneFile(draft, refs, scanned);
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

  private linesOfTheOneFile(draft: ConcernDraft, refs: Reference[], scanned: readonly { from: number; to: number; taken: [number, number][] }[]): void {
    if (refs.length === 0) return;
    // `## Target 2: \`nws.py\`` over "helpers (lines 41–233) … extract to \`nws_helpers.py\``: the
    // lines are of the file the heading names, which is not among the concern's references.
    const context = [draft.ctx.category, draft.ctx.group ?? ''].join('\n');
    if (extractReferences(context).some((r) => r.kind === 'file')) return;
    linesOfTheOneFileOf(this.text, refs, scanned);
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

/**
 * Lines the concern writes with a spelled-out word away from any path (`- **示例：** 第 85, 98
 * 行`, "the same pattern in `ensureBindings` (lines 443-451)") when it names exactly one file:
 * they can only be that file's, and are given to it. With two files or more, which one they
 * are of is a guess, and none is made; a bare number or an `L2` is never read as a line.
 */
function linesOfTheOneFileOf(text: string, refs: Reference[], scanned: readonly { from: number; to: number; taken: [number, number][] }[]): void {
  const files = refs.filter((r) => r.kind === 'file');
  const first = files[0];
  if (!first || files.some((r) => r.path !== first.path)) return;
  const name = fileStem(first.path);
  const have = new Set(files.flatMap((r) => r.ranges.map((x) => `${x.start}-${x.end}`)));
  const more: LineRange[] = [];
  for (const { from, to, taken } of scanned) {
    const raw = text.slice(from, to);
    // The references' own text (`a.ts:12`, `a.ts (line 4)`) was read with them, and code
    // (`{ lines: 70 }`, a fenced block) says no line of anything: both blanked out.
    const blanked = [...taken, ...codeSpans(raw)].sort((a, b) => a[0] - b[0]);
    const pieces: string[] = [];
    let at = 0;
    for (const [s, e] of blanked) {
      if (e <= at) continue;
      pieces.push(raw.slice(at, Math.max(at, s)), ' '.repeat(e - Math.max(at, s)));
      at = e;
    }
    pieces.push(raw.slice(at));
    const prose = pieces.join('');
    // `` (`:145`, task-84) ``, `` (`:157`~`161`) ``: a line span of its own, no path before it.
    for (const m of raw.matchAll(COLON_LINE_SPAN)) {
      if (taken.some(([s, e]) => m.index >= s && m.index < e)) continue;
      // `` `POST /api/generate` (`:77`) ``, `` `AsyncOpenAI` (`:25`) ``: the lines of what is named there.
      const code = CODE_RIGHT_BEFORE.exec(raw.slice(Math.max(0, m.index - 120), m.index))?.[1];
      if (code !== undefined && namesThingElsewhere(code.trim(), first.path)) continue;
      const start = Number(m[1]);
      const end = Number(m[2] ?? m[3] ?? m[1]);
      if (!(start >= 1) || !(end >= start)) continue;
      const key = `${start}-${end}`;
      if (have.has(key)) continue;
      have.add(key);
      more.push({ start, end });
    }
    for (const { range, at: spec } of spelledOutLines(prose)) {
      // "as noted in HANDOVER (line 43)", "README line 5": the lines of the thing named there.
      if (OTHER_NAME_BEFORE.test(prose.slice(Math.max(0, spec - 24), spec))) continue;
      // "`_DashboardScreen._fetchData()` at line 71" in a concern on `user_service.dart`: a
      // member of a class the file is not named for, whose lines are likely in another file.
      const member = CLASS_MEMBER_BEFORE.exec(raw.slice(Math.max(0, spec - 48), spec));
      const owner = (member?.[1] ?? '').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();
      if (owner && !name.includes(owner) && !owner.includes(name)) continue;
      const key = `${range.start}-${range.end}`;
      if (have.has(key)) continue;
      have.add(key);
      more.push(range);
    }
  }
  if (more.length > 0) first.ranges = [...first.ranges, ...more];
}

/** A code span right before (perhaps then an opening parenthesis): `` `AsyncOpenAI` ( ``. */
const CODE_RIGHT_BEFORE = /`([^`\n]{1,100})`[ \t]*[(（]?[ \t]*$/;

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

/** A member of a class in a code span shortly before: `` `_DashboardScreen._fetchData()` at ``. */
const CLASS_MEMBER_BEFORE = /`_?([A-Z][\w$]{1,60})(?:\.|::|#)[\w$.():]*`[^`]{0,24}$/;

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
