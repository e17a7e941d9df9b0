/**
 * From markdown to the concerns model: one pure pass over the mdast that never changes it.
 *
 * The tree gives structure (which blocks belong to which section, concern and field); the
 * source text gives exact offsets, so references and fields keep their place in the editor.
 */
import type { Heading, List, ListItem, Paragraph, Root, RootContent, Table } from 'mdast';
import type { Concern, ConcernsDocument, DocumentNote, Field, LineRange, Reference, Severity } from '../model';
import { extractReferences, parseLineSpec } from '../extract/references';
import { FIX_FIELDS, fieldName, isKnownField } from './fieldNames';
import { readHeader } from './header';
import { IdAllocator, concernIdBase } from './ids';
import { cleanTitle, concernTitle, isProseLabel, isStruckThrough, readLabel } from './labels';
import { ownString } from './ownString';
import { clearMarkdownCache, parseMarkdown, topLevelBlocks, warmRuns, type TopBlock, type TopHeading } from './markdown';
import { isPlaceholder, isResolvedSection, isResolvedStatus, isResolvedTitle, severityFromEmoji, severityFromSection, severityFromValue } from './markers';
import { prepare } from './preprocess';
import { SourceText } from './source';
import { SectionCache, frameSections, suffixRepeatedIds, type ParsedSection } from './sections';
import { classifyTable, type TableShape } from './tables';

interface Section {
  heading: Heading;
  depth: number;
  blocks: RootContent[];
  children: Section[];
}

interface Context {
  category: string;
  group?: string;
  severity?: Severity;
  resolved: boolean;
  /** The section is named for concerns or a severity: its plain bullets are concerns too. */
  looseItems: boolean;
}

interface FieldDraft {
  label: string;
  name: string;
  start: number;
  valueStart: number;
  end: number;
}

interface ConcernDraft {
  ctx: Context;
  title: string;
  titleStart: number;
  titleEnd: number;
  start: number;
  end: number;
  fields: FieldDraft[];
  severity?: Severity;
  resolved: boolean;
  /** False when the title was made from the item's text (then its text is scanned as a field). */
  scanTitle: boolean;
  /** The field name references in the title get (`files` when a table row is named by its file). */
  titleField?: string;
  /** Lines from a table's Line column, for the row's location references that name none. */
  tableLines?: LineRange[];
}

/** A concern naming more references than this is indexed up to the cap (a note says so). */
export const MAX_REFERENCES_PER_CONCERN = 500;

export interface ParseOptions {
  /** Characters past this are not indexed (a note says so). */
  maxChars?: number;
}

/**
 * The concerns model of a document. Incremental: each top-level section is parsed alone and
 * kept by its text (see sections.ts), so an edit re-reads the section it falls in.
 */
export function parseConcernsDocument(raw: string, options: ParseOptions = {}): ConcernsDocument {
  return parseDocumentWith(raw, options, (parser) => parser.parse());
}

function parseDocumentWith(raw: string, options: ParseOptions, walk: (parser: DocumentParser) => ConcernsDocument): ConcernsDocument {
  const prepared = prepare(raw, options.maxChars);
  const source = new SourceText(prepared.text);
  const notes: DocumentNote[] = [];
  if (prepared.binary) {
    notes.push({ message: 'This file looks binary (it holds NUL bytes); it was not read as a concerns document.', range: source.rangeAt(0, 0), severity: 'error' });
    return { concerns: [], notes };
  }
  if (prepared.truncatedAt !== undefined) {
    const end = prepared.text.length;
    notes.push({
      message: `The document is larger than ${prepared.truncatedAt.toLocaleString('en-US')} characters; only that much was indexed.`,
      range: source.rangeAt(end, end),
      severity: 'warning',
    });
  }
  return walk(new DocumentParser(source, notes));
}

/**
 * Warms the parser's caches for `raw` step by step (see `warmRuns`), so that the first edit of a
 * document whose model was restored rather than parsed costs what any edit costs.
 */
export function* warmDocumentParse(raw: string, options: ParseOptions = {}): Generator<void, void, void> {
  const prepared = prepare(raw, options.maxChars);
  if (prepared.binary) return;
  yield* warmRuns(prepared.text);
  // Then its sections and concerns, one parsed per step (the walk over warm runs is about a
  // third of a whole parse).
  yield* new DocumentParser(new SourceText(prepared.text), []).sectionedSteps();
}

/** Runs steps through, for their result. */
function drain<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Sections and concerns parsed alone, by their text, shared by every document (see sections.ts). */
const sectionCache = new SectionCache();

/** Pieces (sections, concerns) walked so far in this process: for tests of the caches. */
let piecesParsed = 0;

export function documentPiecesParsed(): number {
  return piecesParsed;
}

/** Forgets every cached piece and run: the next parse of any text parses it all (a timing of the parser itself). */
export function clearParseCaches(): void {
  sectionCache.clear();
  clearMarkdownCache();
}

/** A piece of a document (a section, a concern) parsed alone, positions from its first line. */
function parsePiece(text: string, parse: (parser: DocumentParser) => ParsedSection | undefined): ParsedSection | undefined {
  piecesParsed++;
  // Cached across keystrokes: what it holds is read from a copy, not from this document version.
  return parse(new DocumentParser(new SourceText(ownString(text)), []));
}

/**
 * A piece from the cache, placed at `line` (see `SectionCache.place`), parsed from `text` when it
 * is not there; a step of `sectionedSteps` pauses after a piece it had to parse.
 */
