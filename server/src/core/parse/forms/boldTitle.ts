/**
 * The bold-titled form: a paragraph opening with `**Title:**` (or `**Title**:`) alone on its
 * line, or followed only by a backticked path, opens a concern; the blocks after it are its
 * fields until the next title, heading or rule.
 */
import type { Paragraph } from 'mdast';
import { isKnownField } from '../fieldNames';
import { concernTitle, isProseLabel, readLabel, severityLedTitle } from '../labels';
import { reportsNothingWrong } from '../markers';
import { end, start } from '../draft';
import { labelText, paragraphFields } from './fields';
import type { BlockForm } from './form';
import { namesMissingFeatures } from './sectionConcern';

export const boldTitleForm: BlockForm = {
  recognise(block, reader) {
    if (block.type !== 'paragraph') return undefined;
    const line = reader.firstLine(block);
    return opensBoldTitle(line) || severityLedTitle(line) !== undefined ? 'title' : undefined;
  },
  read(block, reader, ctx) {
    const paragraph = block as Paragraph;
    const line = reader.firstLine(paragraph);
    const led = severityLedTitle(line);
    const plain = led ? undefined : readLabel(line)!;
    const label = led ?? plain!;
    const titleStart = start(paragraph);
    // (`**Andand Gem:** — ⚠ KORRIGIERT (2026-08-14)`: the status after the title is read with it.)
    const titleText = plain && STATUS_AFTER.test(plain.rest.trim()) ? line.trimEnd() : labelText(line, label.valueOffset);
    // (`**Severity: HIGH — Title.**`: the severity's words stay in what the draft is made from, so it is read.)
    const draft = reader.newDraftAt(ctx, concernTitle(label.label), titleStart, titleStart + titleText.length, led ? `${led.severityText} — ${led.label}` : titleText);
    // `**No deprecated packages detected.**`, `**Positive: locking implemented:**`: a finding of
    // nothing wrong, no concern; what follows (its code, its bullets) is its own, not concerns.
    if (reportsNothingWrong(label.label) && !namesMissingFeatures(ctx.category)) draft.nothingWrong = true;
    if (plain?.resolvedMark) draft.resolved = true;
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
  return rest === '' || /^(?:`[^`\n]+`[\s,;]*)+(?:\([^)\n]*\))?$/.test(rest) || STATUS_AFTER.test(rest);
}

/**
 * `— ⚠ KORRIGIERT (2026-08-14)`, `— teilweise ✔ ERLEDIGT`, `— ✔ FALSCH-POSITIV`: after the title,
 * only a status in capitals (perhaps qualified, marked and dated) after a dash.
 */
const STATUS_AFTER = /^[—–-]{1,2}[ \t]*(?:\p{Ll}{2,20}[ \t]+)?(?:[\p{Extended_Pictographic}✔✓✗⚠]\uFE0F?[ \t]*)?\p{Lu}[\p{Lu}-]{2,24}(?:[ \t]+\p{Lu}[\p{Lu}-]{1,24}){0,2}(?:[ \t]*[(（][^()（）\n]{0,40}[)）])?[ \t.]*$/u;
