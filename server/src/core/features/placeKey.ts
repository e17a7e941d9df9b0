import type { Range } from 'vscode-languageserver-types';
import type { ResolvedConcern, ResolvedReference } from '../model';

/**
 * Where a reference is written, as a key: a reference several concerns share (`- Files for all
 * of the above: …`) stands once in the text, so what is said or done there is said or done once.
 */
export function placeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
}

/** Each concern's references in order, a place written once given only with the first concern naming it. */
export function* referencesOncePerPlace(concerns: readonly ResolvedConcern[]): Generator<[ResolvedConcern, ResolvedReference]> {
  const seen = new Set<string>();
  for (const concern of concerns) {
    for (const ref of concern.references) {
      const key = placeKey(ref.range);
      if (seen.has(key)) continue;
      seen.add(key);
      yield [concern, ref];
    }
  }
}