function* placePiece(key: string, line: number, text: string, parse: (parser: DocumentParser) => ParsedSection | undefined): Generator<void, ParsedSection | undefined, void> {
  let parsed = false;
  const placed = sectionCache.place(key, line, () => {
    parsed = true;
    return parsePiece(text, parse);
  });
  if (parsed) yield;
  return placed;
}

/** Parses the whole document in one walk, never section by section: for tests that check the two agree. */
export function parseConcernsDocumentWhole(raw: string, options: ParseOptions = {}): ConcernsDocument {
  return parseDocumentWith(raw, options, (parser) => parser.parseWhole());
}

class DocumentParser {
  private readonly drafts: ConcernDraft[] = [];
  private readonly text: string;

  constructor(
    private readonly source: SourceText,
    private readonly notes: DocumentNote[],
  ) {
    this.text = source.text;
  }

  /** Section by section when the document has sections (see sections.ts), else whole. */
  parse(): ConcernsDocument {
    return drain(this.sectionedSteps()) ?? this.parseWhole();
  }

  /**
   * The sectioned parse, pausing after each section or concern it had to parse (one found in
   * the cache costs nothing): warming drives it a step at a time between requests, a parse runs
   * it through. Undefined when the document is not cut into sections.
   */
  *sectionedSteps(): Generator<void, ConcernsDocument | undefined, void> {
    const blocks = topLevelBlocks(this.text);
    if (!blocks) return undefined;
    const { title, sections } = frameSections(blocks);
    if (sections.length === 0) return undefined;
    const titleText = title ? cleanTitle(this.text.slice(title.innerStart, title.innerEnd)) : undefined;
    const header = readHeader(this.text.slice(0, Math.min(sections[0]!.start, 4000)), titleText);
    const concerns: Concern[] = [];
    const notes: DocumentNote[] = [];
    sectionCache.begin(blocks.length);
    let b = 0;
    // Each section from the start of its heading's line (so characters stay the same) to the next one's.
    for (let i = 0; i < sections.length; i++) {
      const from = this.lineStart(sections[i]!.start);
      const next = sections[i + 1];
      const to = next ? this.lineStart(next.start) : this.text.length;
      while (b < blocks.length && blocks[b]!.start < sections[i]!.start) b++;
      const own: TopBlock[] = [];
      for (let k = b; k < blocks.length && blocks[k]!.start < to; k++) own.push(blocks[k]!);
      const line = this.source.positionAt(from).line;
      const text = this.text.slice(from, to);
      const placed = (yield* this.concernsOfSection(sections[i]!, own, from, to, line)) ?? (yield* placePiece(text, line, text, (p) => p.parseSection()));
      if (!placed) return undefined;
      for (const c of placed.concerns) concerns.push(c);
      for (const n of placed.notes) notes.push(n);
    }
    suffixRepeatedIds(concerns);
    const doc: ConcernsDocument = { concerns, notes: [...this.notes, ...notes] };
    if (header.title !== undefined) doc.title = header.title;
    if (header.analysisDate !== undefined) doc.analysisDate = header.analysisDate;
    if (header.commit !== undefined) doc.commit = header.commit;
    return doc;
  }

  /**
   * A long section of bold-titled concerns, concern by concern: a `**Title:**` paragraph opens a
   * new concern whatever came before it in the section (see `body`), so the section is cut at
   * each one, and each piece is parsed alone with the section's context and kept by its text: a
   * keystroke in a 700-concern section re-reads one concern. Undefined when the section is not
   * that simple (sub-headings, a heading written as the concern, a section that holds none), and
   * the section is parsed whole.
   */
  private *concernsOfSection(heading: TopHeading, blocks: readonly TopBlock[], from: number, to: number, line: number): Generator<void, ParsedSection | undefined, void> {
    if (blocks.some((block) => block.type === 'heading' && block !== heading)) return undefined;
    const cuts = blocks.filter((block) => block.type === 'paragraph' && paragraphKind(this.firstLineAt(block.start, block.end)) === 'title').map((block) => this.lineStart(block.start));
    if (cuts.length < 2) return undefined;
    const name = cleanTitle(this.text.slice(heading.innerStart, heading.innerEnd)) || 'Concerns';
    if (isNonConcernSectionName(name)) return undefined;
    const ctx = categoryContext(name);
    const key = JSON.stringify(ctx);
    const headText = this.text.slice(from, cuts[0]);
    const head = yield* placePiece(`H\u0000${headText}`, line, headText, (p) => p.parseSection(true));
    if (!head) return undefined;
    const concerns = [...head.concerns];
    const notes = [...head.notes];
    for (let k = 0; k < cuts.length; k++) {
      const text = this.text.slice(cuts[k], cuts[k + 1] ?? to);
      const piece = yield* placePiece(`C\u0000${key}\u0000${text}`, this.source.positionAt(cuts[k]!).line, text, (p) => p.parseConcernPiece(ctx));
      if (!piece) return undefined;
      for (const c of piece.concerns) concerns.push(c);
      for (const n of piece.notes) notes.push(n);
    }
    return { concerns, notes };
  }

  private lineStart(offset: number): number {
    return offset - this.source.positionAt(offset).character;
  }

  private firstLineAt(start: number, end: number): string {
    return this.text.slice(start, Math.min(this.source.lineEndAt(start), end));
  }

