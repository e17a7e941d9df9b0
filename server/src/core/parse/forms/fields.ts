/**
 * The bold-field form: what stands under a concern's title — `**Issue:** ...` paragraphs (one
 * field per labelled line), `- Files: ...` lists, prose, code and tables — read into its fields.
 * As a block form it recognises field paragraphs and field lists, which open no concern.
 */
import type { List, RootContent } from 'mdast';
import { fieldName, isKnownField } from '../fieldNames';
import { isPathTitle, isProseLabel, readLabel, severityLedTitle } from '../labels';
import { isPlaceholder } from '../markers';
import type { DocumentReader } from '../reader';
import { end, start, type ConcernDraft, type FieldDraft } from '../draft';
import type { BlockForm } from './form';

export const fieldsForm: BlockForm = {
  recognise(block, reader) {
    if (block.type === 'paragraph') {
      const line = reader.firstLine(block);
      const label = readLabel(line);
      return label && label.style !== 'plain' && isKnownField(label.label) && !severityLedTitle(line) ? 'field' : undefined;
    }
    if (block.type !== 'list') return undefined;
    const labelled = block.children.map((item) => reader.itemLabel(item)).filter((l) => l !== undefined);
    const known = labelled.filter((l) => isKnownField(l.label)).length;
    if (known > 0 && known * 2 >= labelled.length) return 'fields';
    return isStatList(reader, block) ? 'fields' : undefined;
  },
};

