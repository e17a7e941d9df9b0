import type { Concern, ConcernsDocument, ResolvedConcern, ResolvedDocument, ResolvedReference } from '../model';
import { sameConcern } from '../parse/sameConcern';
import type { ReferenceResolver, ResolveOptions } from './resolver';

/**
 * Resolves every reference of a parsed document; unquoted prose that resolves to nothing is
 * dropped. `reuse` maps parsed concerns to what they resolved to before: while the workspace's
 * files are the same, a concern the parse handed back unchanged (the same object, see
 * parse/sections.ts) keeps its resolved self, drift included.
 */
export function resolveDocument(doc: ConcernsDocument, resolver: ReferenceResolver, options: ResolveOptions, reuse?: ReadonlyMap<Concern, ResolvedConcern>): ResolvedDocument {
  return { ...doc, concerns: doc.concerns.map((concern) => reuse?.get(concern) ?? resolveConcern(concern, resolver, options)) };
}

function resolveConcern(concern: Concern, resolver: ReferenceResolver, options: ResolveOptions): ResolvedConcern {
  return {
    ...concern,
    references: concern.references.map((ref) => resolver.resolve(ref, options)).filter((ref): ref is ResolvedReference => ref !== undefined),
  };
}

/**
 * What the new parse may take over from the last pass: each concern the parse handed back as the
 * same object, or written exactly as before (the untouched concerns of an edited section), maps
 * to what it resolved to then. `before` and `model` are index-aligned.
 */
export function reusableConcerns(before: ConcernsDocument, model: ResolvedDocument, parsed: ConcernsDocument): Map<Concern, ResolvedConcern> {
  const reuse = new Map<Concern, ResolvedConcern>();
  const now = new Set(parsed.concerns);
  const replaced = new Map<string, { concern: Concern; resolved: ResolvedConcern }>();
  before.concerns.forEach((concern, i) => {
    const resolved = model.concerns[i];
    if (!resolved) return;
    if (now.has(concern)) reuse.set(concern, resolved);
    else replaced.set(concern.id, { concern, resolved });
  });
  if (replaced.size === 0) return reuse;
  for (const concern of parsed.concerns) {
    if (reuse.has(concern)) continue;
    const old = replaced.get(concern.id);
    if (old && sameConcern(old.concern, concern)) reuse.set(concern, old.resolved);
  }
  return reuse;
}