  /** One bold-titled concern of a section, alone, read with the section's context. */
  parseConcernPiece(ctx: Context): ParsedSection | undefined {
    const root = parseMarkdown(this.text, { continuing: true });
    const first = root.children[0];
    if (!first || this.blockKind(first) !== 'title' || root.children.some((b) => b.type === 'heading')) return undefined;
    this.body(root.children, ctx, undefined);
    return { concerns: this.finish({ next: concernIdBase }), notes: this.notes };
  }

  /**
   * This text as one top-level section alone (it starts at its heading): its concerns, with
   * unsuffixed ids; undefined when it does not read as exactly one section. As the `head` of a
   * section cut into concerns (its heading and what comes before the first title), also
   * undefined when it has sub-headings or its fields make the heading the concern.
   */
  parseSection(head = false): ParsedSection | undefined {
    const root = parseMarkdown(this.text, { continuing: true });
    const { preamble, sections } = this.sectionise(root, false);
    if (preamble.length > 0 || sections.length !== 1 || (head && sections[0]!.children.length > 0)) return undefined;
    if (this.category(sections[0]!) === 'heading' && head) return undefined;
    return { concerns: this.finish({ next: concernIdBase }), notes: this.notes };
  }

  /** The whole document in one walk: the reference the sectioned parse must equal. */
  parseWhole(): ConcernsDocument {
    const root = parseMarkdown(this.text);
    const { preamble, sections, title } = this.sectionise(root, true);
    const headerEnd = sections[0] ? start(sections[0].heading) : this.text.length;
    const headerText = this.text.slice(0, Math.min(headerEnd, 4000));
    const header = readHeader(headerText, title);
    // A document with no sections at all may still hold concerns in its body.
    if (sections.length === 0) this.body(preamble, { category: title ?? 'Concerns', resolved: false, looseItems: false }, undefined);
    for (const section of sections) this.category(section);
    const concerns = this.finish();
    const doc: ConcernsDocument = { concerns, notes: this.notes };
    if (header.title !== undefined) doc.title = header.title;
    if (header.analysisDate !== undefined) doc.analysisDate = header.analysisDate;
    if (header.commit !== undefined) doc.commit = header.commit;
    return doc;
  }

  // ---- structure ---------------------------------------------------------------------------

  /**
   * Splits the flat block list into nested sections. A single leading `#` is the document's
   * title; the shallowest remaining heading level holds the categories.
   */
  private sectionise(root: Root, withTitle: boolean): { preamble: RootContent[]; sections: Section[]; title?: string } {
    const blocks = root.children;
    const headings = blocks.filter((b): b is Heading => b.type === 'heading');
    let title: string | undefined;
    let skipTitle: Heading | undefined;
    const h1s = headings.filter((h) => h.depth === 1);
    const onlyH1 = h1s.length === 1 ? h1s[0] : undefined;
    if (withTitle && onlyH1 && headings[0] === onlyH1) {
      skipTitle = onlyH1;
      title = cleanTitle(this.inner(onlyH1));
    }
    const preamble: RootContent[] = [];
    const top: Section[] = [];
    const stack: Section[] = [];
    for (const block of blocks) {
      if (block === skipTitle) continue;
      if (block.type === 'heading') {
        const section: Section = { heading: block, depth: block.depth, blocks: [], children: [] };
        while (stack.length > 0 && (stack[stack.length - 1]?.depth ?? 0) >= block.depth) stack.pop();
        const parent = stack[stack.length - 1];
        if (parent) parent.children.push(section);
        else top.push(section);
        stack.push(section);
      } else {
        const current = stack[stack.length - 1];
        if (current) current.blocks.push(block);
        else preamble.push(block);
      }
    }
    return title === undefined ? { preamble, sections: top } : { preamble, sections: top, title };
  }

  /** Returns 'heading' when the section's fields made its heading the concern. */
  private category(section: Section): 'heading' | undefined {
    const name = cleanTitle(this.inner(section.heading)) || 'Concerns';
    // Summaries and action plans restate concerns; indexing them would count each twice.
    if (isNonConcernSectionName(name)) return undefined;
    const ctx = categoryContext(name);
    // `## Core Sections (Required)` only wraps the real categories (`### 1) Top Risks`); a
    // child written as one concern (fields or notes under its heading) stays a concern.
    if (isWrapperSectionName(name) && section.children.length > 0 && section.blocks.every((b) => this.blockKind(b) === 'prose' || this.blockKind(b) === 'break')) {
      for (const child of section.children) {
        if (this.isGroup(child) || isNonConcernSectionName(cleanTitle(this.inner(child.heading)))) this.category(child);
        else this.headingConcern(child, ctx);
      }
      return undefined;
    }
    const leftover = this.body(section.blocks, ctx, undefined);
    if (leftover === 'fields') {
      // A `##` section written as one concern (fields straight under it).
      this.headingConcern(section, ctx);
      return 'heading';
    }
    for (const child of section.children) this.subsection(child, ctx, true);
    return undefined;
  }

  /**
   * A `###`/`####` heading: a concern of its own, or a group of concerns beneath it. Groups
   * are one level deep: a heading under a group is a concern.
   */
  private subsection(section: Section, ctx: Context, canGroup: boolean): void {
    if (canGroup && this.isGroup(section)) {
      const name = cleanTitle(this.inner(section.heading));
      const groupCtx: Context = { ...ctx, group: name, resolved: ctx.resolved || isResolvedSection(name), looseItems: ctx.looseItems || isConcernSectionName(name) };
      const severity = severityFromSection(name) ?? severityFromGroupLabel(name);
      if (severity) groupCtx.severity = severity;
      this.body(section.blocks, groupCtx, undefined);
      for (const child of section.children) this.subsection(child, groupCtx, false);
      return;
    }
    this.headingConcern(section, ctx);
  }

