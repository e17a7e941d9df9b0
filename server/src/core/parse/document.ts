/**
 * From markdown to the concerns model, incrementally: the document is cut into its top-level
 * sections (and a long section of bold-titled concerns into its concerns), each piece parsed
 * alone by the outline walker (outline.ts, which reads the forms) and kept by its text, so a
 * keystroke re-reads the piece it falls in. This layer knows no form: it asks the walker where
 * a piece may start and what context a section gives.
 */
import type { Concern, ConcernsDocument, DocumentNote, FrontmatterValue } from '../model';
import { frontmatterCommit, frontmatterDateText } from './frontmatter';
import { dateIn, readHeader } from './header';
import { cleanTitle } from './labels';
import { clearMarkdownCache, topLevelBlocks, warmRuns, type TopBlock, type TopHeading } from './markdown';
import { OutlineWalker, isHousekeepingSection, opensConcernPiece, sectionContext } from './outline';
import { ownString } from './ownString';
import { unlessTooDeep } from './overflow';
import { prepare } from './preprocess';
import { SourceText } from './source';
import { SectionCache, frameSections, sectionPerConcern, suffixRepeatedIds, type ParsedSection } from './sections';
import { addCounts, clearLabelCounts, labelCounts, sharedLabelsOf } from './sharedLabels';

export { MAX_REFERENCES_PER_CONCERN } from './reader';

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

function parseDocumentWith(raw: string, options: ParseOptions, walk: (parser: SectionedParser) => ConcernsDocument): ConcernsDocument {
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
  if (prepared.frontmatter?.problem !== undefined) {
    const { start, end, problem } = prepared.frontmatter;
    notes.push({ message: `The frontmatter could not be read (${problem}); the rest of the document was.`, range: source.rangeAt(start, end), severity: 'warning' });
  }
  for (const cut of prepared.cuts) notes.push({ message: cut.message, range: source.rangeAt(cut.offset, cut.offset), severity: 'warning' });
  const before = [...notes];
  const doc = unlessTooDeep(() => walk(new SectionedParser(source, notes)), (note): ConcernsDocument => ({ concerns: [], notes: [...before, note] }), source.rangeAt(0, 0));
  const keys = prepared.frontmatter?.keys;
  if (keys) withFrontmatter(doc, keys);
  return doc;
}

/**
 * The frontmatter's keys on the model; its commit is the drift baseline (the mapper writes it
 * for the commit it read), its date the analysis date when the body gives none.
 */
function withFrontmatter(doc: ConcernsDocument, keys: Record<string, FrontmatterValue>): void {
  doc.frontmatter = keys;
  const commit = frontmatterCommit(keys);
  if (commit !== undefined) doc.commit = commit;
  const date = frontmatterDateText(keys);
  if (doc.analysisDate === undefined && date !== undefined) {
    const iso = dateIn(date);
    if (iso !== undefined) doc.analysisDate = iso;
  }
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
  yield* new SectionedParser(new SourceText(prepared.text), []).sectionedSteps();
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
  clearLabelCounts();
}

/** A piece of a document (a section, a concern) parsed alone, positions from its first line. */
function parsePiece(text: string, parse: (walker: OutlineWalker) => ParsedSection | undefined): ParsedSection | undefined {
  piecesParsed++;
  // Cached across keystrokes: what it holds is read from a copy, not from this document version.
  const source = new SourceText(ownString(text));
  return unlessTooDeep(() => parse(new OutlineWalker(source, [])), (note) => ({ concerns: [], notes: [note] }), source.rangeAt(0, 0));
}

/**
 * A piece from the cache, placed at `line` (see `SectionCache.place`), parsed from `text` when it
 * is not there; a step of `sectionedSteps` pauses after a piece it had to parse.
 */
