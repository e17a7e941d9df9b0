/**
 * The state a walk over one text shares with the forms: the text and its positions, the
 * concerns drafted so far, the notes; and the last step, drafts to concerns with their fields
 * and references. Knows no form: the forms (forms/) draft concerns through it.
 */
import type { Heading, ListItem, RootContent, Table } from 'mdast';
import type { Concern, DocumentNote, Field, Reference, Severity } from '../model';
import { parseLineCell } from '../extract/lineSpec';
import { extractReferences } from '../extract/references';
import { FIX_FIELDS } from './fieldNames';
import { IdAllocator } from './ids';
import { cleanTitle, isStruckThrough, readLabel, splitConcernLabel } from './labels';
import { isPlaceholder, isResolvedStatus, isResolvedTitle, severityFromEmoji, severityFromValue } from './markers';
import type { SourceText } from './source';
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
    const emoji = severityFromEmoji(raw);
    if (emoji) draft.severity = emoji;
    this.drafts.push(draft);
    return draft;
  }

  // ---- drafts to concerns ------------------------------------------------------------------

  finish(ids: { next(category: string, title: string): string } = new IdAllocator()): Concern[] {
    const concerns: Concern[] = [];
    for (const draft of this.drafts) {
      const fields = draft.fields.map((f) => this.toField(f));
      // A title of only marks (`**:**`) names nothing: no concern.
      if (draft.nothingWrong || !draft.title || isPlaceholder(draft.title) || (fields.length > 0 && fields.every((f) => isPlaceholder(f.text)) && !this.hasPathLike(draft))) continue;
      const severity = fieldSeverity(fields) ?? draft.severity ?? draft.ctx.severity;
      const resolved = draft.resolved || draft.ctx.resolved || fields.some((f) => f.name === 'status' && isResolvedStatus(f.text));
      const references = this.references(draft);
      const { label, title } = splitConcernLabel(draft.title);
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
    const scan = (from: number, to: number, field: string) => {
      for (const found of extractReferences(this.text.slice(from, to))) {
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
        if (draft.tableLines && field === 'files' && ref.ranges.length === 0 && ref.kind === 'file') ref.ranges = draft.tableLines;
        if (found.symbol !== undefined) ref.symbol = found.symbol;
        refs.push(ref);
      }
    };
    if (draft.scanTitle) scan(draft.titleStart, draft.titleEnd, draft.titleField ?? 'title');
    for (const f of draft.fields) scan(f.valueStart, f.end, f.name);
    this.linesFromField(draft, refs);
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
