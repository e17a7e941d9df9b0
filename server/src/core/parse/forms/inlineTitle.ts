/**
 * The inline-titled paragraph: `**Slow report page:** every request renders all rows.` — a bold
 * label that is no field, with the concern's text after it on the same line, as a paragraph of
 * its own under a category. Not a block form of its own (forms/index.ts): the same paragraph
 * under an open concern (`**Current tests:** none`) is that concern's field, so only the walker,
 * which knows whether a concern is open and what opened it, may read one as a title.
 */
import type { Paragraph } from 'mdast';
import { isKnownField } from '../fieldNames';
import { concernTitle, isProseLabel, readLabel } from '../labels';
import { isPlaceholder, reportsNothingWrong } from '../markers';
import type { DocumentReader } from '../reader';
import { end, start, type ConcernDraft, type Context } from '../draft';
import { labelText, paragraphFields } from './fields';

/** Whether this paragraph opens with a bold label worded as a title, its text after it. */
export function isInlineTitled(reader: DocumentReader, paragraph: Paragraph): boolean {
  const label = readLabel(reader.firstLine(paragraph));
  if (!label || (label.style !== 'bold' && label.style !== 'bold-dash') || label.rest.trim() === '') return false;
  if (isKnownField(label.label) || isProseLabel(label.label) || reportsNothingWrong(label.label)) return false;
  // `**Production code TODOs:** None found in scan.`: what was looked for, and nothing found.
  if (isPlaceholder(label.rest.trim())) return false;
  // `**Fix shape.**`, `**Impact on users:**`: a field's word leads it, a note on what came before.
  if (FIELD_WORD.test(label.label.trim())) return false;
  // One word (`**Assessment:**`, `**Verdict:**`) labels a remark; a title says what is wrong.
  const words = label.label.trim().split(/\s+/).length;
  return words >= 2 || /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]{3,}/u.test(label.label);
}

/**
 * `**No secrets in code:** `.env` files absent.` after a concern: a finding of its own that
 * nothing is wrong, so it closes the concern before it and opens none (its paths are not that
 * concern's).
 */
export function opensNothingWrong(reader: DocumentReader, paragraph: Paragraph): boolean {
  const label = readLabel(reader.firstLine(paragraph));
  return label !== undefined && (label.style === 'bold' || label.style === 'bold-dash') && !isKnownField(label.label) && reportsNothingWrong(label.label);
}

/** The concern such a paragraph opens: titled by its label, the rest of the paragraph its text. */
export function readInlineTitled(reader: DocumentReader, paragraph: Paragraph, ctx: Context): ConcernDraft {
  const line = reader.firstLine(paragraph);
  const label = readLabel(line)!;
  const titleStart = start(paragraph);
  const titleText = labelText(line, label.valueOffset);
  const draft = reader.newDraftAt(ctx, concernTitle(label.label), titleStart, titleStart + titleText.length, titleText);
  if (label.resolvedMark) draft.resolved = true;
  draft.inlineTitle = true;
  draft.fields.push(...paragraphFields(reader, titleStart + label.valueOffset, end(paragraph), false));
  draft.end = end(paragraph);
  return draft;
}

/** Words that open a field's label (or the header's: `**Analysis Date:**`) rather than a concern's title. */
const FIELD_WORD =
  /^(?:analysis|date|generated|updated|last|commit|author|version|mapped|reviewed|prepared|scope|focus|fix(?:es)?|solution|workaround|mitigation|recommend\w*|remediation|impact|risk|cause|root|why|how|where|when|note|notes|status|priority|severity|effort|files?|evidence|example|context|suggest\w*|proposed|next|see|also|current)\b/i;