  private headingConcern(section: Section, ctx: Context): void {
    const raw = this.inner(section.heading);
    const title = concernTitle(raw);
    if (!title) return;
    const draft = this.newDraft(ctx, title, section.heading, raw);
    // `### Test risk: MEDIUM` written as one concern: the severity is in its title.
    if (!draft.severity && /^[^:：]{0,40}\b(?:risk|severity|priority)\s*[:：]/i.test(title)) {
      const severity = severityFromGroupLabel(title);
      if (severity) draft.severity = severity;
    }
    this.fields(section.blocks, draft);
    // Deeper headings under a concern (`#### Details`) are more of its fields.
    for (const child of flatten(section.children)) {
      const label = cleanTitle(this.inner(child.heading));
      const blocksStart = child.blocks[0] ? start(child.blocks[0]) : end(child.heading);
      const blocksEnd = child.blocks.length > 0 ? end(child.blocks[child.blocks.length - 1]!) : end(child.heading);
      draft.fields.push({ label, name: fieldName(label), start: start(child.heading), valueStart: blocksStart, end: blocksEnd });
      draft.end = Math.max(draft.end, blocksEnd);
    }
  }

  /**
   * Decides whether a heading groups concerns: the first telling block beneath it is a bold
   * title, a concern table or a list of bold-titled items (not fields), or it only has
   * sub-headings.
   */
  private isGroup(section: Section): boolean {
    for (const block of section.blocks) {
      const kind = this.blockKind(block, undefined);
      // Plain bullets with a dash (`- Real-time WS connection — unclear if ...`) are the
      // heading's own notes; only bold titles or backticked paths make its items concerns.
      if (kind === 'concern-list' && block.type === 'list' && !this.hasTitledItems(block)) return false;
      if (kind === 'title' || kind === 'concern-list' || kind === 'concern-table') return true;
      if (kind === 'fields' || kind === 'field') return false;
    }
    return section.children.length > 0 && section.children.some((c) => c.blocks.length > 0 || c.children.length > 0);
  }

  /** Some item of the list has a bold title, or is led by a backticked path. */
  private hasTitledItems(list: List): boolean {
    return list.children.some((item) => {
      const label = this.itemLabel(item);
      if (label && label.style !== 'plain' && !isKnownField(label.label)) return true;
      return leadOf(this.itemFirstLine(item))?.startsWith('`') === true;
    });
  }

  private blockKind(block: RootContent, ctx?: Context): 'title' | 'field' | 'fields' | 'concern-list' | 'concern-table' | 'prose' | 'break' {
    if (block.type === 'thematicBreak') return 'break';
    if (block.type === 'table') return classifyTable(this.tableHeader(block)) ? 'concern-table' : 'prose';
    if (block.type === 'paragraph') return paragraphKind(this.firstLine(block));
    if (block.type === 'list') {
      const labels = block.children.map((item) => this.itemLabel(item));
      const labelled = labels.filter((l): l is NonNullable<typeof l> => l !== undefined);
      const known = labelled.filter((l) => isKnownField(l.label)).length;
      if (known > 0 && known * 2 >= labelled.length) return 'fields';
      const boldTitles = labelled.filter((l) => l.style !== 'plain' && !isKnownField(l.label)).length;
      if (boldTitles * 2 >= block.children.length && boldTitles > 0) return 'concern-list';
      // `- `path:12` — what is wrong` and `- Short title — details`: one concern per item.
      const led = block.children.filter((item) => leadOf(this.itemFirstLine(item)) !== undefined).length;
      if (led * 2 >= block.children.length && led > 0) return 'concern-list';
      if (ctx?.looseItems && block.children.length > 0) return 'concern-list';
      return 'prose';
    }
    return 'prose';
  }

  // ---- section bodies ----------------------------------------------------------------------

  /**
   * The blocks of a category or group: bold-title concerns with their field lists, lists of
   * bold-titled items, and concern tables. Returns 'fields' when the body starts with fields
   * and no concern, so the caller can treat its heading as the concern.
   */
  private body(blocks: RootContent[], ctx: Context, initial: ConcernDraft | undefined): 'fields' | undefined {
    let current = initial;
    let introducedByProse = false;
    const draftsBefore = this.drafts.length;
    for (const block of blocks) {
      let kind = this.blockKind(block, current ? undefined : ctx);
      // A list introduced by a prose line (`**Implications:**`, `Examples:`) belongs to that prose.
      if (!current && introducedByProse && block.type === 'list' && kind === 'concern-list') kind = 'prose';
      introducedByProse = kind === 'prose' && block.type === 'paragraph' && /[:：]\s*(?:\*\*|__)?\s*$/.test(this.slice(block));
      switch (kind) {
        case 'break':
          current = undefined;
          break;
        case 'title': {
          const paragraph = block as Paragraph;
          const line = this.firstLine(paragraph);
          const label = readLabel(line)!;
          const titleStart = start(paragraph);
          const titleText = labelText(line, label.valueOffset);
          current = this.newDraftAt(ctx, concernTitle(label.label), titleStart, titleStart + titleText.length, titleText);
          // Whatever follows the title on its paragraph (a path, a description, `**Issue:** ...`
          // lines) is its first fields.
          current.fields.push(...this.paragraphFields(titleStart + label.valueOffset, end(paragraph), false));
          current.end = end(paragraph);
          break;
        }
        case 'concern-table':
          current = undefined;
          this.tableConcerns(block as Table, ctx);
          break;
        case 'concern-list':
          if (current) this.fieldList(block as List, current);
          else this.listConcerns(block as List, ctx);
          break;
        case 'fields':
        case 'field':
          // Fields before any concern: the heading is the concern. After a table or list of
          // concerns, a loose `**Recommendation:**` speaks for them all and belongs to none.
          if (!current) {
            if (this.drafts.length === draftsBefore) return 'fields';
            break;
          }
          this.fields([block], current);
          break;
        case 'prose':
          if (current) {
            if (isFooter(block) || this.isPlaceholderParagraph(block)) current = undefined;
            else this.fields([block], current);
          }
          break;
      }
    }
    return undefined;
  }

