/**
 * The walk over a document's outline: sections, categories, groups, and the blocks of each
 * handed to the form that recognises them (forms/). One pure pass over the mdast that never
 * changes it; the tree gives structure, the source text exact offsets.
 */
import type { Heading, List, Root, RootContent, Table } from 'mdast';
import type { ConcernsDocument, DocumentNote } from '../model';
import { readHeader } from './header';
import { concernIdBase } from './ids';
import { cleanTitle, isPathTitle, readLabel, splitConcernLabel } from './labels';
import { parseMarkdown } from './markdown';
import { isPlaceholder, isResolvedSection, reportsNothingWrong, severityFromSection, takesItBack, withoutMarks } from './markers';
import { DocumentReader } from './reader';
import type { SourceText } from './source';
import { sectionPerConcern, type ParsedSection, type SectionMode } from './sections';
import { titleColumnNamesConcern } from './tables';
import { end, start, type ConcernDraft, type Context, type Section } from './draft';
import { categoryContext, isConcernSectionName, isNonConcernSectionName, titleHeadings, isWrapperSectionName, statedWords } from './sectionNames';
import { classifyBlock } from './forms';
import { isPlaceholderParagraph, isStatList, readFields } from './forms/fields';
import { headingConcern, severityFromGroupLabel, writtenAsOneConcern } from './forms/headingConcern';
import { hasBoldTitledItems, hasTitledItems, readIntroducedItems } from './forms/listItems';
import { isKnownField } from './fieldNames';
import { opensBoldTitle } from './forms/boldTitle';
import { isInlineTitled, opensNothingWrong, readInlineTitled } from './forms/inlineTitle';
import { isSectionConcern, namesCategory, SECTION_CONCERN_CATEGORY } from './forms/sectionConcern';
import { addCounts, labelCounts, PARAGRAPH, sharedLabelsOf } from './sharedLabels';

/**
 * Whether a paragraph whose first line is this opens a concern whatever came before it in its
 * section: there the sectioned parse may cut a section into pieces parsed alone.
 */
export const opensConcernPiece = opensBoldTitle;

/** A top-level section, by its cleaned name, that states no concern of its own and lists none the document counts: a summary, a resolved list, a wrapper. */
export function isHousekeepingSection(name: string): boolean {
  return isNonConcernSectionName(name) || isResolvedSection(name) || isWrapperSectionName(name);
}

/**
 * The context a top-level section gives its concerns, for a piece of it parsed alone;
 * undefined when the section holds no concerns of its own (a summary, an action plan).
 */
export function sectionContext(name: string): Context | undefined {
  const category = cleanTitle(name) || 'Concerns';
  return isNonConcernSectionName(category) ? undefined : categoryContext(category);
}

export class OutlineWalker {
  private readonly reader: DocumentReader;
  /** Bold item labels the section being walked shares with items under other headings (see sharedLabels.ts). */
  private fieldLabels: ReadonlySet<string> = NONE;
  /** How much of the document is written one concern per section (`sectionPerConcern`): see `category`. */
  private sectionPerConcern: SectionMode = 'none';
  /** The last section `category` walked was read as one concern written out. */
  private readAsConcern = false;

  constructor(source: SourceText, notes: DocumentNote[]) {
    this.reader = new DocumentReader(source, notes);
  }

  private get text(): string {
    return this.reader.text;
  }

  /** One bold-titled concern of a section, alone, read with the section's context. */
  parseConcernPiece(ctx: Context): ParsedSection | undefined {
    const root = parseMarkdown(this.text, { continuing: true });
    const first = root.children[0];
    if (!first || classifyBlock(first, this.reader).kind !== 'title' || root.children.some((b) => b.type === 'heading')) return undefined;
    this.body(root.children, ctx, undefined);
    return { concerns: this.reader.finish({ next: concernIdBase }), notes: this.reader.notes };
  }

  /**
   * This text as one top-level section alone (it starts at its heading): its concerns, with
   * unsuffixed ids; undefined when it does not read as exactly one section. As the `head` of a
   * section cut into concerns (its heading and what comes before the first title), also
   * undefined when it has sub-headings or its fields make the heading the concern. `shared`:
   * the bold item labels of this section that open items under other headings of the document
   * too (`sharedLabelsOf`), fields rather than titles.
   */
  parseSection(head = false, shared: readonly string[] = [], sectionPerConcern: SectionMode = 'none'): ParsedSection | undefined {
    const root = parseMarkdown(this.text, { continuing: true });
    const { preamble, sections } = this.sectionise(root, false);
    if (preamble.length > 0 || sections.length !== 1 || (head && sections[0]!.children.length > 0)) return undefined;
    this.fieldLabels = shared.length > 0 ? new Set(shared) : NONE;
    this.sectionPerConcern = sectionPerConcern;
    if (this.category(sections[0]!) === 'heading' && head) return undefined;
    const parsed: ParsedSection = { concerns: this.reader.finish({ next: concernIdBase }), notes: this.reader.notes };
    if (this.readAsConcern) parsed.asConcern = true;
    return parsed;
  }

