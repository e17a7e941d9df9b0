import { labelledTitle } from './plainText';
import type { ResolvedConcern } from '../model';
import { FIX_FIELD_ORDER, SUMMARY_FIELDS } from '../parse/fieldNames';
import { Commands, type ConcernCommandArgs } from '../../protocol';
import type { IndexedDocument } from './indexedDocument';

/** A `command:` link with JSON arguments, as VS Code's markdown renders it. */
export function commandLink(label: string, command: string, args: unknown): string {
  return `[${label}](command:${command}?${encodeURIComponent(JSON.stringify([args]))} "${label}")`;
}

const SEVERITY_LABEL = { critical: '🔴 Critical', high: '🟠 High', medium: '🟡 Medium', low: '🟢 Low' } as const;

/**
 * A concern as a hover card: where it belongs, how bad it is, what is wrong, what it costs and
 * how to fix it first; every other field folded below; links to the document and the view.
 */
export function concernCard(doc: IndexedDocument, concern: ResolvedConcern): string {
  const args: ConcernCommandArgs = { documentUri: doc.uri, concernId: concern.id };
  const meta = [concern.group ? `${concern.category} › ${concern.group}` : concern.category];
  if (concern.severity) meta.push(SEVERITY_LABEL[concern.severity]);
  if (concern.resolved) meta.push('✅ Resolved');
  const lines: string[] = [];
  lines.push(`**${escapeInline(labelledTitle(concern))}**`, '', `_${meta.join(' · ')}_`, '');
  const shown = new Set<string>();
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
  const footer = [commandLink('Open in concerns document', Commands.openConcern, args), commandLink('Reveal in Concerns view', Commands.revealInView, args)];
  if (FIX_FIELD_ORDER.some((name) => concern.fields.some((f) => f.name === name))) footer.push(commandLink('Go to fix approach', Commands.goToFixApproach, args));
  lines.push(footer.join(' · '));
  if (doc.model.analysisDate) lines.push('', `_Analysed ${doc.model.analysisDate}${doc.model.commit ? ` at \`${doc.model.commit}\`` : ''} · ${doc.path}_`);
  else lines.push('', `_${doc.path}_`);
  return lines.join('\n');
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
