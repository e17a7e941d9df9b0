/**
 * The list-item form: a list whose items are concerns — `- **Title**: text`, `1. **Title** —
 * text`, `- `path:12` — what is wrong`, `- Short title — details`, or any bullet of a section
 * named for concerns. Under an open concern such a list is more of its fields instead.
 */
import type { List, ListItem, RootContent } from 'mdast';
import { isKnownField } from '../fieldNames';
import { cleanTitle, concernTitle } from '../labels';
import { reportsNothingWrong, severityFromValue, splitSeverityTag } from '../markers';
import type { Severity } from '../../model';
import type { DocumentReader } from '../reader';
import { end, start, type ConcernDraft, type Context } from '../draft';
import { fieldList, labelText, readFields } from './fields';
import type { BlockForm } from './form';
import { namesMissingFeatures } from './sectionConcern';

export const listItemsForm: BlockForm = {
  recognise(block, reader, ctx) {
    if (block.type !== 'list') return undefined;
    const labelled = block.children.map((item) => reader.itemLabel(item)).filter((l) => l !== undefined);
    const boldTitles = labelled.filter((l) => l.style !== 'plain' && !isKnownField(l.label)).length;
    if (boldTitles * 2 >= block.children.length && boldTitles > 0) return 'concern-list';
    // `- `path:12` — what is wrong` and `- Short title — details`: one concern per item.
    const led = block.children.filter((item) => leadOf(reader.itemFirstLine(item)) !== undefined).length;
    if (led * 2 >= block.children.length && led > 0) return 'concern-list';
    if (ctx?.looseItems && block.children.length > 0) return 'concern-list';
    return undefined;
  },
  read(block, reader, ctx, current) {
    if (current && introducesTitledItems(reader, current, block as List)) {
      // `**Key gaps requiring test coverage:**` then `1. **`DbContext` lifecycle** — …`: the
      // bold line only introduces the list; each titled item is a concern.
      reader.drafts.pop();
      current = undefined;
    }
    if (current) {
      fieldList(reader, block as List, current);
      return current;
    }
    listConcerns(reader, block as List, ctx);
    return undefined;
  },
};

/**
 * The open concern is only a bold line that introduces a list (`**Key gaps requiring test
 * coverage:**`, `**Remaining risks:**`): it names several things of the concerns' kind, has
 * no fields of its own, and every item of the list after it has a bold title that is no field.
 */
function introducesTitledItems(reader: DocumentReader, current: ConcernDraft, list: List): boolean {
  if (current.fields.length > 0 || reader.drafts[reader.drafts.length - 1] !== current || list.children.length < 2) return false;
  if (!/:\s*(?:\*\*|__)?\s*$/.test(reader.text.slice(current.titleStart, current.titleEnd))) return false;
  if (NAMES_SEVERAL.test(current.title)) {
    return list.children.every((item) => {
      const label = reader.itemLabel(item);
      return label !== undefined && label.style !== 'plain' && !isKnownField(label.label);
    });
  }
  // `**Large Files (Code Organization):**` over ``- `a/TransactionEditorViewModel.cs` - 851 lines``,
  // each with its own `- Issue:` / `- Impact:` beneath: every file is a concern written out.
  // (Path-led items without fields of their own are the lead's evidence, one concern.)
  return NAMES_PLACES.test(current.title.replace(/(?<!\s)\s*[(（][^()（）]*[)）]\s*$/, '')) && list.children.every((item) => PATH_LEAD.test(reader.itemFirstLine(item)) && hasOwnFields(reader, item));
}