  /** The whole document in one walk: the reference the sectioned parse must equal. */
  parseWhole(): ConcernsDocument {
    const root = parseMarkdown(this.text);
    const { preamble, sections, title } = this.sectionise(root, true);
    const headerEnd = sections[0] ? start(sections[0].heading) : this.text.length;
    const headerText = this.text.slice(0, Math.min(headerEnd, 4000));
    const header = readHeader(headerText, title);
    // A document with no sections at all may still hold concerns in its body: no heading groups them.
    if (sections.length === 0) this.body(preamble, { category: SECTION_CONCERN_CATEGORY, resolved: false, looseItems: false }, undefined);
    // Each section is told the labels it shares with the rest, from the same slices the
    // sectioned parse counts: the preamble, then each section from its heading's line.
    const cuts = [0, ...sections.map((section) => this.reader.lineStart(start(section.heading))), this.text.length];
    const slices = cuts.slice(0, -1).map((from, i) => labelCounts(this.text.slice(from, cuts[i + 1])));
    const all = addCounts(slices);
    // Each section's drafts, then (when the document is written one concern per section) the
    // sections that may be one concern read again that way, as the sectioned parse does.
    // (The preamble's drafts, when the document has no section, come first.)
    const parts: ConcernDraft[][] = [[...this.reader.drafts]];
    const read = sections.map((section, i) => {
      this.fieldLabels = new Set(sharedLabelsOf(slices[i + 1]!, all));
      this.reader.drafts.length = 0;
      this.readAsConcern = false;
      this.category(section);
      parts.push([...this.reader.drafts]);
      return { asConcern: this.readAsConcern, housekeeping: this.isHousekeeping(section) };
    });
    const mode = sectionPerConcern(read);
    if (mode !== 'none') {
      this.sectionPerConcern = mode;
      sections.forEach((section, i) => {
        if (read[i]!.housekeeping) return;
        this.fieldLabels = new Set(sharedLabelsOf(slices[i + 1]!, all));
        this.reader.drafts.length = 0;
        this.category(section);
        parts[i + 1] = [...this.reader.drafts];
      });
      this.sectionPerConcern = 'none';
    }
    this.reader.drafts.length = 0;
    for (const part of parts) this.reader.drafts.push(...part);
    this.fieldLabels = NONE;
    const concerns = this.reader.finish();
    const doc: ConcernsDocument = { concerns, notes: this.reader.notes };
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
    // One title, or several reports each under its own (see `titleHeadings`).
    const titles = withTitle ? titleHeadings(headings, (h) => cleanTitle(this.reader.inner(h))).titles : [];
    const skipTitles = new Set<Heading>(titles);
    const title = titles[0] ? cleanTitle(this.reader.inner(titles[0])) : undefined;
    const preamble: RootContent[] = [];
    const top: Section[] = [];
    const stack: Section[] = [];
    for (const block of blocks) {
      if (block.type === 'heading' && skipTitles.has(block)) {
        // (A later report's title closes the sections before it.)
        stack.length = 0;
        continue;
      }
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
    const draftsBefore = this.reader.drafts.length;
    const name = cleanTitle(this.reader.inner(section.heading)) || 'Concerns';
    // Summaries and action plans restate concerns; indexing them would count each twice.
    if (isNonConcernSectionName(name)) return undefined;
    // `## Dead code` over "~~Found while revising.~~ **All cleared 2026-08-14.**": what follows is done.
    const ctx = this.opensSayingAllDone(section.blocks) ? { ...categoryContext(name), resolved: true } : categoryContext(name);
    // `## Core Sections (Required)` only wraps the real categories (`### 1) Top Risks`): each
    // child is a category; one written as a concern (notes or fields under its heading) is a
    // concern in a category of its own name, never in the wrapper's.
    if (isWrapperSectionName(name) && section.children.length > 0 && section.blocks.every((b) => ['prose', 'break'].includes(classifyBlock(b, this.reader).kind))) {
      for (const child of section.children) {
        const childName = cleanTitle(this.reader.inner(child.heading));
        if (this.isGroup(child, true) || isNonConcernSectionName(childName)) this.category(child);
        else headingConcern(this.reader, child, categoryContext(childName || name));
      }
      return undefined;
    }
    // `## 1. Firebase config is shared by dev and prod` with prose and bullets naming files:
    // the section is one concern, in the category its heading names, never the document's.
    // In a document written that way throughout, so is `## ⚠️ Test Coverage Gap` over bullets.
    if ((isSectionConcern(this.reader, section, name) && !this.opensByReportingNothing(section.blocks, true)) || (this.sectionPerConcern !== 'none' && this.mayBeOneConcern(section, name))) {
      headingConcern(this.reader, section, { ...ctx, category: SECTION_CONCERN_CATEGORY });
      this.readAsConcern = true;
      return 'heading';
    }
    // `- **リスク内容**: ...` straight under the heading, as under other headings: its fields.
    const leftover = this.opensWithSharedLabels(section) ? 'fields' : this.body(section.blocks, ctx, undefined);
    // `- **Critical:** 2` counts above sub-headings that are the concerns: a summary of them.
    if (leftover === 'fields' && !(section.children.length > 0 && this.opensWithStats(section))) {
      // A `##` section written as one concern (fields straight under it): in the category its
      // heading names, unless the heading states the concern (`## Missing auth on admin routes`).
      headingConcern(this.reader, section, namesCategory(name) && this.sectionPerConcern === 'none' ? ctx : { ...ctx, category: SECTION_CONCERN_CATEGORY });
      this.readAsConcern = true;
      return 'heading';
    }
    for (const child of section.children) this.subsection(child, ctx, true);
    // `## ⚠️ Deprecation Warning` over a code block and a paragraph: no form of concern under
    // it, yet it says what is wrong. One concern, its heading's, unless it says nothing is.
    if (this.reader.drafts.length === draftsBefore && section.children.length === 0 && this.speaksOfAProblem(section)) {
      headingConcern(this.reader, section, { ...ctx, category: SECTION_CONCERN_CATEGORY });
      this.readAsConcern = true;
      return 'heading';
    }
    return undefined;
  }

  private isHousekeeping(section: Section): boolean {
    return isHousekeepingSection(cleanTitle(this.reader.inner(section.heading)));
  }

  /**
   * In a document written one concern per section: a section with no sub-headings, no concern
   * titled in bold, and no table whose column names what is wrong, under a heading that is not a
   * severity nor one of the template's categories, is one concern whatever its heading's words.
   */
  private mayBeOneConcern(section: Section, name: string): boolean {
    if (section.blocks.length === 0 || severityFromSection(name) || TEMPLATE_CATEGORY.test(withoutMarks(name).trim())) return false;
    // `## TODO Comments` over "No `TODO` or `FIXME` comments exist anywhere.": nothing to report.
    if (this.opensByReportingNothing(section.blocks)) return false;
    // `## 5. 종목명 이중 소스 — 클로버 푸트건` over `**두 소스:**`, `**동기화 함수:**` in a document
    // written so throughout: numbered as the others, its bold labels are its parts, not titles.
    if (this.sectionPerConcern === 'throughout' && NUMBERED_HEADING.test(this.reader.inner(section.heading)) && !NAMES_ITEMS.test(name)) return true;
    if (section.children.length > 0) return false;
    // `## High-Centrality Modules` over bullets: a plural names what its items are, each one.
    if (section.blocks.some((b) => b.type === 'list') && section.blocks.every((b) => b.type === 'list' || b.type === 'paragraph') && PLURAL_HEAD.test(name)) return false;
    for (const block of section.blocks) {
      const { kind } = classifyBlock(block, this.reader);
      if (kind === 'title') return false;
      // (Figures in bold, `- **3,178 JS files** — …`, are what the heading is about, not titles.)
      if (block.type === 'list' && kind === 'concern-list' && this.hasBoldTitlesBesidesFigures(block)) return false;
      if (block.type === 'table' && kind === 'concern-table' && namesConcernColumn(this.reader, block)) return false;
      if (block.type === 'paragraph' && isInlineTitled(this.reader, block)) return false;
    }
    return true;
  }

  /**
   * A section body that holds text (prose, code, a table, a list) and does not open by saying
   * there is nothing to report (`None identified.`, `Not applicable at current scale`, `No
   * known issues`), under a heading that is no placeholder or resolved list.
   */
  private speaksOfAProblem(section: Section): boolean {
    const name = cleanTitle(this.reader.inner(section.heading));
    if (isResolvedSection(name) || isPlaceholder(name) || reportsNothingWrong(name) || ctxFree(name)) return false;
    const blocks = section.blocks.filter((b) => b.type !== 'thematicBreak' && b.type !== 'html');
    // Bullets alone under a heading that names no concern are notes (`## Safe Defaults`).
    const first = blocks[0];
    if (!first || blocks.every((b) => b.type === 'list')) return false;
    // `## Performance` over the budgets CI enforces (a table of thresholds), closing on "No
    // bottlenecks detected.": a note of what is measured, and that nothing was found.
    const last = blocks[blocks.length - 1]!;
    if (last !== first && last.type === 'paragraph' && this.opensByReportingNothing([last])) return false;
    return !this.opensByReportingNothing(blocks);
  }

  /**
   * The first paragraph, item or table row says there is nothing to report (`None identified.`,
   * `No TODO comments exist`); `strictly`: only that nothing is wrong (`Nothing runs on a pull
   * request` under `## No automated tests` states the problem).
   */
  private opensByReportingNothing(blocks: readonly Section['blocks'][number][], strictly = false): boolean {
    const line = this.openingLine(blocks);
    if (line === undefined) return false;
    if (reportsNothingWrong(line)) return true;
    if (strictly) return false;
    if (isPlaceholder(line) || NOTHING_TO_REPORT.test(line) || NONE_SEEN.test(line) || FOREIGN_NONE_SEEN.test(line)) return true;
    const first = firstBlock(blocks);
    return first?.type === 'paragraph' && isPlaceholderParagraph(this.reader, first);
  }

  /** The first line of a section's first paragraph, item or table row, as words (struck text left out). */
  private openingLine(blocks: readonly Section['blocks'][number][]): string | undefined {
    const first = firstBlock(blocks);
    if (!first) return undefined;
    const opening =
      first.type === 'paragraph' ? first : first.type === 'list' ? first.children[0]?.children[0] : first.type === 'table' ? first.children[1] : undefined;
    if (!opening) return undefined;
    return this.reader.firstLine(opening).replace(/~~[^~\n]*~~/g, ' ').replace(/[*_`|]/g, ' ').replace(/\s+/g, ' ').replace(/^[\s—–-]+/, '').trim();
  }

  /** A section that opens by saying all of it is done: `All cleared 2026-08-14.`, `All of these were fixed in v2.` */
  private opensSayingAllDone(blocks: readonly Section['blocks'][number][]): boolean {
    const line = this.openingLine(blocks);
    return line !== undefined && ALL_DONE.test(line) && !takesItBack(line.slice(0, 160));
  }

  /**
   * A `###`/`####` heading: a concern of its own, or a group of concerns beneath it. Groups
   * are one level deep: a heading under a group is a concern.
   */
  private subsection(section: Section, ctx: Context, canGroup: boolean): void {
    if (canGroup && (this.isGroup(section) || (ctx.looseItems && this.isTopicOverStatements(section)))) {
      const name = cleanTitle(this.reader.inner(section.heading));
      const groupCtx: Context = { ...ctx, group: name, resolved: ctx.resolved || isResolvedSection(name), looseItems: ctx.looseItems || isConcernSectionName(name) };
      const severity = severityFromSection(name) ?? severityFromGroupLabel(name);
      if (severity) groupCtx.severity = severity;
      this.body(section.blocks, groupCtx, undefined);
      for (const child of section.children) this.subsection(child, groupCtx, false);
      return;
    }
    headingConcern(this.reader, section, ctx);
  }

  /**
   * `### Atomicity and idempotency` over three bullets, each a sentence stating a problem of its
   * own, under a category of concerns: the heading names a topic, its bullets are the concerns.
   * (One bullet, short ones, or labelled ones — `- Impact: …` — are the heading's own notes.)
   */
  private isTopicOverStatements(section: Section): boolean {
    if (section.children.length > 0) return false;
    // `### 2. Bash Tool Risk`: the document numbers its concerns, and this is one.
    if (/^\d{1,3}[.)][ \t]/.test(this.reader.inner(section.heading).replace(/^[*_]+/, ''))) return false;
    const name = cleanTitle(this.reader.inner(section.heading));
    if (splitConcernLabel(name).label !== undefined || severityFromSection(name)) return false;
    // `### No Test Configuration` over "No `conftest.py` …", "No `pytest.ini` …": a heading that
    // says what is missing states the concern; its bullets are the evidence.
    if (STATES_A_LACK.test(withoutMarks(name).trim())) return false;
    const lists = section.blocks.filter((b): b is List => b.type === 'list');
    if (lists.length !== 1 || section.blocks.some((b) => b.type !== 'list' && b.type !== 'paragraph')) return false;
    const list = lists[0]!;
    // The bullets open the section (after `**Issue:** …`, bullets are a field's).
    if (section.blocks[0] !== list || list.children.length < 3 || hasTitledItems(this.reader, list)) return false;
    return list.children.every((item) => {
      const first = item.children[0];
      if (!first || first.type !== 'paragraph') return false;
      const text = this.reader.slice(first).replace(/\s+/g, ' ').trim();
      return text.length >= 50 && !/^[*_`]/.test(text) && !/^[\p{L}\s'’]{1,40}[:：]\s/u.test(text);
    });
  }

  /**
   * Decides whether a heading groups concerns: the first telling block beneath it is a bold
   * title, a concern table or a list of bold-titled items (not fields), or it only has
   * sub-headings.
   */
  private isGroup(section: Section, wrapped = false): boolean {
    const name = cleanTitle(this.reader.inner(section.heading));
    // `### Minimal unit tests` then `**Current tests:**`, `**Impact:**`: fields of the heading.
    if (writtenAsOneConcern(this.reader, section, name)) return false;
    // `### P1.8 Read scaling` over a table of findings: the document's id for one concern.
    const id = splitConcernLabel(name);
    if (section.children.length === 0 && id.label !== undefined && !severityFromSection(id.title)) return false;
    if (this.proseThenOneTitle(section)) return false;
    let introducedByProse = false;
    for (const block of section.blocks) {
      const { kind } = classifyBlock(block, this.reader);
      const introduced = introducedByProse;
      introducedByProse = kind === 'prose' && this.introducesWhatFollows(block);
      if (block.type === 'list' && kind === 'concern-list') {
        // A list a prose line introduces (`Now split into:`) is the heading's own text, as in `body`.
        // (Not under a heading that counts them, `### 5 pre-existing clippy lints`: the prose says what they are.)
        if (introduced && !COUNTED_GROUP.test(name.trim())) continue;
        // Plain bullets with a dash (`- Real-time WS connection — unclear if ...`) are the
        // heading's own notes; only bold titles or backticked paths make its items concerns.
        if (!hasTitledItems(this.reader, block)) return false;
        // One item led by a path is what the heading says, not a group of one; so are several
        // under a heading that states a concern (`### 1.1 Naming drift` then `- `a.php` — ...`):
        // path-led items are concerns of their own only under a severity or a category's name.
        if (!hasBoldTitledItems(this.reader, block) && (block.children.length < 2 || !namesGroup(cleanTitle(this.reader.inner(section.heading))))) return false;
        // `- **リスク内容**: ...` under other headings too: field labels, not titles.
        if (this.sharedLabelList(block)) return false;
      }
      // `### Commented-out code` over `| File | Lines | Notes |`: a table naming each row by its
      // file, under a heading that states a concern, lists where that concern is.
      // (Not a heading that counts or names them as a group, `### TODO comments (3 found)`,
      // `### High-churn files`, nor a table that gives each row its severity.)
      if (kind === 'concern-table' && block.type === 'table' && !wrapped && namedByFile(this.reader, block) && !namesGroup(name) && !LISTS_ITEMS.test(name)) return false;
      // `### Command injection via shell=True` over `**`a.py` (line 310)**`, `**`b.py` (line 111)**`,
      // each with its Risk and Fix: bold titles that only name files, under a heading that states a
      // concern, are where that concern is (as path-led items and file-named tables above).
      if (kind === 'title' && !wrapped && !namesGroup(name) && this.titlesArePaths(section)) return false;
      // `## 1. Complexity explosion` over `**The problem:**`, `**Who flagged it:**`, `**Escape
      // hatches:**`, and every other section over the same: the document's own fields.
      if (kind === 'title' && !wrapped && this.titlesAreSharedFields(section)) return false;
      if (kind === 'title' || kind === 'concern-list' || kind === 'concern-table') return true;
      if (kind === 'fields' || kind === 'field') return false;
    }
    return section.children.length > 0 && section.children.some((c) => c.blocks.length > 0 || c.children.length > 0);
  }

  /**
   * `### 1.1 Real keys in the working tree` opened by a paragraph saying what is wrong, then one
   * `**Files holding them:**` over a list: the heading is the concern and the bold label one part
   * of it, not a group of one. (A group's items follow its heading straight, or after a line that
   * introduces them, `Found:`.)
   */
  private proseThenOneTitle(section: Section): boolean {
    if (section.children.length > 0) return false;
    const blocks = section.blocks.filter((b) => b.type !== 'thematicBreak' && b.type !== 'html');
    const first = blocks[0];
    if (!first || first.type !== 'paragraph' || this.introducesWhatFollows(first) || classifyBlock(first, this.reader).kind !== 'prose') return false;
    // (`**Production code TODOs:** None found.` says nothing is wrong: no concern opens there.)
    const lead = readLabel(this.reader.firstLine(first));
    if (lead && isPlaceholder(lead.rest.trim())) return false;
    // The blocks after the opening paragraph.
    const kinds = blocks.slice(1).map((b) => classifyBlock(b, this.reader).kind);
    const titleAt = kinds.indexOf('title');
    if (titleAt < 0 || kinds.lastIndexOf('title') !== titleAt) return false;
    return !kinds.slice(0, titleAt).some((k) => k === 'concern-list' || k === 'concern-table');
  }

  /** Every bold title of the section's paragraphs only names a file (`isPathTitle`), and there is one at least. */
  private titlesArePaths(section: Section): boolean {
    let titles = 0;
    for (const block of section.blocks) {
      if (block.type !== 'paragraph' || classifyBlock(block, this.reader).kind !== 'title') continue;
      const label = readLabel(this.reader.firstLine(block));
      if (!label || !isPathTitle(label.label)) return false;
      titles++;
    }
    return titles > 0;
  }

  /**
   * Every bold label opening a paragraph of the section (`**The problem:** …`, `**Escape
   * hatches:**`) opens paragraphs under other headings too: two at least, and half of them.
   */
  private titlesAreSharedFields(section: Section): boolean {
    if (this.fieldLabels.size === 0) return false;
    let titles = 0;
    let shared = 0;
    for (const block of section.blocks) {
      if (block.type !== 'paragraph') continue;
      const label = readLabel(this.reader.firstLine(block));
      if (label?.style !== 'bold') continue;
      titles++;
      if (this.fieldLabels.has(PARAGRAPH + label.label.toLowerCase())) shared++;
    }
    // (`**What's built:**` is this section's own field beside the shared ones.)
    return shared >= 2 && shared * 2 >= titles;
  }

  /** A paragraph ending in a colon (`Now split into:`, `**Found:**`): it introduces what follows. */
  private introducesWhatFollows(block: Section['blocks'][number]): boolean {
    return block.type === 'paragraph' && /[:：]\s*(?:\*\*|__)?\s*$/.test(this.reader.slice(block));
  }

  private hasBoldTitlesBesidesFigures(list: List): boolean {
    return list.children.some((item) => {
      const label = this.reader.itemLabel(item);
      return label !== undefined && label.style !== 'plain' && !isKnownField(label.label) && !/^[~≈<>]?\d/.test(label.label);
    });
  }

  /** The bold labels opening the items of a list, normalised. */
  private labelsOf(list: List): string[] {
    return list.children.flatMap((item) => {
      const label = this.reader.itemLabel(item);
      return label && label.style !== 'plain' ? [label.label.toLowerCase()] : [];
    });
  }

  /** Half the items of the list or more open with labels that open items under other headings too: fields. */
  private sharedLabelList(list: List): boolean {
    if (this.fieldLabels.size === 0) return false;
    return this.labelsOf(list).filter((label) => this.fieldLabels.has(label)).length * 2 >= list.children.length;
  }

  /** The first telling block under the heading is a list of such shared labels. */
  private opensWithSharedLabels(section: Section): boolean {
    if (this.fieldLabels.size === 0) return false;
    // `**The problem:**` opening paragraphs here as under every other heading.
    if (this.titlesAreSharedFields(section)) return true;
    for (const block of section.blocks) {
      const { kind } = classifyBlock(block, this.reader);
      if (kind === 'prose' || kind === 'break') continue;
      return block.type === 'list' && kind === 'concern-list' && this.sharedLabelList(block);
    }
    return false;
  }

  /** The first telling block under the heading is a list of figures (`isStatList`). */
  private opensWithStats(section: Section): boolean {
    const first = section.blocks.find((block) => !['prose', 'break'].includes(classifyBlock(block, this.reader).kind));
    return first?.type === 'list' && isStatList(this.reader, first);
  }

  // ---- section bodies ----------------------------------------------------------------------

  /**
   * The blocks of a category or group, each read by the form that recognises it: concerns
   * with their fields. Returns 'fields' when the body starts with fields and no concern, so
   * the caller can treat its heading as the concern.
   */
  private body(blocks: RootContent[], ctx: Context, initial: ConcernDraft | undefined): 'fields' | undefined {
    let current = initial;
    let introducedByProse = false;
    const draftsBefore = this.reader.drafts.length;
    // The last item of a numbered list of concerns, while the next block may be its sub-bullets.
    let lastNumbered: ConcernDraft | undefined;
    for (const block of blocks) {
      const afterNumbered = lastNumbered;
      lastNumbered = undefined;
      const classified = classifyBlock(block, this.reader, current ? undefined : ctx);
      const form = classified.form;
      let kind = classified.kind;
      // A list introduced by a prose line after the section's concerns (`**Implications:**`,
      // `Examples:`) belongs to that prose; before any (`Per plan these remain:`, `Notable
      // gaps:`), the line introduces the section's concerns.
      if (!current && introducedByProse && block.type === 'list' && kind === 'concern-list' && this.reader.drafts.length > draftsBefore) kind = 'prose';
      introducedByProse = kind === 'prose' && this.introducesWhatFollows(block);
      switch (kind) {
        case 'break':
          current = undefined;
          break;
        case 'title':
        case 'concern-table':
        case 'concern-list': {
          const before = this.reader.drafts.length;
          current = form?.read?.(block, this.reader, ctx, current);
          if (kind === 'concern-list' && block.type === 'list' && block.ordered && this.reader.drafts.length > before && endsWithBareItem(block)) lastNumbered = this.reader.drafts[this.reader.drafts.length - 1];
          break;
        }
        case 'fields':
        case 'field':
          // `10. Title` then `   - Evidence: …` indented three spaces: markdown ends the list
          // there (item 10's text starts at column four), a reader does not. Bullets of fields
          // right after a numbered list's last item are that item's.
          if (!current && afterNumbered && block.type === 'list' && !block.ordered) {
            readFields(this.reader, [block], afterNumbered);
            afterNumbered.end = Math.max(afterNumbered.end, end(block));
            break;
          }
          // Fields before any concern: the heading is the concern. After a table or list of
          // concerns, a loose `**Recommendation:**` speaks for them all and belongs to none.
          if (!current) {
            if (this.reader.drafts.length === draftsBefore) return 'fields';
            break;
          }
          readFields(this.reader, [block], current);
          break;
        case 'prose':
          // `**Slow report page:** every request renders all rows.` under a category, or after
          // another such paragraph: a concern of its own (see forms/inlineTitle.ts).
          if ((!current || current.inlineTitle || current.nothingWrong) && block.type === 'paragraph' && !ctx.resolved && isInlineTitled(this.reader, block)) {
            current = readInlineTitled(this.reader, block, ctx);
          } else if (current && block.type === 'list' && readIntroducedItems(this.reader, current, block, ctx)) {
            current = undefined;
          } else if (current) {
            if (isFooter(block) || isPlaceholderParagraph(this.reader, block) || (block.type === 'paragraph' && opensNothingWrong(this.reader, block))) current = undefined;
            else readFields(this.reader, [block], current);
          }
          break;
      }
    }
    return undefined;
  }
}

const NONE: ReadonlySet<string> = new Set();

/** The list's last item is one paragraph, nothing under it (its sub-bullets may have fallen out). */
function endsWithBareItem(list: List): boolean {
  const last = list.children[list.children.length - 1];
  return last !== undefined && last.children.length === 1 && last.children[0]!.type === 'paragraph';
}

/** A heading whose last word is an English plural (`Modules`, `Risks`, `Gaps`): it names several things. */
const PLURAL_HEAD = /[a-z]{2}(?<![su])s\s*(?:[(（][^()（）\n]{0,60}[)）])?\s*$/i;

/** `4. Title`, `4) Title`, `IV. Title`: a heading numbered in a list of sections. */
const NUMBERED_HEADING = /^\s*(?:\d{1,3}[.)]|[IVX]{1,5}\.)\s+\S/;

/** `… 의도적으로 미해결 상태인 항목`, `Items found in review`, `Deferred issues`: a heading naming the several things under it. */
const NAMES_ITEMS = /^(?:(?:open|remaining|other|deferred|known|further)\s+)?(?:items|issues|findings|problems)\b|(?:항목|항목들|사항|事项|事項|项目|項目|\bitems|\bissues|\bfindings|\bproblems|\brisks|\bconcerns|\bgaps)\s*(?:[(（][^()（）\n]{0,60}[)）])?\s*$/iu;

/** The template's category names: a section so named lists concerns, whatever the document's shape. */
const TEMPLATE_CATEGORY = /^(?:tech(?:nical)? debt|known (?:bugs|issues)|security (?:considerations|concerns|issues|risks)|performance (?:bottlenecks|issues|concerns)|fragile areas|scaling limits|dependencies at risk|missing (?:critical )?features|test coverage gaps)$/i;

/** The table's title column is named for what is wrong (`| Concern |`, `| Issue |`). */
function namesConcernColumn(reader: DocumentReader, table: Table): boolean {
  const shape = reader.tableShape(table);
  return shape !== undefined && titleColumnNamesConcern(reader.tableHeader(table), shape);
}

/** No column names what is wrong, nor gives a severity: each row is named by its file (`| File | Why |`). */
function namedByFile(reader: DocumentReader, table: Table): boolean {
  const shape = reader.tableShape(table);
  return shape !== undefined && shape.titleColumn === shape.locationColumn && shape.severityColumn === undefined;
}

/** A heading that counts what it lists (`(3 found)`, `(17 files without tests)`) or names them in the plural (`High-churn files`). */
const LISTS_ITEMS = /[(（][^()（）\n]{0,40}\d[^()（）\n]{0,40}[)）]|\b(?:files|areas|hotspots|modules|components|items|paths|folders|directories)\b/i;

/** A first line saying there is nothing to report: `Not applicable at this scale`, `None found so far`, `Nothing to add`. */
const NOTHING_TO_REPORT =
  /^(?:not applicable|n\/a\b|none\b|nothing\b|no (?:significant|major|notable|known|critical|obvious|other|further|additional)\b|no (?:\S+ ){0,8}?(?:remains?|remaining|(?:were |was )?(?:found|identified|detected|reported|established|confirmed|observed))\b|all (?:\S+ ){0,3}(?:implemented|covered|in place|addressed|fine|good)\b)/i;

/**
 * The same in languages the template is translated into: `Hiện không phát hiện bug functional.`,
 * `Не обнаружено`, `Tidak ditemukan`, `Nie wykryto`, `Tespit edilmedi`, and with the verb first,
 * `Não foram detectados artefatos de debug`, `No se encontraron …`, `Es wurden keine … gefunden`,
 * `Non sono stati rilevati …` (not `Không có rate limiting`, `Não há testes` or `No se encontraron
 * pruebas`: what is missing is the concern).
 */
const FOREIGN_NONE_SEEN =
  /^(?:hiện(?: tại| nay)? )?(?:không|chưa) (?:phát hiện|tìm thấy|ghi nhận)|^(?:пока )?не (?:обнаружено|найдено|выявлено)|^(?:tidak|belum) (?:ditemukan|terdeteksi)|^nie (?:wykryto|znaleziono|stwierdzono)|^(?:tespit edilmedi|bulunamadı)|^(?:n[ãa]o (?:foram|foi) (?:detectad|encontrad|identificad|observad)[oa]s?|no se (?:detectaron|encontraron|identificaron|observaron|han (?:detectado|encontrado|identificado))|es wurden keine|non (?:sono|è) stat[oaie] (?:rilevat|trovat|individuat)[oaie])\b(?! (?:\S+ )?(?:test|prueba|teste|docu|valida|verifica|monitor|log))/iu;

/** A section's first block that says something (no rule, no HTML comment). */
function firstBlock(blocks: readonly Section['blocks'][number][]): Section['blocks'][number] | undefined {
  return blocks.find((b) => b.type !== 'thematicBreak' && b.type !== 'html');
}

/** `All cleared 2026-08-14.`, `All of these were fixed in v2.`, `Everything above is resolved`. */
const ALL_DONE =
  /^(?:all|everything)(?: (?:of (?:these|them|the above)|items?|issues|findings|entries|above))? (?:(?:were|are|is|have been|has been|now) )?(?:cleared|fixed|resolved|addressed|closed|removed|done|completed)\b|^(?:alle|alles) (?:(?:sind|ist|wurden) )?(?:behoben|erledigt|gelöst|entfernt)\b|^tod[oa]s (?:(?:fueron|foram|est[aá]n) )?(?:resuelt|corregid|resolvid|corrigid)[oa]s\b/i;

/** "The code base is small and no hotspots were measured.": nothing seen to report. */
const NONE_SEEN = /\bno \S+(?: \S+)? (?:were|was|have been|has been) (?:measured|found|identified|detected|observed|reported|seen)\b/i;

/** Headings about the document, not the code: `Introduction`, `Scope`, `How to read this`. */
function ctxFree(name: string): boolean {
  return /^(?:introduction|purpose|scope|context|background|about(?: this (?:document|report|audit))?|how to read(?: this)?|reading guide|metadata|analysis date)$/i.test(withoutMarks(name).trim());
}

/** A heading that names what is missing or wrong by its first word: `No test configuration`, `Missing CSRF checks`. */
const STATES_A_LACK = /^(?:no|missing|lack of|lacking|without|absent|zero|unbounded|unvalidated|undocumented|untested|hard-?coded)\s/i;

/**
 * A sub-heading that can group path-led items: a severity (`### High`), a category's words only
 * (`### Security Issues`), or one word (`### Backend`); not a phrase saying what is wrong.
 */
function namesGroup(name: string): boolean {
  const bare = withoutMarks(name).trim();
  return severityFromSection(bare) !== undefined || statedWords(bare) === 0 || !/\s/.test(bare) || COUNTED_GROUP.test(name.trim());
}

/** `5 pre-existing clippy lints`, `3 open TODOs`: a heading that counts the items under it, each one of them. */
const COUNTED_GROUP = /^\d{1,3}[ \t]+(?:[\p{L}\p{N}\x60'’-]+[ \t]+){0,4}?(?:lints?|issues|todos?|warnings|bugs|gaps|risks|findings|problems|concerns|errors|smells|hotspots|defects|vulnerabilities)\b/iu;

/** `*Concerns audit: 2026-01-16*`: an emphasised line closing the document. */
function isFooter(block: RootContent): boolean {
  return block.type === 'paragraph' && block.children.length === 1 && block.children[0]?.type === 'emphasis';
}
