import { PROBLEM_STATUSES, type ResolvedDocument } from '../model';

/** The readable summary of `concerns index`: per document, categories, statuses, problems. */
export function summaryText(path: string, doc: ResolvedDocument): string {
  const lines: string[] = [];
  const refs = doc.concerns.flatMap((c) => c.references.map((r) => ({ concern: c, ref: r })));
  const resolved = doc.concerns.filter((c) => c.resolved).length;
  lines.push(`${path}${doc.analysisDate ? ` (analysed ${doc.analysisDate}${doc.commit ? ` at ${doc.commit}` : ''})` : ''}`);
  lines.push(`  ${doc.concerns.length} concerns (${resolved} resolved), ${refs.length} references`);
  const byCategory = countBy(doc.concerns.map((c) => c.category));
  for (const [category, count] of byCategory) lines.push(`    ${String(count).padStart(4)}  ${category || '(no category)'}`);
  const byStatus = countBy(refs.map((r) => r.ref.status));
  if (byStatus.size > 0) lines.push(`  references: ${[...byStatus].map(([s, n]) => `${n} ${s}`).join(', ')}`);
  const problems = refs.filter((r) => PROBLEM_STATUSES.has(r.ref.status));
  if (problems.length > 0) {
    lines.push('  problems:');
    for (const { concern, ref } of problems) lines.push(`    ${path}:${ref.range.start.line + 1}  ${ref.status}  ${ref.path}  (${concern.title})`);
  }
  for (const note of doc.notes) lines.push(`  note: ${path}:${note.range.start.line + 1}  ${note.message}`);
  return lines.join('\n');
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