/** A lead naming several places of the code: `Large Files`, `God classes`, `Hot modules`. */
const NAMES_PLACES = /\b(?:files|modules|classes|components|services|functions|scripts|endpoints|handlers|controllers|screens|pages|views|hooks)$/i;
/** An item that opens with a path in code: ``- `src/a.cs` - 851 lines``. */
const PATH_LEAD = /^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?`[^`\n]*[/.][^`\n]*`/;

/** The item holds a list of its own whose labels are fields (`- Issue: …`, `- Impact: …`). */
function hasOwnFields(reader: DocumentReader, item: ListItem): boolean {
  return item.children.some((child) => child.type === 'list' && child.children.some((sub) => {
    const label = reader.itemLabel(sub);
    return label !== undefined && isKnownField(label.label);
  }));
}

/**
 * `**Identified gaps:**` then `- Thread pool error handling (what happens when a worker
 * crashes?)`: the open concern is only a bold lead whose head names several, with no fields,
 * over plain bullets of a few words each; each bullet is a concern, the lead none.
 */
export function readIntroducedItems(reader: DocumentReader, current: ConcernDraft, list: List, ctx: Context): boolean {
  if (current.fields.length > 0 || reader.drafts[reader.drafts.length - 1] !== current || list.children.length < 2) return false;
  if (!/:\s*(?:\*\*|__)?\s*$/.test(reader.text.slice(current.titleStart, current.titleEnd)) || !HEADS_SEVERAL.test(current.title.trim())) return false;
  const plain = list.children.every((item) => {
    const label = reader.itemLabel(item);
    return (label === undefined || (label.style === 'plain' && !isKnownField(label.label))) && reader.itemFirstLine(item).trim().split(/\s+/).length >= 3;
  });
  if (!plain) return false;
  reader.drafts.pop();
  listConcerns(reader, list, ctx);
  return true;
}

/**
 * A lead whose head noun names several, after at most three words: `Identified gaps`, `Remaining
 * issues (3)`; or that says what is left to watch: `What remains worth watching`, `Watch list`.
 */
const HEADS_SEVERAL =
  /^(?:(?:[\p{L}-]+\s+){0,3}(?:gaps|issues|risks|concerns|problems|findings|bugs|weaknesses|limitations|shortcomings|todos)|what\s+(?:remains|is\s+left)\s+(?:worth\s+watching|to\s+watch)|things\s+(?:worth\s+watching|to\s+watch)|watch\s*(?:list|items))(?:\s*[(（]\d{1,3}[)）])?$/iu;

/** A lead naming several concerns: `Key gaps`, `Remaining risks`, `Open issues (3)`. */
const NAMES_SEVERAL = /\b(?:gaps|issues|risks|concerns|problems|findings|bugs|weaknesses|limitations|shortcomings|hotspots|smells|vulnerabilities)\b/i;

/** Some item of the list opens with a bold label that is no field. */
export function hasBoldTitledItems(reader: DocumentReader, list: List): boolean {
  return list.children.some((item) => {
    const label = reader.itemLabel(item);
    return label !== undefined && label.style !== 'plain' && !isKnownField(label.label);
  });
}

/** Some item of the list has a bold title, or is led by a backticked path. */
export function hasTitledItems(reader: DocumentReader, list: List): boolean {
  return list.children.some((item) => {
    const label = reader.itemLabel(item);
    if (label && label.style !== 'plain' && !isKnownField(label.label)) return true;
    return leadOf(reader.itemFirstLine(item))?.startsWith('`') === true;
  });
}

/** Each item of `- **Title**: text` / `1. **Title** — text` lists is a concern. */
function listConcerns(reader: DocumentReader, list: List, ctx: Context): void {
  const drafted = reader.drafts.length;
  const shared: ListItem[] = [];
  for (const item of list.children) {
    const label = reader.itemLabel(item);
    const first = item.children[0];
    if (!first) continue;
    // `- Files for all of the above: `a.ts`, `b.ts``: the files of every concern of the list.
    if (label && drafted < reader.drafts.length && SHARED_FILES.test(label.label.trim())) {
      shared.push(item);
      continue;
    }
    // `- `npm audit` → **0 vulnerabilities**`, `- Keine veralteten Pakete.`: a finding of nothing.
    if (reportsNothingWrong(reader.itemFirstLine(item)) && !namesMissingFeatures(ctx.category)) continue;
    if (!label || label.style === 'plain' || isKnownField(label.label)) {
      itemConcern(reader, item, ctx);
      continue;
    }
    const line = reader.firstLine(first);
    const titleStart = start(first);
    const titleText = labelText(line, label.valueOffset);
    const draft = reader.newDraftAt(ctx, concernTitle(label.label), titleStart, titleStart + titleText.length, titleText);
    const restStart = titleStart + label.valueOffset;
    const firstEnd = end(first);
    if (firstEnd > restStart && reader.text.slice(restStart, firstEnd).trim()) {
      draft.fields.push({ label: '', name: 'description', start: restStart, valueStart: restStart, end: firstEnd });
    }
    readFields(reader, item.children.slice(1), draft);
    draft.start = start(item);
    draft.end = Math.max(draft.end, end(item));
  }
  for (const item of shared) {
    const label = reader.itemLabel(item)!;
    const first = item.children[0]!;
    for (const draft of reader.drafts.slice(drafted)) {
      draft.fields.push({ label: label.label, name: 'files', start: start(item), valueStart: start(first) + label.valueOffset, end: end(item) });
    }
  }
}

/** `Files for all of the above`, `Files (all of the above)`, `Locations for each`: one Files field for every concern of its list. */
const SHARED_FILES = /^(?:files?|locations?|paths?)\s*(?:\(|for\s+|of\s+)?(?:all|each|every|both)(?:\s+(?:of\s+)?(?:the\s+)?(?:above|these|items?|concerns?|gaps?|features?))?\)?$/i;

/**
 * A list item without a bold title (`- `src/x.ts:12` — what is wrong`, `- Title — details`,
 * a plain bullet in a concerns section): the title is made from its first line, and the
 * whole item is its description.
 */
function itemConcern(reader: DocumentReader, item: ListItem, ctx: Context): void {
  const first = item.children[0];
  if (!first || first.type !== 'paragraph') return;
  const line = reader.itemFirstLine(item);
  const { title, severity } = synthesiseTitle(hardWrapped(reader, first, line));
  if (!title) return;
  const s = start(first);
  // The title, not the whole line, says whether it is resolved: "(already done in some
  // routes, not in others)" in the description does not close the concern.
  const draft = reader.newDraftAt(ctx, title, s, s + line.length, title);
  if (severity && !draft.severity) draft.severity = severity;
  draft.scanTitle = false;
  draft.start = start(item);
  draft.end = end(item);
  draft.fields.push({ label: '', name: 'description', start: s, valueStart: s, end: end(first) });
  readFields(reader, item.children.slice(1), draft);
}

/**
 * The first line, or, when the author wrapped the paragraph by hand (a long first line that ends
 * mid-sentence), the paragraph as one line: its first sentence runs on past the break.
 */
function hardWrapped(reader: DocumentReader, paragraph: RootContent, line: string): string {
  if (line.length < 60 || /[.!?。:：;]\s*$/.test(line)) return line;
  const text = reader.slice(paragraph);
  if (!text.includes('\n')) return line;
  // (Matches start only where a blank run starts: linear on long runs of blanks.)
  return text.slice(0, 600).replace(/(?<!\s)\s*\n\s*/g, ' ');
}

// Starts only where a blank run starts: linear on long runs of blanks (else quadratic).
const DASH = /(?<!\s)\s+(?:[—–]|-{1,2})\s+/;

/** The lead of `lead — text`: a backticked path, or a short phrase before a dash. */
function leadOf(line: string): string | undefined {
  const text = line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '');
  const m = DASH.exec(text);
  if (!m || m.index === 0 || m.index > 100) return undefined;
  const lead = text.slice(0, m.index).trim();
  if (/^`[^`\n]+`(?:[\s,]*`[^`\n]+`)*(?:\s*\([^)\n]*\))?$/.test(lead)) return lead;
  // A phrase of a few words (not a sentence) before the dash.
  if (lead.split(/\s+/).length <= 8 && !/[.!?]$/.test(lead)) return lead;
  return undefined;
}

