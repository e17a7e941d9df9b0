/**
 * The heading-per-concern form: a `###` heading (or a `##` with fields straight under it) is
 * the concern's title, the blocks beneath it its fields, deeper headings more of its fields.
 */
import type { Severity } from '../../model';
import { fieldName } from '../fieldNames';
import { cleanTitle, concernTitle } from '../labels';
import { severityFromValue } from '../markers';
import type { DocumentReader } from '../reader';
import { end, start, type Context, type Section } from '../draft';
import { readFields } from './fields';

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
  // Deeper headings under a concern (`#### Details`) are more of its fields.
  for (const child of flatten(section.children)) {
    const label = cleanTitle(reader.inner(child.heading));
    const blocksStart = child.blocks[0] ? start(child.blocks[0]) : end(child.heading);
    const blocksEnd = child.blocks.length > 0 ? end(child.blocks[child.blocks.length - 1]!) : end(child.heading);
    draft.fields.push({ label, name: fieldName(label), start: start(child.heading), valueStart: blocksStart, end: blocksEnd });
    draft.end = Math.max(draft.end, blocksEnd);
  }
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
