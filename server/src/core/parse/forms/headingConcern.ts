/**
 * The heading-per-concern form: a `###` heading (or a `##` with fields straight under it) is
 * the concern's title, the blocks beneath it its fields, deeper headings more of its fields.
 */
import type { Severity } from '../../model';
import { fieldName, isKnownField } from '../fieldNames';
import { cleanTitle, concernTitle, readLabel, type Label } from '../labels';
import { isCleanStatus, isResolvedSection, severityFromSection, severityFromValue } from '../markers';
import type { DocumentReader } from '../reader';
import { end, start, type Context, type Section } from '../draft';
import { readFields } from './fields';
import { namesCategory } from './sectionConcern';

export function headingConcern(reader: DocumentReader, section: Section, ctx: Context): void {
  const raw = reader.inner(section.heading);
  const title = concernTitle(raw);
  if (!title) return;
  const draft = reader.newDraft(ctx, title, section.heading, raw);
  // `### Test risk: MEDIUM` written as one concern: the severity is in its title.
  if (!draft.severity && /^[^:：]{0,40}\b(?:risk|severity|priority)\s*[:：]/i.test(title)) {
    const severity = severityFromGroupLabel(title);
    if (severity) draft.severity = severity;
  }
  readFields(reader, section.blocks, draft);
  // `### Production TODOs` then "The codebase has zero production TODOs": a finding of nothing.
  if (section.children.length === 0 && draft.fields.every((f) => !f.label) && saysNothingFound(reader.text.slice(draft.titleEnd, draft.end))) {
    reader.drafts.pop();
    return;
  }
  // `## Abandoned Code` then `**Status: limpo.**`: checked, and clean.
  const status = draft.fields.find((f) => f.name === 'status');
  const statusText = status ? (reader.text.slice(status.valueStart, status.end).split('\n')[0] ?? '') : '';
  // `### SQL Injection Assessment` then `**STATUS: LOW RISK**`: a check that found it sound.
  const checkedSound = /\b(?:assessment|review|check|audit)\b/i.test(title) && /^[\s*_]*(?:low|no|minimal)\s+risk[\s*_.]*$/i.test(statusText);
  if (section.children.length === 0 && status && (isCleanStatus(statusText) || checkedSound)) {
    reader.drafts.pop();
    return;
  }
  // Deeper headings under a concern (`#### Details`) are more of its fields.
  for (const child of flatten(section.children)) {
    const label = cleanTitle(reader.inner(child.heading));
    const blocksStart = child.blocks[0] ? start(child.blocks[0]) : end(child.heading);
    const blocksEnd = child.blocks.length > 0 ? end(child.blocks[child.blocks.length - 1]!) : end(child.heading);
    draft.fields.push({ label, name: fieldName(label), start: start(child.heading), valueStart: blocksStart, end: blocksEnd });
    draft.end = Math.max(draft.end, blocksEnd);
  }
}

/**
 * A heading whose bold labels are the fields of one concern, not titles of several: beside
 * the well-known ones (`**Impact:**`, `**Fix approach:**`) stand labels no template names
 * (`**Current tests:**`, `**Package:** `lexical@0.39.0``, `**Hotspots:**`), and no label comes
 * twice, as it would in a group of concerns that each carry the same fields. A severity or a
 * resolved list names a group however its items are written.
 */
export function writtenAsOneConcern(reader: DocumentReader, section: Section, name: string): boolean {
  if (severityFromSection(name) || isResolvedSection(name)) return false;
  const seen = new Set<string>();
  const others: { label: string; afterKnown: boolean }[] = [];
  let known = 0;
  // Bold labels open paragraphs (`**Impact:** ...`), or the items of a list straight under the
  // heading (`- **File:** ...`); a list after a bold paragraph holds that paragraph's fields.
  const labels: (Readonly<Label> | undefined)[] = [];
  for (const block of section.blocks) {
    if (block.type === 'paragraph') labels.push(readLabel(reader.firstLine(block)));
    else if (block.type === 'list' && labels.every((l) => !l || l.style === 'plain')) labels.push(...block.children.map((item) => reader.itemLabel(item)));
  }
  for (const label of labels) {
    if (!label || label.style === 'plain' || label.style === 'bold-dash') continue;
    const key = label.label.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    if (isKnownField(label.label)) known++;
    else others.push({ label: label.label, afterKnown: known > 0 });
  }
  // `### Error handling inconsistency` then only `**Mixed patterns:**` and its code: a heading
  // that states a concern, under it a short label for what follows, no title of its own.
  // (Not over a table: its rows are the concerns, the label a note on them.)
  const shortOnly = others.length === 1 && others[0]!.label.split(/\s+/).length <= 2;
  if (known === 0 && shortOnly && !namesCategory(name) && !section.blocks.some((b) => b.type === 'table')) return true;
  if (known === 0 || others.length === 0) return false;
  // One other label, first and worded as a title (`**Unprotected admin seed endpoint:**` then
  // `**Risk:**`): a group of one concern. Short (`**Package:**`) or after a field, it is a field.
  if (others.length === 1) return others[0]!.afterKnown || shortOnly;
  return true;
}

/** `### Test risk: MEDIUM` style group headings carry a severity after their colon. */
export function severityFromGroupLabel(name: string): Severity | undefined {
  const m = /[:：]\s*(.+)$/.exec(name);
  return m?.[1] ? severityFromValue(m[1]) : undefined;
}

const NOTHING = String.raw`(?:\*\*|__)?(?:zero|no)\s+(?:\S+\s+){0,2}?(?:issues?|concerns?|todos?|fixmes?|hacks?|problems?|findings?|vulnerabilit(?:y|ies))\b`;
const NOTHING_FOUND = new RegExp(
  String.raw`\b(?:has|have|with|contains?)\s+${NOTHING}|^${NOTHING}[^.]{0,60}\b(?:found|detected|identified|present)\b|\b(?:none|nothing)\s+(?:was\s+|were\s+)?(?:found|detected|identified)\b|\bverified clean\b`,
  'i',
);

/** The first sentence says nothing was found: `has zero TODOs`, `No issues found`, `none detected`. */
function saysNothingFound(body: string): boolean {
  const first = body.trim().slice(0, 400).split(/(?<=[.!?。])\s|\n\s*\n/)[0] ?? '';
  return NOTHING_FOUND.test(first);
}

function flatten(sections: Section[]): Section[] {
  return sections.flatMap((s) => [s, ...flatten(s.children)]);
}