/** A title for an item without one: the phrase before its dash, else its first sentence. */
function synthesiseTitle(line: string): { title: string; severity?: Severity } {
  // `- `a.go:257`: `TODO: validate x``: a colon after the leading path ends the lead, as a dash does.
  line = line.replace(PATH_LEAD_COLON, '$1 — ');
  // `- Couplage entre contrôle et UI : isoler …`, `- Rate limiting missing: …`: a short lead before
  // a colon names the item, as a lead before a dash does (`TODO:`, `Note:` and field names do not).
  if (!DASH.test(line)) {
    const lead = PLAIN_LEAD_COLON.exec(line);
    if (lead?.[2] !== undefined && SEVERAL_WORDS.test(lead[2]) && !isKnownField(lead[2]) && !DEBT_MARKER_LEAD.test(lead[2])) line = `${lead[1]}${lead[2]} — ${line.slice(lead[0].length)}`;
  }
  const segments = line.split(DASH).map((seg) => seg.trim()).filter(Boolean);
  // Skip segments that are only code or quoted snippets (`path:12`, "const x = ..."), with a
  // note in parentheses after them (`"x as any"` (three places)), or only a severity (`LOW.`).
  let telling = segments.find((seg) => !/^(?:`[^`]*`|"[^"]*"|'[^']*'|[\s,;(+)]|\b(?:and|in|line|lines)\b|\d)+(?:\s*\([^()\n]{0,60}\))?$/.test(seg) && !ONLY_SEVERITY.test(seg));
  // With none, a quoted comment after the path says what is wrong (`TODO: validate x`, not code).
  if (telling === undefined && segments.length > 1 && QUOTED_WORDS.test(segments[1]!)) telling = segments[1]!.replace(/`/g, '');
  const chosen = telling ?? segments[0] ?? '';
  const sentence = firstSentence(chosen);
  const cleaned = cleanTitle(sentence.replace(/^["'](.*)["']$/, '$1'));
  // `MEDIUM: runtime warning instead of …`: the severity, then what is wrong; read before the
  // title's other marks come off (`concernTitle` drops such a tag without a word of it).
  const tagged = splitSeverityTag(cleaned);
  let clean = concernTitle(tagged.severity && tagged.title ? tagged.title : cleaned);
  // Led by a path: name the file, so "same family." still says where.
  const lead = leadOf(line);
  const path = lead ? /^`([^`:\s]+)/.exec(lead)?.[1] : undefined;
  // (A folder's name when the path is one: `src/lib/ai/` names `ai`.)
  // (A scoped package, `@anthropic-ai/sdk`, is named whole: its last segment names nothing.)
  const name = path?.startsWith('@') ? path : path?.replace(/\/+$/, '').split('/').pop();
  if (path && telling !== undefined) clean = `${name || path}: ${clean}`;
  // ``- `a/TransactionEditorViewModel.cs` - 851 lines``: only its size said, which is what is wrong.
  else if (path && segments.length === 2 && SIZE_NOTE.test(segments[1]!)) clean = `${name || path}: ${segments[1]!.replace(/^[(（]|[)）]$/g, '')}`;
  const title = capTitle(clean);
  // (A segment of only a severity, `— LOW.`, says it too.)
  const severity = tagged.severity ?? severityFromValue(segments.find((seg) => ONLY_SEVERITY.test(seg)) ?? '');
  return severity ? { title, severity } : { title };
}

/** `` - `a.go:257`: `` (the colon right after the item's leading path span). */
const PATH_LEAD_COLON = /^([ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?`[^`\n]+`)[ \t]*:(?=[ \t])/;

/** `- A short lead of a few words : the rest`: the bullet, then a lead (at most eight words, see DEBT_MARKER_LEAD), a colon and a blank. */
const PLAIN_LEAD_COLON = /^([ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?)(\p{L}[^:：`\n]{0,80}?)[ \t]?[:：][ \t]+(?=\S)/u;