function* placePiece(key: string, line: number, text: string, parse: (walker: OutlineWalker) => ParsedSection | undefined): Generator<void, ParsedSection | undefined, void> {
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

class SectionedParser {
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

  /** The whole document in one walk. */
  parseWhole(): ConcernsDocument {
    return new OutlineWalker(this.source, this.notes).parseWhole();
  }

  /**
   * The sectioned parse, pausing after each section or concern it had to parse (one found in
   * the cache costs nothing): warming drives it a step at a time between requests, a parse runs
   * it through. Undefined when the document is not cut into sections.
   */
  *sectionedSteps(): Generator<void, ConcernsDocument | undefined, void> {
    const blocks = topLevelBlocks(this.text);
    if (!blocks) return undefined;
    const { title, sections } = frameSections(blocks, this.text);
    if (sections.length === 0) return undefined;
    const titleText = title ? cleanTitle(this.text.slice(title.innerStart, title.innerEnd)) : undefined;
    const header = readHeader(this.text.slice(0, Math.min(sections[0]!.start, 4000)), titleText);
    const concerns: Concern[] = [];
    const notes: DocumentNote[] = [];
    sectionCache.begin(blocks.length);
    // Each section from the start of its heading's line (so characters stay the same) to the next one's.
    const cuts = sections.map((section) => this.lineStart(section.start));
    const texts = cuts.map((from, i) => this.text.slice(from, cuts[i + 1] ?? this.text.length));
    // What a section needs of the others: the labels it shares with them (the walker's whole
    // parse counts the same slices), part of its key.
    const counts = texts.map((text) => labelCounts(text));
    const all = addCounts([labelCounts(this.text.slice(0, cuts[0])), ...counts]);
    let b = 0;
    const parts: ParsedSection[] = [];
    const keyOf = (i: number, shared: readonly string[]) => (shared.length === 0 ? texts[i]! : `${texts[i]!}\u0000L\u0000${shared.join('\u0000')}`);
    for (let i = 0; i < sections.length; i++) {
      const from = cuts[i]!;
      const to = cuts[i + 1] ?? this.text.length;
      while (b < blocks.length && blocks[b]!.start < sections[i]!.start) b++;
      const own: TopBlock[] = [];
      for (let k = b; k < blocks.length && blocks[k]!.start < to; k++) own.push(blocks[k]!);
      const line = this.source.positionAt(from).line;
      const text = texts[i]!;
      const shared = sharedLabelsOf(counts[i]!, all);
      const placed = (shared.length === 0 ? yield* this.concernsOfSection(sections[i]!, own, from, to, line) : undefined) ?? (yield* placePiece(keyOf(i, shared), line, text, (p) => p.parseSection(false, shared)));
      if (!placed) return undefined;
      parts.push(placed);
    }
    // A document written one concern per section: the sections that may be one concern too are
    // read again that way (see `sectionPerConcern`), kept under a key of their own.
    const housekeeping = sections.map((s) => isHousekeepingSection(cleanTitle(this.text.slice(s.innerStart, s.innerEnd)) || 'Concerns'));
    const mode = sectionPerConcern(parts.map((p, i) => ({ asConcern: p.asConcern === true, housekeeping: housekeeping[i]! })));
    if (mode !== 'none') {
      for (let i = 0; i < sections.length; i++) {
        if (housekeeping[i]) continue;
        const shared = sharedLabelsOf(counts[i]!, all);
        const again = yield* placePiece(`${keyOf(i, shared)}\u0000${mode === 'throughout' ? 'T' : 'S'}`, this.source.positionAt(cuts[i]!).line, texts[i]!, (p) => p.parseSection(false, shared, mode));
        if (!again) return undefined;
        parts[i] = again;
      }
    }
    for (const placed of parts) {
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
   * that simple (sub-headings, a heading written as the concern, a section that holds none, or
   * one sharing item labels with other headings), and the section is parsed whole.
   */
  private *concernsOfSection(heading: TopHeading, blocks: readonly TopBlock[], from: number, to: number, line: number): Generator<void, ParsedSection | undefined, void> {
    if (blocks.some((block) => block.type === 'heading' && block !== heading)) return undefined;
    const cuts = blocks.filter((block) => block.type === 'paragraph' && opensConcernPiece(this.firstLineAt(block.start, block.end))).map((block) => this.lineStart(block.start));
    if (cuts.length < 2) return undefined;
    const ctx = sectionContext(this.text.slice(heading.innerStart, heading.innerEnd));
    if (!ctx) return undefined;
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

}
