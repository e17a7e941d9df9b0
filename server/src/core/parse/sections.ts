/**
 * The pieces of the sectioned parse: how a document is cut into its top-level sections, and how
 * a section parsed on its own is put back at its place in the document.
 *
 * A top-level section (a heading and everything up to the next heading as shallow) reads the
 * same whatever stands before or after it: the walker's context starts afresh at each one. So
 * each is parsed alone, from the start of its heading's line, and kept by its text; a keystroke
 * re-reads one section, and every other section's concerns are the very objects of the last
 * parse (moved down when lines were added above them), which lets resolution and diagnostics
 * reuse their own work by identity.
 */
import type { Range } from 'vscode-languageserver-types';
import type { Concern, DocumentNote } from '../model';
import { IdAllocator } from './ids';
import { cleanTitle } from './labels';
import { titleHeadings } from './sectionNames';
import { ownString } from './ownString';
import type { TopBlock, TopHeading } from './markdown';

/**
 * The title heading (the first, a `#` that names the document: see `titleHeadings`) and the
 * headings that open top-level sections. `text`: the document the blocks are of.
 */
export function frameSections(blocks: readonly TopBlock[], text: string): { title?: TopHeading; sections: TopHeading[] } {
  const headings = blocks.filter((b): b is TopHeading => b.type === 'heading');
  const { titles, reports } = titleHeadings(headings, (h) => cleanTitle(text.slice(h.innerStart, h.innerEnd)));
  // Reports one after another under titles of their own (rare): parsed whole, not by section.
  if (reports) return { sections: [] };
  const title = titles[0];
  const sections: TopHeading[] = [];
  for (const heading of headings) {
    if (heading === title) continue;
    // As deep as the open section's heading or shallower: it closes it (and every subsection).
    const open = sections[sections.length - 1];
    if (!open || heading.depth <= open.depth) sections.push(heading);
  }
  return title === undefined ? { sections } : { title, sections };
}

/** A section parsed alone: positions from its first line, ids without the repeat suffix. */
export interface ParsedSection {
  concerns: Concern[];
  notes: DocumentNote[];
  /** The section was read as one concern written out (its heading the title, no category). */
  asConcern?: boolean;
}

interface Entry {
  section: ParsedSection | undefined;
  used: number;
  /** The section at the line it was last placed at. */
  placed?: { line: number; section: ParsedSection };
}

/**
 * Parsed pieces (sections, or concerns of a section) by a key that holds their text. `place`
 * returns the piece's concerns moved to `line`; the same objects as last time when it has not
 * moved. Undefined when the text did not read as expected (the caller parses more at once).
 */
export class SectionCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  /** Call once per document parse with how many pieces it has: pieces unused for a few parses are dropped. */
  begin(pieces: number): void {
    this.generation++;
    // A few stale pieces at most: each keystroke makes a new version of one piece.
    if (this.entries.size <= pieces + 32) return;
    for (const [key, entry] of this.entries) if (entry.used < this.generation - 3) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  place(key: string, line: number, parse: () => ParsedSection | undefined): ParsedSection | undefined {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { section: parse(), used: this.generation };
      // A key that is a piece of the document would keep that version of it alive.
      this.entries.set(ownString(key), entry);
    }
    entry.used = this.generation;
    if (!entry.section) return undefined;
    if (entry.placed?.line !== line) {
      const { concerns, notes } = entry.section;
      const section: ParsedSection = { concerns: concerns.map((c) => shiftConcern(c, line)), notes: notes.map((n) => ({ ...n, range: shiftRange(n.range, line) })) };
      if (entry.section.asConcern) section.asConcern = true;
      entry.placed = { line, section };
    }
    return entry.placed.section;
  }
}

function shiftRange(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

/** A copy of the concern `lines` lines further down (its ranges only: the rest is shared). */
function shiftConcern(concern: Concern, lines: number): Concern {
  if (lines === 0) return concern;
  return {
    ...concern,
    range: shiftRange(concern.range, lines),
    titleRange: shiftRange(concern.titleRange, lines),
    fields: concern.fields.map((f) => ({ ...f, range: shiftRange(f.range, lines) })),
    references: concern.references.map((r) => ({ ...r, range: shiftRange(r.range, lines) })),
  };
}

/** Copies with the `-2`, `-3` suffix, kept so that a repeated title keeps one object per pass. */
const suffixed = new WeakMap<Concern, Concern>();

/**
 * Gives repeated ids (same category and title) their suffix in document order, as a whole
 * parse's `IdAllocator` does; the sections carry the unsuffixed ids.
 */
export function suffixRepeatedIds(concerns: Concern[]): void {
  const ids = new IdAllocator();
  for (let i = 0; i < concerns.length; i++) {
    const concern = concerns[i]!;
    const id = ids.nextFor(concern.id);
    if (id === concern.id) continue;
    let copy = suffixed.get(concern);
    if (copy?.id !== id) suffixed.set(concern, (copy = { ...concern, id }));
    concerns[i] = copy;
  }
}

/** How much of the document is written one concern per section (see `sectionPerConcern`). */
export type SectionMode = 'none' | 'often' | 'throughout';

/**
 * Whether the document is written one concern per section (`## ⚠️ Deprecation Warning`, `##
 * Large Router Count`, ...): two sections or more read as one concern each, and at least half of
 * those that are not housekeeping. Then a section of the same shape whose heading reads like a
 * category's (`## ⚠️ Test Coverage Gap` over plain bullets) is one concern too. Throughout: four
 * or more, and two in three; then a numbered section like theirs is one concern whatever its
 * body holds (its bold labels and sub-headings are its parts, as theirs are).
 */
export function sectionPerConcern(sections: readonly { asConcern: boolean; housekeeping: boolean }[]): SectionMode {
  const eligible = sections.filter((s) => !s.housekeeping).length;
  const concerns = sections.filter((s) => s.asConcern).length;
  if (concerns >= 4 && concerns * 3 >= eligible * 2) return 'throughout';
  return concerns >= 2 && concerns * 2 >= eligible ? 'often' : 'none';
}