/** A lead of two words or more (`Scope:`, one word, is a label), or a few CJK characters. */
const SEVERAL_WORDS = /\S[ \t]+\S|[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]{3}/u;

/** Leads that are a code comment's marker or a note's, not a title: `TODO:`, `FIXME:`, `Note:`. */
const DEBT_MARKER_LEAD = /^(?:todo|fixme|hack|xxx|note|nb|warning|caution|p[0-3]|critical|high|medium|low|blocker)$|^(?:\S+\s+){8,}/i;

/** A code span holding words, as a quoted comment does (`TODO: validate UnbindResp`), not code (`console.log(…)`), perhaps with a note after it. */
const QUOTED_WORDS = /^`\p{L}[\p{L}\p{N}_-]*(?::[ \t]|[ \t])[^`\n]*\p{L}{2,}[ \t]+\p{L}{2,}[^`\n]*`(?:\s*\([^()\n]{0,60}\))?$/u;

/** A segment that only gives a file's size: `851 lines`, `(1,204 LOC)`, `~900 lines`. */
const SIZE_NOTE = /^[(（]?~?\d[\d,.]*\+?\s*(?:lines?|LOC|loc|lignes|líneas|linhas|Zeilen|строк\p{L}*|行|줄)[)）]?$/u;

/** A segment that only says a severity: `LOW.`, `HIGH`, `Medium!`. */
const ONLY_SEVERITY = /^(?:critical|high|medium|low|blocker)[.!]?$/i;

/** Abbreviations whose dot ends no sentence. */
const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf|approx|incl|esp)\.$/i;

/** The text up to its first full stop, `!` or `?` followed by a blank (not one inside code or after `e.g.`); else all of it. */
function firstSentence(text: string): string {
  const stop = /`[^`\n]*`|[.!?](?=\s|$)/g;
  for (let m = stop.exec(text); m; m = stop.exec(text)) {
    if (m[0].startsWith('`')) continue;
    const upTo = text.slice(0, m.index + 1);
    if (!ABBREVIATION.test(upTo)) return upTo;
  }
  return text;
}

/** A title holds its whole first sentence; only a very long one is cut, at a word, with "…". */
export const TITLE_CAP = 240;

export function capTitle(title: string): string {
  if (title.length <= TITLE_CAP) return title;
  const cut = title.slice(0, TITLE_CAP - 1);
  const word = cut.lastIndexOf(' ');
  return `${(word > TITLE_CAP / 2 ? cut.slice(0, word) : cut).trimEnd()}…`;
}