  /** Each item of `- **Title**: text` / `1. **Title** — text` lists is a concern. */
  private listConcerns(list: List, ctx: Context): void {
    for (const item of list.children) {
      const label = this.itemLabel(item);
      const first = item.children[0];
      if (!first) continue;
      if (!label || label.style === 'plain' || isKnownField(label.label)) {
        this.itemConcern(item, ctx);
        continue;
      }
      const line = this.firstLine(first);
      const titleStart = start(first);
      const titleText = labelText(line, label.valueOffset);
      const draft = this.newDraftAt(ctx, concernTitle(label.label), titleStart, titleStart + titleText.length, titleText);
      const restStart = titleStart + label.valueOffset;
      const firstEnd = end(first);
      if (firstEnd > restStart && this.text.slice(restStart, firstEnd).trim()) {
        draft.fields.push({ label: '', name: 'description', start: restStart, valueStart: restStart, end: firstEnd });
      }
      this.fields(item.children.slice(1), draft);
      draft.start = start(item);
      draft.end = Math.max(draft.end, end(item));
    }
  }

  /**
   * A list item without a bold title (`- `src/x.ts:12` — what is wrong`, `- Title — details`,
   * a plain bullet in a concerns section): the title is made from its first line, and the
   * whole item is its description.
   */
  private itemConcern(item: ListItem, ctx: Context): void {
    const first = item.children[0];
    if (!first || first.type !== 'paragraph') return;
    const line = this.itemFirstLine(item);
    const title = synthesiseTitle(line);
    if (!title) return;
    const s = start(first);
    // The title, not the whole line, says whether it is resolved: "(already done in some
    // routes, not in others)" in the description does not close the concern.
    const draft = this.newDraftAt(ctx, title, s, s + line.length, title);
    draft.scanTitle = false;
    draft.start = start(item);
    draft.end = end(item);
    draft.fields.push({ label: '', name: 'description', start: s, valueStart: s, end: end(first) });
    this.fields(item.children.slice(1), draft);
  }

