/**
 * What the forms read a document into before it becomes the model: the context a section gives
 * its concerns, and concerns and fields as offsets in the text (see reader.ts for the rest).
 */
import type { LineRange, Severity } from '../model';

/** What a category (and a group beneath it) says about the concerns it holds. */
export interface Context {
  category: string;
  group?: string;
  severity?: Severity;
  resolved: boolean;
  /** The section is named for concerns or a severity: its plain bullets are concerns too. */
  looseItems: boolean;
}

export interface FieldDraft {
  label: string;
  name: string;
  start: number;
  valueStart: number;
  end: number;
}

export interface ConcernDraft {
  ctx: Context;
  title: string;
  titleStart: number;
  titleEnd: number;
  start: number;
  end: number;
  fields: FieldDraft[];
  severity?: Severity;
  resolved: boolean;
  /** An id the document gives the concern (`SEC-1`, `H2`), taken off its title. */
  label?: string;
  /** False when the title was made from the item's text (then its text is scanned as a field). */
  scanTitle: boolean;
  /** The field name references in the title get (`files` when a table row is named by its file). */
  titleField?: string;
  /** Lines from a table's Line column, for the row's location references that name none. */
  tableLines?: LineRange[];
  /** Titled by a finding of nothing wrong (`**Positive: locking implemented:**`): it holds what follows, and is no concern. */
  nothingWrong?: boolean;
  /** Opened by a paragraph with its text after its bold title (forms/inlineTitle.ts): a sibling such paragraph opens the next concern. */
  inlineTitle?: boolean;
}

type Positioned = { position?: { start: { offset?: number }; end: { offset?: number } } };

export function start(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}

export function end(node: { position?: { end: { offset?: number } } }): number {
  return node.position?.end.offset ?? 0;
}

/** A node's content without its own syntax: a table cell without its pipes. */
export function innerSpan(node: { children: Positioned[] }): [number, number] {
  const first = node.children[0];
  const last = node.children[node.children.length - 1];
  if (!first || !last) return [0, 0];
  return [start(first), end(last)];
}

/** A heading with the blocks up to its first sub-heading, and its sub-sections. */
export interface Section {
  heading: import('mdast').Heading;
  depth: number;
  blocks: import('mdast').RootContent[];
  children: Section[];
}
