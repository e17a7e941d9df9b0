/**
 * Bold labels that open list items under two or more headings of a document (`- **リスク内容**:`,
 * `- **Mitigation**:` under each concern's heading): the fields those concerns share, whatever
 * the language, never concerns named after them. Which labels repeat is a fact of the whole
 * document, so a section parsed alone is told the ones it uses (see `sharedLabelsOf`), and the
 * sectioned parse keys the section by them too.
 *
 * Read off the text, line by line, so that a section's count is cheap and the same whether the
 * document is walked whole or section by section (both add up the same slices).
 */
import { readLabel } from './labels';
import { ownString } from './ownString';

/**
 * The key of a bold label opening a paragraph (`**The problem:**`), beside the item labels. A
 * concern's title written so may come twice in a document (under Security and under Tech
 * Debt); a field's label comes under every concern, so it takes three headings to be shared.
 */
export const PARAGRAPH = '¶';

/** Per bold item label (lower case): how many headings of this text open items with it. */
export type LabelCounts = ReadonlyMap<string, number>;

const ITEM = /^ ?(?:[-*+]|\d{1,9}[.)])[ \t]+(\S.*)$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Counted slices by their text: a keystroke recounts the one it falls in. Bounded by the
 * characters kept (each keystroke makes a new version of one slice): emptied when full.
 */
const counted = new Map<string, LabelCounts>();
const MAX_COUNTED_CHARS = 4_000_000;
let countedChars = 0;

/** The bold item labels under each heading of a slice that starts at a heading's line (or at the document's start). */
export function labelCounts(text: string): LabelCounts {
  const hit = counted.get(text);
  if (hit) return hit;
  const counts = new Map<string, number>();
  let under: Set<string> | undefined;
  const flush = () => {
    for (const label of under ?? []) counts.set(label, (counts.get(label) ?? 0) + 1);
  };
  let fence: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const open = FENCE.exec(line);
    if (fence !== undefined) {
      if (open?.[1] && open[1][0] === fence[0] && open[1].length >= fence.length && line.trim() === open[1]) fence = undefined;
      continue;
    }
    if (open?.[1]) {
      fence = open[1];
      continue;
    }
    if (HEADING.test(line)) {
      flush();
      under = new Set();
      continue;
    }
    if (!under) continue;
    const item = ITEM.exec(line);
    const label = item?.[1] ? readLabel(item[1]) : undefined;
    if (label && label.style !== 'plain') under.add(label.label.toLowerCase());
    // `**The problem:**` opening a paragraph under every section: counted apart (PARAGRAPH).
    else if (!item && line.startsWith('**')) {
      const lead = readLabel(line);
      if (lead?.style === 'bold') under.add(PARAGRAPH + lead.label.toLowerCase());
    }
  }
  flush();
  if (countedChars + text.length > MAX_COUNTED_CHARS) {
    counted.clear();
    countedChars = 0;
  }
  countedChars += text.length;
  counted.set(ownString(text), counts);
  return counts;
}

/** Forgets every counted slice (a timing of the parser itself). */
export function clearLabelCounts(): void {
  counted.clear();
  countedChars = 0;
}

/** The counts of a document from its slices' counts. */
export function addCounts(slices: readonly LabelCounts[]): LabelCounts {
  if (slices.length === 1) return slices[0]!;
  const total = new Map<string, number>();
  for (const slice of slices) for (const [label, n] of slice) total.set(label, (total.get(label) ?? 0) + n);
  return total;
}

/** The labels of this slice that open items under two or more headings of the document, sorted. */
export function sharedLabelsOf(own: LabelCounts, document: LabelCounts): string[] {
  const shared: string[] = [];
  const paragraphs: string[] = [];
  for (const label of own.keys()) {
    if (!label.startsWith(PARAGRAPH)) {
      if ((document.get(label) ?? 0) >= 2) shared.push(label);
    } else if ((document.get(label) ?? 0) >= 3) paragraphs.push(label);
  }
  // One paragraph label shared (a concern's title written under three categories) changes no
  // reading (fields take two, see the outline's \`titlesAreSharedFields\`): left out, so that the
  // section is still parsed concern by concern and keyed by its own text.
  if (paragraphs.length >= 2) shared.push(...paragraphs);
  return shared.sort();
}
