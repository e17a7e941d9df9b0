import type { Diagnostic } from 'vscode-languageserver-types';

/**
 * Whether two diagnostic lists would look the same to the editor. A field-by-field comparison:
 * on every keystroke thousands of files are checked, and serialising each list to compare it
 * was the most expensive step of a re-index.
 */
export function sameDiagnostics(a: readonly Diagnostic[] | undefined, b: readonly Diagnostic[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (
      x.range.start.line !== y.range.start.line ||
      x.range.start.character !== y.range.start.character ||
      x.range.end.line !== y.range.end.line ||
      x.range.end.character !== y.range.end.character ||
      x.message !== y.message ||
      x.severity !== y.severity ||
      x.code !== y.code ||
      x.source !== y.source ||
      x.codeDescription?.href !== y.codeDescription?.href ||
      x.tags?.join() !== y.tags?.join() ||
      !sameRelated(x, y) ||
      !sameData(x.data, y.data)
    ) {
      return false;
    }
  }
  return true;
}

function sameRelated(x: Diagnostic, y: Diagnostic): boolean {
  const a = x.relatedInformation ?? [];
  const b = y.relatedInformation ?? [];
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((r, i) => {
    const o = b[i]!;
    return r.message === o.message && r.location.uri === o.location.uri && r.location.range.start.line === o.location.range.start.line && r.location.range.start.character === o.location.range.start.character && r.location.range.end.line === o.location.range.end.line && r.location.range.end.character === o.location.range.end.character;
  });
}

/** `data` is small and flat (ids, paths): compared by its own keys. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => {
    const va = (a as Record<string, unknown>)[k];
    const vb = (b as Record<string, unknown>)[k];
    return va === vb || (typeof va === 'object' && typeof vb === 'object' && JSON.stringify(va) === JSON.stringify(vb));
  });
}
