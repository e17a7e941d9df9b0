import type { LineRange, ResolvedConcern, ResolvedReference } from '../model';
import { FIX_FIELD_ORDER, SUMMARY_FIELDS } from '../parse/fieldNames';
import { Commands, type ConcernCommandArgs } from '../../protocol';
import { summaryField } from './diagnostics';
import type { IndexedDocument } from './indexedDocument';
import { labelledTitle, plainTitle } from './plainText';
import { showChangesLink } from './showChangesLink';

/** A `command:` link with JSON arguments, as VS Code's markdown renders it. */
export function commandLink(label: string, command: string, args: unknown): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([args]))} "${label}")`;
}

const SEVERITY_LABEL = { critical: '🔴 Critical', high: '🟠 High', medium: '🟡 Medium', low: '🟢 Low' } as const;

/** A reference's location state in a few words, for the card's first lines. */
const STATE_BADGE = { exact: '📍 unchanged', moved: '↕️ moved', changed: '✏️ changed since the analysis', gone: '🗑️ gone', unknown: '❔ location unknown' } as const;

export interface CardOptions {
  /** The reference the card is shown for: its location state goes on the first lines. */
  reference?: ResolvedReference;
  /** The drift line for that reference (drift/hoverNote.ts), placed below the actions. */
  driftNote?: string;
  /**
   * A diagnostic of this concern covers the hovered position: the editor already shows its
   * message (title and summary) above the card, so the summary field is not repeated.
   */
  underDiagnostic?: boolean;
}

/**
 * A concern as a hover card, leading with what matters: the title, then category, severity and
 * location state on one line, then the actions, then the drift line; then what is wrong, what it
 * costs and how to fix it; every other field folded below; the analysis date last.
 */
export function concernCard(doc: IndexedDocument, concern: ResolvedConcern, options: CardOptions = {}): string {
  const lines: string[] = [];
  lines.push(`**${escapeInline(labelledTitle(concern))}**`, '', cardMeta(concern, options.reference), '', cardActions(doc, concern, options.reference).join(' · '), '');
  if (options.driftNote) lines.push(options.driftNote, '');
  const shown = new Set<string>();
  // Under its diagnostic, the summary is the message the editor shows just above.
  const summary = options.underDiagnostic ? summaryField(concern) : undefined;
  if (summary) shown.add(summary.name);
  const show = (name: string, label: string) => {
    const field = concern.fields.find((f) => f.name === name && f.text.trim());
    if (!field || shown.has(field.name)) return;
    shown.add(field.name);
    lines.push(`**${label}:** ${field.text.trim()}`, '');
  };
  for (const name of SUMMARY_FIELDS) show(name, labelOf(concern, name));
  show('impact', 'Impact');
  for (const name of FIX_FIELD_ORDER) show(name, labelOf(concern, name));
  const rest = concern.fields.filter((f) => !shown.has(f.name) && f.text.trim() && f.name !== 'files');
  if (rest.length > 0) {
    // Hovers render no <details>: the other fields are folded into one compact block instead,
    // each cut to a line, below a rule.
    lines.push('---', '');
    lines.push(rest.map((f) => `_${escapeInline(f.label || 'Notes')}:_ ${oneLine(f.text)}`).join('  \n'), '');
  }
  if (doc.model.analysisDate) lines.push(`_Analysed ${doc.model.analysisDate}${doc.model.commit ? ` at \`${doc.model.commit}\`` : ''} · ${doc.path}_`);
  else lines.push(`_${doc.path}_`);
  return lines.join('\n');
}

/**
 * Several concerns on one line: one row each (severity, title, category, location state), the
 * title opening the concern in its document, with a link to its entry in the Concerns view.
 */
export function concernList(entries: readonly { doc: IndexedDocument; concern: ResolvedConcern; reference?: ResolvedReference }[]): string {
  const rows = entries.map(({ doc, concern, reference }) => {
    const args: ConcernCommandArgs = { documentUri: doc.uri, concernId: concern.id };
    const meta = concern.category ? [concern.category] : [];
    if (concern.resolved) meta.push('✅ Resolved');
    const state = reference?.location?.state;
    if (state && state !== 'exact' && state !== 'unknown') meta.push(STATE_BADGE[state]);
    const icon = concern.severity ? SEVERITY_LABEL[concern.severity].split(' ')[0]! : '•';
    const about = meta.length > 0 ? ` — _${escapeInline(meta.join(' · '))}_` : '';
    return `${icon} ${linkTo(escapeInline(plainTitle(labelledTitle(concern))), Commands.openConcern, args, 'Open the concern in its document')}${about} · ${commandLink('Concerns view', Commands.revealInView, args)}`;
  });
  return [`**${entries.length} concerns on this line**`, '', rows.join('  \n')].join('\n');
}

/** Category (› group), severity, resolved, and where the reference's code is now. */
function cardMeta(concern: ResolvedConcern, reference: ResolvedReference | undefined): string {
  const meta = concern.category ? [escapeInline(concern.group ? `${concern.category} › ${concern.group}` : concern.category)] : [];
  if (concern.severity) meta.push(SEVERITY_LABEL[concern.severity]);
  if (concern.resolved) meta.push('✅ Resolved');
  // Where the code is now when drift followed it there (the drift line says where it was written).
  const loc = reference?.location;
  const now = loc && (loc.state === 'moved' || loc.state === 'changed') ? loc.ranges : reference?.ranges;
  const where = now ? citedLines(now) : '';
  if (where) meta.push(where);
  if (loc) meta.push(STATE_BADGE[loc.state]);
  return meta.length > 0 ? `_${meta.join(' · ')}_` : '';
}

/**
 * The card's actions, on its first lines. The order: where to act first (the fix approach), then
 * what to check, then what to record, then where else to look.
 */
function cardActions(doc: IndexedDocument, concern: ResolvedConcern, reference: ResolvedReference | undefined): string[] {
  const args: ConcernCommandArgs = { documentUri: doc.uri, concernId: concern.id };
  const actions: string[] = [];
  if (FIX_FIELD_ORDER.some((name) => concern.fields.some((f) => f.name === name))) actions.push(commandLink('Go to fix approach', Commands.goToFixApproach, args));
  // The code as it was at the analysis beside the file now, when drift followed it from a known commit.
  const changes = reference ? showChangesLink(doc, concern, reference) : '';
  if (changes) actions.push(changes);
  if (!concern.resolved) actions.push(commandLink('Mark resolved', Commands.markResolved, args));
  actions.push(commandLink('Reveal in Concerns view', Commands.revealInView, args));
  actions.push(commandLink('Open in document', Commands.openConcern, args));
  return actions;
}

/** Lines as a reader says them (`lines 36-40`, `line 12`); empty for a whole file. */
function citedLines(ranges: readonly LineRange[]): string {
  if (ranges.length === 0) return '';
  const one = ranges.length === 1 && ranges[0]!.start === ranges[0]!.end;
  return `${one ? 'line' : 'lines'} ${ranges.map((r) => (r.toEnd ? `${r.start}-end` : r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`)).join(', ')}`;
}

/** A `command:` link with a tooltip of its own. */
function linkTo(label: string, command: string, args: unknown, tooltip: string): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([args]))} "${tooltip}")`;
}

function labelOf(concern: ResolvedConcern, name: string): string {
  return concern.fields.find((f) => f.name === name)?.label || 'Description';
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function escapeInline(text: string): string {
  return text.replace(/([\\[\]])/g, '\\$1');
}