// A count or a share, alone or with a short note: `1`, `0%`, `~40 files`, `3 (`a.ts`, `b.ts`)`.
const STAT_VALUE = /^[~≈<>≤≥]?[ \t]*\d[\d.,]*[ \t]*%?(?=[ \t(—–-]|$)/u;

/**
 * `- **Total tests:** 1` / `- **Coverage:** 0%`: every item a bold label with a count or a share
 * on one short line. Figures about what the heading names, its fields, never concerns.
 */
export function isStatList(reader: DocumentReader, list: List): boolean {
  if (list.children.length < 2) return false;
  let stats = 0;
  for (const item of list.children) {
    const label = reader.itemLabel(item);
    if (!label || label.style !== 'bold' || item.children.length > 1) return false;
    if (isKnownField(label.label)) continue;
    const value = label.rest.trim();
    if (value.length > 100 || !STAT_VALUE.test(value)) return false;
    stats++;
  }
  return stats >= 2;
}

/** The blocks under a concern: field lists, bold field paragraphs, prose, code and tables. */
export function readFields(reader: DocumentReader, blocks: RootContent[], draft: ConcernDraft): void {
  let paragraphField: FieldDraft | undefined;
  for (const block of blocks) {
    if (block.type === 'thematicBreak') break;
    draft.end = Math.max(draft.end, end(block));
    const introducer = paragraphField;
    paragraphField = undefined;
    if (block.type === 'list') {
      // `**Files:**` or `**Fix:** Split it up:` then a list: the list is that field's value.
      if (introducer && continuesField(reader, introducer, block)) introducer.end = end(block);
      else fieldList(reader, block, draft);
    } else if (block.type === 'paragraph') {
      const parts = paragraphFields(reader, start(block), end(block), true);
      const [first, ...rest] = parts;
      if (first && !first.label) {
        appendProse(reader, draft, block, first.end);
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
      else appendProse(reader, draft, block);
    }
  }
}

function appendProse(reader: DocumentReader, draft: ConcernDraft, block: RootContent, blockEnd = end(block)): void {
  const last = draft.fields[draft.fields.length - 1];
  if (last && last.name === 'description' && !last.label) {
    last.end = blockEnd;
    return;
  }
  // Prose after a field whose value was empty (`**Files:**` then a paragraph) continues it.
  if (last && !reader.text.slice(last.valueStart, last.end).trim()) {
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
export function paragraphFields(reader: DocumentReader, from: number, to: number, labelFirst: boolean): FieldDraft[] {
  const text = reader.text;
  const cuts: { at: number; label?: ReturnType<typeof readLabel> }[] = [];
  let lineStart = from;
  let firstLine = true;
  while (lineStart < to) {
    const lineEnd = Math.min(reader.source.lineEndAt(lineStart), to);
    const indent = /^[ \t>]*/.exec(text.slice(lineStart, lineEnd))?.[0].length ?? 0;
    const at = lineStart + indent;
    const label = readLabel(text.slice(at, lineEnd));
    if (firstLine) {
      const counts = labelFirst && label && (label.style !== 'plain' || isKnownField(label.label)) && label.style !== 'bold-dash';
      cuts.push(counts ? { at, label } : { at: from });
    } else if (label && label.style === 'bold' && !isProseLabel(label.label)) {
      cuts.push({ at, label });
    }
    firstLine = false;
    let next = lineEnd;
    if (text[next] === '\r') next++;
    if (text[next] === '\n') next++;
    if (next <= lineEnd) break;
    lineStart = next;
  }
  const fields: FieldDraft[] = [];
  cuts.forEach((cut, i) => {
    const cutEnd = i + 1 < cuts.length ? trimEndOffset(text, cut.at, cuts[i + 1]!.at) : to;
    if (cut.label) {
      // A label that names a file (`**`a.py` (line 310)**`) is where the concern is: read for references too.
      const valueStart = isPathTitle(cut.label.label) ? cut.at : cut.at + cut.label.valueOffset;
      fields.push({ label: cut.label.label, name: fieldName(cut.label.label), start: cut.at, valueStart, end: cutEnd });
    } else if (text.slice(cut.at, cutEnd).trim()) {
      fields.push({ label: '', name: 'description', start: cut.at, valueStart: cut.at, end: cutEnd });
    }
  });
  return fields;
}

/**
 * Whether a list right after a bold field paragraph is that field's value: the field was
 * empty or ended with a colon, or the list's items carry no field labels of their own.
 */
function continuesField(reader: DocumentReader, field: FieldDraft, list: List): boolean {
  const value = reader.text.slice(field.valueStart, field.end).trim();
  // `**Severity: HIGH**`: the value was inside the bold, the list is the concern's own.
  if (/(?:\*\*|__)$/.test(value)) return false;
  const labels = list.children.map((item) => reader.itemLabel(item));
  const known = labels.filter((l) => l && isKnownField(l.label)).length;
  if (known * 2 > list.children.length) return false;
  if (!value || /[:：]$/.test(value)) return true;
  return labels.every((l) => !l || (l.style === 'plain' && !isKnownField(l.label)));
}

export function isPlaceholderParagraph(reader: DocumentReader, block: RootContent): boolean {
  if (block.type !== 'paragraph') return false;
  const label = readLabel(reader.firstLine(block));
  return label !== undefined && label.style !== 'plain' && isPlaceholder(label.label);
}

/** A list's items as fields of the concern: labelled items, and unlabelled ones as description. */
export function fieldList(reader: DocumentReader, list: List, draft: ConcernDraft): void {
  draft.end = Math.max(draft.end, end(list));
  for (const item of list.children) {
    const label = reader.itemLabel(item);
    const first = item.children[0];
    if (label && first && (label.style !== 'plain' || isKnownField(label.label) || shortPlainLabel(label))) {
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
function shortPlainLabel(label: { label: string }): boolean {
  return label.label.split(/\s+/).length <= 3 && !/^(?:note|e\.g|i\.e|example|see)$/i.test(label.label);
}

/** The offset where the text from `from` to `to` ends once trailing blanks and line breaks are dropped. */
function trimEndOffset(text: string, from: number, to: number): number {
  let e = to;
  while (e > from && /\s/.test(text[e - 1] ?? '')) e--;
  return e;
}

/** The label part of a first line (`**Title:**`, `**Title**:`), without the value after it. */
export function labelText(line: string, valueOffset: number): string {
  return line.slice(0, valueOffset).replace(/(?<![ \t])[ \t]+$/, '');
}
