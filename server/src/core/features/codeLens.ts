import type { CodeLens } from 'vscode-languageserver-types';
import { Commands, type ConcernCommandArgs } from '../../protocol';
import { PROBLEM_STATUSES } from '../model';
import type { IndexedDocument } from './indexedDocument';

/** Above each concern: what it points at, e.g. `3 files · 2 ranges · 1 missing`. */
export function codeLenses(doc: IndexedDocument): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const concern of doc.model.concerns) {
    const files = new Set(concern.references.flatMap((r) => r.matches));
    const ranges = concern.references.reduce((n, r) => n + r.ranges.length, 0);
    const problems = new Map<string, number>();
    for (const r of concern.references) if (PROBLEM_STATUSES.has(r.status)) problems.set(r.status, (problems.get(r.status) ?? 0) + 1);
    const parts = [`${files.size} file${files.size === 1 ? '' : 's'}`];
    if (ranges > 0) parts.push(`${ranges} range${ranges === 1 ? '' : 's'}`);
    for (const [status, count] of problems) parts.push(`${count} ${status}`);
    if (concern.resolved) parts.push('resolved');
    const args: ConcernCommandArgs = { documentUri: doc.uri, concernId: concern.id };
    lenses.push({ range: concern.titleRange, command: { title: parts.join(' · '), command: Commands.revealInView, arguments: [args] } });
  }
  return lenses;
}
