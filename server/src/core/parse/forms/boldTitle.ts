/**
 * The bold-titled form: a paragraph opening with `**Title:**` (or `**Title**:`) alone on its
 * line, or followed only by a backticked path, opens a concern; the blocks after it are its
 * fields until the next title, heading or rule.
 */
import type { Paragraph } from 'mdast';
import { isKnownField } from '../fieldNames';
import { concernTitle, isProseLabel, readLabel } from '../labels';
import { reportsNothingWrong } from '../markers';
import { end, start } from '../draft';
import { labelText, paragraphFields } from './fields';
import type { BlockForm } from './form';
import { namesMissingFeatures } from './sectionConcern';

export const boldTitleForm: BlockForm = {
  recognise(block, reader) {
    return block.type === 'paragraph' && opensBoldTitle(reader.firstLine(block)) ? 'title' : undefined;
  },
  read(block, reader, ctx) {
    const paragraph = block as Paragraph;
    const line = reader.firstLine(paragraph);
    const label = readLabel(line)!;
    const titleStart = start(paragraph);
    const titleText = labelText(line, label.valueOffset);
    const draft = reader.newDraftAt(ctx, concernTitle(label.label), titleStart, titleStart + titleText.length, titleText);
    // `**No deprecated packages detected.**`, `**Positive: locking implemented:**`: a finding of
    // nothing wrong, no concern; what follows (its code, its bullets) is its own, not concerns.
    if (reportsNothingWrong(label.label) && !namesMissingFeatures(ctx.category)) draft.nothingWrong = true;
    if (label.resolvedMark) draft.resolved = true;
    // Whatever follows the title on its paragraph (a path, a description, `**Issue:** ...`
    // lines) is its first fields.
    draft.fields.push(...paragraphFields(reader, titleStart + label.valueOffset, end(paragraph), false));
    draft.end = end(paragraph);
    return draft;
  },
};

/** Whether a paragraph whose first line is this opens a bold-titled concern. */
export function opensBoldTitle(firstLine: string): boolean {
  const label = readLabel(firstLine);
  if (!label || label.style === 'plain' || label.style === 'bold-dash') return false;
  if (isKnownField(label.label) || isProseLabel(label.label)) return false;
  const rest = label.rest.trim();
  // `**Title:**` alone, or followed only by a path in backticks (`**Large file:** `src/x.ts``).
  return rest === '' || /^(?:`[^`\n]+`[\s,;]*)+(?:\([^)\n]*\))?$/.test(rest);
}
