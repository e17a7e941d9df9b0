/**
 * `concerns check` for people (the text format) and for tools (the JSON format): the same
 * findings, the run's notes, and what failed the run.
 */
import { categoryKeyword } from '../features/severity';
import type { Finding } from './findings';

export interface CheckReport {
  root: string;
  documents: readonly { path: string; concerns: number; references: number }[];
  unreadable: readonly { path: string; reason: string }[];
  /** `known` (git answered), or why drift is unknown / off. */
  drift: { state: 'known' | 'unknown' | 'off'; reason?: string };
  since?: { rev: string; commit: string };
  notes: readonly string[];
  findings: readonly Finding[];
  failing: readonly Finding[];
  /** `--fail-on` as given (normalised). */
  failOn: string;
  /** Whether the run fails (exit 1). */
  failed: boolean;
}

/** A category as a reviewer says it: "fragile area", "known bug" (singular and plural). */
const NOUNS: Record<string, [string, string]> = {
  security: ['security concern', 'security concerns'],
  'known bugs': ['known bug', 'known bugs'],
  'tech debt': ['tech-debt item', 'tech-debt items'],
  fragile: ['fragile area', 'fragile areas'],
  performance: ['performance concern', 'performance concerns'],
  scaling: ['scaling limit', 'scaling limits'],
  dependencies: ['dependency risk', 'dependency risks'],
  'test coverage': ['test-coverage gap', 'test-coverage gaps'],
  'missing features': ['missing feature', 'missing features'],
};

/** "this change edits 2 fragile areas and 1 known bug": distinct concerns touched, by category. */
export function touchedSummary(findings: readonly Finding[]): string {
  const byNoun = new Map<string, { count: number; nouns: [string, string] }>();
  const seen = new Set<string>();
  for (const f of findings) {
    if (f.kind !== 'touched') continue;
    const key = `${f.documentPath}\u0000${f.concern.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const keyword = categoryKeyword(f.concern.category);
    const nouns: [string, string] = (keyword && NOUNS[keyword]) || (f.concern.category ? [`concern of "${f.concern.category}"`, `concerns of "${f.concern.category}"`] : ['concern', 'concerns']);
    const entry = byNoun.get(nouns[0]) ?? { count: 0, nouns };
    entry.count++;
    byNoun.set(nouns[0], entry);
  }
  if (byNoun.size === 0) return 'this change edits no code a concern names';
  const parts = [...byNoun.values()].sort((a, b) => b.count - a.count).map((e) => `${e.count} ${e.nouns[e.count === 1 ? 0 : 1]}`);
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
  return `this change edits ${list}`;
}

export function checkText(report: CheckReport): string {
  const out: string[] = [];
  for (const d of report.documents) out.push(`${d.path}: ${d.concerns} concerns, ${d.references} references`);
  for (const u of report.unreadable) out.push(`${u.path}: cannot read the document (${u.reason})`);
  if (report.documents.length === 0 && report.unreadable.length === 0) out.push(`No concerns document found under ${report.root}.`);
  if (report.drift.state !== 'known') out.push(`Drift ${report.drift.state}: ${report.drift.reason ?? ''}`.trimEnd());
  for (const note of report.notes) out.push(`Note: ${note}`);
  const section = (title: string, list: readonly Finding[], line: (f: Finding) => string[]) => {
    if (list.length === 0) return;
    out.push('', `${title} (${list.length}):`);
    for (const f of list) out.push(...line(f).map((l, i) => (i === 0 ? `  ${l}` : `      ${l}`)));
  };
  const place = (f: Finding) => `${f.at.path}${f.at.startLine !== undefined ? `:${f.at.startLine}${f.at.endLine !== undefined && f.at.endLine !== f.at.startLine ? `-${f.at.endLine}` : ''}` : ''}`;
  section('Broken references', report.findings.filter((f) => f.group === 'broken'), (f) => [`${place(f)}  ${f.kind}  ${f.reference.path}  (${f.concern.title})`]);
  section('Code changed or gone since the analysis', report.findings.filter((f) => f.group === 'changed' || f.group === 'gone'), (f) => [`${place(f)}  ${f.kind}  ${f.concern.title}${f.concern.category ? ` [${f.concern.category}]` : ''}`, f.message]);
  if (report.since) {
    const touched = report.findings.filter((f) => f.group === 'touched');
    out.push('', `Since ${report.since.rev} (${report.since.commit.slice(0, 12)}): ${touchedSummary(touched)}.`);
    for (const f of touched) {
      out.push(`  ${place(f)}  ${f.concern.title} [${[f.concern.category, f.level].filter(Boolean).join(', ')}]`, `      ${f.message}`);
      if (f.concern.fix) out.push(`      ${f.concern.fix.label}: ${oneLine(f.concern.fix.text)}`);
    }
  }
  out.push('', report.failOn === 'none' ? 'Nothing fails the run (--fail-on none).' : report.failed ? `FAILED: ${report.failing.length} finding${report.failing.length === 1 ? '' : 's'} of --fail-on ${report.failOn}.` : `OK: nothing of --fail-on ${report.failOn} found.`);
  return `${out.join('\n')}\n`;
}

export function checkJson(report: CheckReport): string {
  return `${JSON.stringify(
    {
      root: report.root,
      documents: [...report.documents, ...report.unreadable.map((u) => ({ path: u.path, error: u.reason }))],
      drift: report.drift,
      since: report.since ?? null,
      notes: report.notes,
      failOn: report.failOn,
      failed: report.failed,
      summary: report.since ? touchedSummary(report.findings) : null,
      findings: report.findings.map((f) => ({ ...f, fails: report.failing.includes(f) })),
    },
    null,
    2,
  )}\n`;
}

/** A field's text on one line, capped (the text format is read in a terminal). */
function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
