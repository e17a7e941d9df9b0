import type { ConcernsDocument, ResolvedDocument, ResolvedReference } from '../model';
import type { ReferenceResolver, ResolveOptions } from './resolver';

/** Resolves every reference of a parsed document; unquoted prose that resolves to nothing is dropped. */
export function resolveDocument(doc: ConcernsDocument, resolver: ReferenceResolver, options: ResolveOptions): ResolvedDocument {
  return {
    ...doc,
    concerns: doc.concerns.map((concern) => ({
      ...concern,
      references: concern.references
        .map((ref) => resolver.resolve(ref, options))
        .filter((ref): ref is ResolvedReference => ref !== undefined),
    })),
  };
}