  private tableConcerns(table: Table, ctx: Context): void {
    const header = this.tableHeader(table);
    const classified = classifyTable(header);
    if (!classified) return;
    const shape = this.checkTitleColumn(table, classified);
    const lineColumn = header.findIndex((h) => /^(?:lines?|line numbers?|行)$/i.test(h.replace(/[*_`]/g, '').trim()));
    for (const row of table.children.slice(1)) {
      const cells = row.children;
      const titleCell = cells[shape.titleColumn];
      if (!titleCell) continue;
      const [titleStart, titleEnd] = innerSpan(titleCell);
      const titleRaw = this.text.slice(titleStart, titleEnd);
      const title = concernTitle(titleRaw);
      if (!title || /^[-—–\s]*$/.test(title)) continue;
      const draft = this.newDraftAt(ctx, title, titleStart, titleEnd, titleRaw);
      draft.start = start(row);
      draft.end = end(row);
      if (shape.titleColumn === shape.locationColumn) draft.titleField = 'files';
      if (lineColumn >= 0 && cells[lineColumn]) {
        const lines = parseLineCell(this.text.slice(...innerSpan(cells[lineColumn])));
        if (lines.length > 0) draft.tableLines = lines;
      }
      cells.forEach((cell, i) => {
        if (i === shape.titleColumn || shape.numberColumns.includes(i)) return;
        const label = header[i] ?? `Column ${i + 1}`;
        const name = i === shape.locationColumn ? 'files' : fieldName(label);
        const [cellStart, cellEnd] = innerSpan(cell);
        const value = this.text.slice(cellStart, cellEnd).trim();
        if (!value || /^[-—–]$/.test(value)) return;
        draft.fields.push({ label, name, start: cellStart, valueStart: cellStart, end: cellEnd });
      });
      applyTableSeverity(draft, shape, cells.map((c) => this.text.slice(...innerSpan(c))));
    }
  }

  /**
   * `| File | Risk | Notes |` with `High`/`Low` under Risk: that column is a severity, not the
   * concern's name; the file names the row.
   */
  private checkTitleColumn(table: Table, shape: TableShape): TableShape {
    if (shape.locationColumn === undefined || shape.locationColumn === shape.titleColumn) return shape;
    const values = table.children
      .slice(1)
      .map((row) => row.children[shape.titleColumn])
      .map((cell) => (cell ? this.text.slice(...innerSpan(cell)).trim() : ''))
      .filter((v) => v && !/^[-—–]$/.test(v));
    if (values.length === 0 || !values.every((v) => severityFromValue(v) !== undefined && /^[^\s]+(?:\s*$|\s+[-—–:]\s)/u.test(v.replace(/^[\p{Extended_Pictographic}\uFE0F\s*_]+/u, '')))) return shape;
    return { ...shape, severityColumn: shape.severityColumn ?? shape.titleColumn, titleColumn: shape.locationColumn };
  }

  // ---- fields ------------------------------------------------------------------------------

  /** The blocks under a concern: field lists, bold field paragraphs, prose, code and tables. */
  private fields(blocks: RootContent[], draft: ConcernDraft): void {
    let paragraphField: FieldDraft | undefined;
    for (const block of blocks) {
      if (block.type === 'thematicBreak') break;
      draft.end = Math.max(draft.end, end(block));
      const introducer = paragraphField;
      paragraphField = undefined;
      if (block.type === 'list') {
        // `**Files:**` or `**Fix:** Split it up:` then a list: the list is that field's value.
        if (introducer && this.continuesField(introducer, block)) introducer.end = end(block);
        else this.fieldList(block, draft);
      } else if (block.type === 'paragraph') {
        const parts = this.paragraphFields(start(block), end(block), true);
        const [first, ...rest] = parts;
        if (first && !first.label) {
          this.appendProse(draft, block, first.end);
          draft.fields.push(...rest);
        } else {
          draft.fields.push(...parts);
        }
        const last = parts[parts.length - 1];
        if (last?.label) paragraphField = last;
      } else if (block.type === 'code' || block.type === 'table' || block.type === 'blockquote' || block.type === 'html') {
        // Code, tables and quotes after a field belong to that field (`**Fix:**` then a fence).
        const last = draft.fields[draft.fields.length - 1];
        if (last && last.end <= start(block)) last.end = end(block);
        else this.appendProse(draft, block);
      }
    }
  }

  private appendProse(draft: ConcernDraft, block: RootContent, blockEnd = end(block)): void {
    const last = draft.fields[draft.fields.length - 1];
    if (last && last.name === 'description' && !last.label) {
      last.end = blockEnd;
      return;
    }
    // Prose after a field whose value was empty (`**Files:**` then a paragraph) continues it.
    if (last && !this.text.slice(last.valueStart, last.end).trim()) {
      last.end = blockEnd;
      return;
    }
    draft.fields.push({ label: '', name: 'description', start: start(block), valueStart: start(block), end: blockEnd });
  }

  /**
   * The fields of a paragraph from `from`: one per line that opens with a bold label
   * (`**Issue:** ...` then `**Files:** ...` on the next line, no blank line between), the
   * text before the first such line as an unlabelled description. When `labelFirst`, the
   * first line's own label (bold, or a well-known plain one) counts too.
   */
  private paragraphFields(from: number, to: number, labelFirst: boolean): FieldDraft[] {
    const cuts: { at: number; label?: ReturnType<typeof readLabel> }[] = [];
    let lineStart = from;
    let firstLine = true;
    while (lineStart < to) {
      const lineEnd = Math.min(this.source.lineEndAt(lineStart), to);
      const indent = /^[ \t>]*/.exec(this.text.slice(lineStart, lineEnd))?.[0].length ?? 0;
      const at = lineStart + indent;
      const label = readLabel(this.text.slice(at, lineEnd));
      if (firstLine) {
        const counts = labelFirst && label && (label.style !== 'plain' || isKnownField(label.label)) && label.style !== 'bold-dash';
        cuts.push(counts ? { at, label } : { at: from });
      } else if (label && label.style === 'bold' && !isProseLabel(label.label)) {
        cuts.push({ at, label });
      }
      firstLine = false;
      let next = lineEnd;
      if (this.text[next] === '\r') next++;
      if (this.text[next] === '\n') next++;
      if (next <= lineEnd) break;
      lineStart = next;
    }
    const fields: FieldDraft[] = [];
    cuts.forEach((cut, i) => {
      const cutEnd = i + 1 < cuts.length ? trimEndOffset(this.text, cut.at, cuts[i + 1]!.at) : to;
      if (cut.label) {
        fields.push({ label: cut.label.label, name: fieldName(cut.label.label), start: cut.at, valueStart: cut.at + cut.label.valueOffset, end: cutEnd });
      } else if (this.text.slice(cut.at, cutEnd).trim()) {
        fields.push({ label: '', name: 'description', start: cut.at, valueStart: cut.at, end: cutEnd });
      }
    });
    return fields;
  }

  /**
   * Whether a list right after a bold field paragraph is that field's value: the field was
   * empty or ended with a colon, or the list's items carry no field labels of their own.
   */
  private continuesField(field: FieldDraft, list: List): boolean {
    const value = this.text.slice(field.valueStart, field.end).trim();
    const labels = list.children.map((item) => this.itemLabel(item));
    const known = labels.filter((l) => l && isKnownField(l.label)).length;
    if (known * 2 > list.children.length) return false;
    if (!value || /[:：]$/.test(value)) return true;
    return labels.every((l) => !l || (l.style === 'plain' && !isKnownField(l.label)));
  }

  private isPlaceholderParagraph(block: RootContent): boolean {
    if (block.type !== 'paragraph') return false;
    const label = readLabel(this.firstLine(block));
    return label !== undefined && label.style !== 'plain' && isPlaceholder(label.label);
  }

  private fieldList(list: List, draft: ConcernDraft): void {
    draft.end = Math.max(draft.end, end(list));
    for (const item of list.children) {
      const label = this.itemLabel(item);
      const first = item.children[0];
      if (label && first && (label.style !== 'plain' || isKnownField(label.label) || this.shortPlainLabel(label))) {
        const s = start(first);
        draft.fields.push({ label: label.label, name: fieldName(label.label), start: start(item), valueStart: s + label.valueOffset, end: end(item) });
        continue;
      }
      // An unlabelled item continues the previous field when that field's value was only its
      // sub-list (`- Files:` then nested paths); otherwise it is description.
      const last = draft.fields[draft.fields.length - 1];
      if (last && last.name === 'description' && !last.label && last.end <= start(item)) {
        last.end = end(item);
      } else {
        draft.fields.push({ label: '', name: 'description', start: start(item), valueStart: first ? start(first) : start(item), end: end(item) });
      }
    }
  }

  /** A plain `Key: value` counts as a field when the key is short: `Current state: ...`. */
  private shortPlainLabel(label: { label: string }): boolean {
    return label.label.split(/\s+/).length <= 3 && !/^(?:note|e\.g|i\.e|example|see)$/i.test(label.label);
  }

  // ---- drafts to concerns ------------------------------------------------------------------

  private newDraft(ctx: Context, title: string, heading: Heading, raw: string): ConcernDraft {
    const s = start(heading);
    return this.newDraftAt(ctx, title, s, end(heading), raw);
  }

  private newDraftAt(ctx: Context, title: string, titleStart: number, titleEnd: number, raw: string): ConcernDraft {
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

  private finish(ids: { next(category: string, title: string): string } = new IdAllocator()): Concern[] {
    const concerns: Concern[] = [];
    for (const draft of this.drafts) {
      const fields = draft.fields.map((f) => this.toField(f));
      // A title of only marks (`**:**`) names nothing: no concern.
      if (!draft.title || isPlaceholder(draft.title) || (fields.length > 0 && fields.every((f) => isPlaceholder(f.text)) && !this.hasPathLike(draft))) continue;
      const severity = fieldSeverity(fields) ?? draft.severity ?? draft.ctx.severity;
      const resolved = draft.resolved || draft.ctx.resolved || fields.some((f) => f.name === 'status' && isResolvedStatus(f.text));
      const references = this.references(draft);
      const concern: Concern = {
        id: ids.next(draft.ctx.category, draft.title),
        category: draft.ctx.category,
        title: draft.title,
        resolved,
        range: this.source.rangeAt(draft.start, draft.end),
        titleRange: this.source.rangeAt(draft.titleStart, draft.titleEnd),
        fields,
        references,
      };
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

  // ---- source helpers ----------------------------------------------------------------------

  private slice(node: { position?: { start: { offset?: number }; end: { offset?: number } } }): string {
    return this.text.slice(start(node), end(node));
  }

  /** The heading's text without its `#` marks. */
  private inner(heading: Heading): string {
    const first = heading.children[0];
    const last = heading.children[heading.children.length - 1];
    if (!first || !last) return '';
    return this.text.slice(start(first), end(last));
  }

  private firstLine(node: RootContent): string {
    return this.firstLineAt(start(node), end(node));
  }

  private itemFirstLine(item: ListItem): string {
    const first = item.children[0];
    return first && first.type === 'paragraph' ? this.firstLine(first) : '';
  }

  private itemLabel(item: ListItem): ReturnType<typeof readLabel> {
    const first = item.children[0];
    if (!first || first.type !== 'paragraph') return undefined;
    return readLabel(this.firstLine(first));
  }

  private tableHeader(table: Table): string[] {
    const head = table.children[0];
    if (!head) return [];
    return head.children.map((cell) => cleanTitle(this.text.slice(...innerSpan(cell))));
  }
}

// ---- small pure helpers ----------------------------------------------------------------------

function start(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}

function end(node: { position?: { end: { offset?: number } } }): number {
  return node.position?.end.offset ?? 0;
}

/** A node's content without its own syntax: a table cell without its pipes. */
function innerSpan(node: { children: { position?: { start: { offset?: number }; end: { offset?: number } } }[] }): [number, number] {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  if (!first || !last) return [0, 0];
  return [start(first), end(last)];
}

/** The context a category heading gives the concerns beneath it. */
function categoryContext(name: string): Context {
  const ctx: Context = { category: name, resolved: isResolvedSection(name), looseItems: isConcernSectionName(name) };
  const severity = severityFromSection(name);
  if (severity) ctx.severity = severity;
  return ctx;
}

/** What a paragraph is, by its first line: a concern's bold title, a field, or prose. */
function paragraphKind(firstLine: string): 'title' | 'field' | 'prose' {
  const label = readLabel(firstLine);
  if (!label || label.style === 'plain') return 'prose';
  if (isKnownField(label.label)) return 'field';
  if (isTitleLabel(label)) return 'title';
  return 'prose';
}

/** Section names that hold concerns: the GSD categories, their variants, severities. */
function isConcernSectionName(name: string): boolean {
  return /debt|bugs?\b|issues?\b|security|vulnerab|performance|bottleneck|fragil|scal|dependenc|missing|test|gaps?\b|risks?\b|concerns?\b|problems?\b|smells?\b|^(?:critical|high|medium|low)\b|known|architect|reliab|todos?\b|hacks?\b|fixme|limitations?/i.test(
    name,
  );
}

function isNonConcernSectionName(name: string): boolean {
  if (/^(?:evidence|sources|references|open questions|questions|`?\[ask user\]`? questions)$/i.test(name)) return true;
  if (isConcernSectionName(name) && !/^(?:recommendations?|remediation)/i.test(name)) return false;
  return /\b(?:recommendations?|remediation|next steps|action plan|action items|summary|overview|conclusions?|roadmap|appendix|methodology|table of contents|severity counts)\b/i.test(name);
}

/** `Core Sections (Required)`, `Extended Sections (Optional)`: headings that only group categories. */
function isWrapperSectionName(name: string): boolean {
  return /^(?:(?:core|extended|additional|optional|required|main|other)\s+)?sections?\b/i.test(name);
}

// Starts only where a blank run starts: linear on long runs of blanks (else quadratic).
const DASH = /(?<!\s)\s+(?:[—–]|-{1,2})\s+/;

/** The lead of `lead — text`: a backticked path, or a short phrase before a dash. */
function leadOf(line: string): string | undefined {
  const text = line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
  const m = DASH.exec(text);
  if (!m || m.index === 0 || m.index > 100) return undefined;
  const lead = text.slice(0, m.index).trim();
  if (/^`[^`\n]+`(?:[\s,]*`[^`\n]+`)*(?:\s*\([^)\n]*\))?$/.test(lead)) return lead;
  // A phrase of a few words (not a sentence) before the dash.
  if (lead.split(/\s+/).length <= 8 && !/[.!?]$/.test(lead)) return lead;
  return undefined;
}

/** A title for an item without one: the phrase before its dash, else its first sentence. */
function synthesiseTitle(line: string): string {
  const segments = line.split(DASH).map((seg) => seg.trim()).filter(Boolean);
  // Skip segments that are only code or quoted snippets (`path:12`, "const x = ...").
  const telling = segments.find((seg) => !/^(?:`[^`]*`|"[^"]*"|'[^']*'|[\s,;(+)]|\b(?:and|in|line|lines)\b|\d)+$/.test(seg));
  const chosen = telling ?? segments[0] ?? '';
  const sentence = /^(.+?[.!?])(?:\s|$)/.exec(chosen)?.[1] ?? chosen;
  let clean = cleanTitle(sentence.replace(/^["'](.*)["']$/, '$1'));
  // Led by a path: name the file, so "same family." still says where.
  const lead = leadOf(line);
  const path = lead ? /^`([^`:\s]+)/.exec(lead)?.[1] : undefined;
  if (path && telling !== undefined) clean = `${path.split('/').pop() ?? path}: ${clean}`;
  return clean.length > 100 ? `${clean.slice(0, 97).trimEnd()}…` : clean;
}

function flatten(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}

function isTitleLabel(label: { label: string; style: string; rest: string }): boolean {
  if (label.style === 'plain' || label.style === 'bold-dash') return false;
  if (isProseLabel(label.label)) return false;
  const rest = label.rest.trim();
  // `**Title:**` alone, or followed only by a path in backticks (`**Large file:** `src/x.ts``).
  return rest === '' || /^(?:`[^`\n]+`[\s,;]*)+(?:\([^)\n]*\))?$/.test(rest);
}

/** A table's Line cell (`93`, `12-20`, `L5, L9`): its line ranges, or none. */
function parseLineCell(cell: string): LineRange[] {
  const text = cell.replace(/[`*_]/g, '').trim();
  if (!/^[~L\d]/.test(text)) return [];
  return parseLineSpec(text);
}

/** The offset where the text from `from` to `to` ends once trailing blanks and line breaks are dropped. */
function trimEndOffset(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && /\s/.test(text[e - 1] ?? '')) e--;
  return e;
}

/** The label part of a first line (`**Title:**`, `**Title**:`), without the value after it. */
function labelText(line: string, valueOffset: number): string {
  return line.slice(0, valueOffset).replace(/(?<![ \t])[ \t]+$/, '');
}

/** `*Concerns audit: 2026-01-16*`: an emphasised line closing the document. */
function isFooter(block: RootContent): boolean {
  return block.type === 'paragraph' && block.children.length === 1 && block.children[0]?.type === 'emphasis';
}

/** `### Test risk: MEDIUM` style group headings carry a severity after their colon. */
function severityFromGroupLabel(name: string): Severity | undefined {
  const m = /[:：]\s*(.+)$/.exec(name);
  return m?.[1] ? severityFromValue(m[1]) : undefined;
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

function applyTableSeverity(draft: ConcernDraft, shape: TableShape, cells: string[]): void {
  if (shape.severityColumn !== undefined) {
    const s = severityFromValue(cells[shape.severityColumn] ?? '');
    if (s) {
      draft.severity = s;
      return;
    }
  }
  for (const cell of cells) {
    const s = severityFromEmoji(cell);
    if (s) {
      draft.severity = severityFromValue(cell) ?? s;
      return;
    }
  }
}

/** Removes the common indentation of continuation lines, so nested bullets read naturally. */
function dedent(value: string): string {
  const lines = value.replace(/\r\n?/g, '\n').split('\n');
  const rest = lines.slice(1).filter((l) => l.trim());
  // A loop, not Math.min(...spread): a field of 200,000 lines would overflow the call's arguments.
  const indent = rest.length === 0 ? 0 : rest.reduce((min, l) => Math.min(min, /^[ \t]*/.exec(l)?.[0].length ?? 0), Infinity);
  return [lines[0] ?? '', ...lines.slice(1).map((l) => l.slice(Math.min(indent, /^[ \t]*/.exec(l)?.[0].length ?? 0)))].join('\n').trim();
}
