import type { TreeReference } from '../../../server/src/protocol';

/** A row under a concern in the view: a reference, or several naming the same file. */
export interface ReferenceRow {
  reference: TreeReference;
  /** The place of its first reference among the concern's (to ask the server for all its files). */
  index: number;
}

/**
 * The rows under a concern: one per file it names. Documents name a file in several fields of one
 * concern (`Files:` and again in `Impact:`, once with lines and once without); the view shows it
 * once, with every line range written. A whole-file mention adds nothing beside the lines, as in
 * the diagnostics. References whose code drifted keep their own rows: each has its own place now
 * and its own changes to show.
 */
export function referenceRows(references: readonly TreeReference[]): ReferenceRow[] {
  const rows: (ReferenceRow & { texts: string[] })[] = [];
  references.forEach((reference, index) => {
    const row = rows.find((r) => mergeable(r.reference, reference));
    if (!row) rows.push({ reference, index, texts: [reference.text] });
    else {
      row.reference = { ...row.reference, ranges: mergedRanges(row.reference.ranges, reference.ranges) };
      if (!row.texts.includes(reference.text)) row.texts.push(reference.text);
    }
  });
  // The tooltip says what was written, every way it was.
  return rows.map(({ reference, index, texts }) => ({ reference: texts.length > 1 ? { ...reference, text: texts.join(', ') } : reference, index }));
}

/** Nothing drift has to say of it: no state, `exact`, or `unknown` without a reason. */
const plain = (r: TreeReference): boolean => !r.showChanges && !r.currentPath && !r.driftNote && (r.state === undefined || r.state === 'exact' || r.state === 'unknown');

function mergeable(a: TreeReference, b: TreeReference): boolean {
  if (a.kind !== b.kind || a.path !== b.path || a.status !== b.status || a.targetCount !== b.targetCount) return false;
  if (a.targets[0] !== b.targets[0]) return false;
  return plain(a) && plain(b) && (a.state ?? 'exact') === (b.state ?? 'exact');
}

function mergedRanges(a: TreeReference['ranges'], b: TreeReference['ranges']): TreeReference['ranges'] {
  const ranges = [...a];
  for (const r of b) if (!ranges.some((x) => x.start === r.start && x.end === r.end)) ranges.push({ start: r.start, end: r.end });
  return ranges.sort((x, y) => x.start - y.start || x.end - y.end);
}
