import type { Concern } from '../model';

/**
 * Whether two parsed concerns say exactly the same thing at the same place: every property,
 * deeply. A keystroke re-reads the section it falls in, which makes new objects for all of the
 * section's concerns; the ones the edit did not change are recognised by this and keep what was
 * built from them (resolution, diagnostics), so only the edited concern costs anything.
 */
export function sameConcern(a: Concern, b: Concern): boolean {
  return a === b || sameValue(a, b);
}

/** Deep equality of JSON-like values (plain objects, arrays, primitives). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const key of keys) if (!Object.prototype.hasOwnProperty.call(y, key) || !sameValue(x[key], y[key])) return false;
  return true;
}
