import type { Concern, ConcernsDocument, ResolvedConcern, ResolvedDocument, ResolvedReference } from '../model';
import { sameConcern } from '../parse/sameConcern';
import type { ReferenceResolver, ResolveOptions } from './resolver';

/**
 * Resolves every reference of a parsed document; unquoted prose that resolves to nothing is
 * dropped. `previous` maps parsed concerns to what they resolved to last pass (see
 * `reusableConcerns`): a concern found there keeps that very object, drift included — at once
 * while the workspace's files are the same (`filesChanged` false), else when its references
 * resolve exactly as before (a file event re-resolves everything, but only the concerns whose
 * references it changed become new objects, so only their diagnostics are built again).
 */
export function resolveDocument(
  doc: ConcernsDocument,
  resolver: ReferenceResolver,
  options: ResolveOptions,
  previous?: ReadonlyMap<Concern, ResolvedConcern>,
  filesChanged = false,
): ResolvedDocument {
  return {
    ...doc,
    concerns: doc.concerns.map((concern) => {
      const before = previous?.get(concern);
      if (before && !filesChanged) return before;
      const resolved = resolveConcern(concern, resolver, options);
      return before && sameResolution(before.references, resolved.references) ? before : resolved;
    }),
  };
}

/** The same references with the same outcomes (status, files, candidates); drift aside. */
function sameResolution(a: readonly ResolvedReference[], b: readonly ResolvedReference[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.text !== y.text || x.status !== y.status || x.truncated !== y.truncated || !sameList(x.matches, y.matches) || !sameList(x.candidates, y.candidates)) return false;
  }
  return true;
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function resolveConcern(concern: Concern, resolver: ReferenceResolver, options: ResolveOptions): ResolvedConcern {
  const references = concern.references.map((ref) => resolver.resolve(ref, options)).filter((ref): ref is ResolvedReference => ref !== undefined);
  return { ...concern, references: shortNamesOfOwnFiles(references, resolver, options) };
}

/**
 * `picture_process.cpp:474` in a concern whose Files field names `src/picture/picture_process.cpp`:
 * a short name several files carry is the one of them the concern itself names in full, which
 * is no guess. With none or several of its candidates named there, it stays ambiguous.
 */
function shortNamesOfOwnFiles(refs: ResolvedReference[], resolver: ReferenceResolver, options: ResolveOptions): ResolvedReference[] {
  if (!refs.some((r) => r.status === 'ambiguous')) return refs;
  const named = new Set(refs.filter((r) => (r.status === 'ok' || r.status === 'out-of-range') && r.kind === 'file').flatMap((r) => r.matches));
  if (named.size === 0) return refs;
  return refs.map((ref) => {
    if (ref.status !== 'ambiguous') return ref;
    const own = (ref.candidates ?? []).filter((c) => named.has(c));
    if (own.length !== 1) return ref;
    const { status: _status, matches: _matches, candidates: _candidates, truncated: _truncated, location: _location, ...written } = ref;
    const again = resolver.resolve({ ...written, path: own[0]! }, options);
    // (The path and text stay as written: only what they resolve to is now known.)
    return again && again.matches.length === 1 && again.matches[0] === own[0] ? { ...again, path: ref.path, text: ref.text } : ref;
  });
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
