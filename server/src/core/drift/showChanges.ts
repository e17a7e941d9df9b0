/**
 * "Show changes since the analysis": which references offer it, and which file at which commit a
 * request may read. The request comes from the client, so nothing it names is taken on trust: a
 * reference is looked up by its identity, a path and sha must be ones drift itself mapped.
 */
import type { BaselinePathParams, ReferenceParams, ShowChangesArgs } from '../../protocol';
import type { IndexedDocument } from '../features/indexedDocument';
import type { LineRange, LocationState, MappedLocation, ResolvedConcern, ResolvedReference } from '../model';

/** A full commit sha (SHA-1, or SHA-256 in a repository that uses it). */
const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** The states whose code differs from what was written: there is something to compare. */
const SHOWN_STATES: ReadonlySet<string> = new Set(['moved', 'changed', 'gone']);

/** A location drift followed from a known commit. */
export type FollowedLocation = MappedLocation & { state: Exclude<LocationState, 'unknown'>; baseline: string };

/** One whose code moved, changed or went since: there is something to compare. */
export type ShowableLocation = FollowedLocation & { state: 'moved' | 'changed' | 'gone' };

export function offersShowChanges(location: MappedLocation | undefined): location is ShowableLocation {
  return location !== undefined && SHOWN_STATES.has(location.state) && typeof location.baseline === 'string' && FULL_SHA.test(location.baseline);
}

/** The command's arguments for a reference that offers it; undefined otherwise. */
export function showChangesArgs(doc: IndexedDocument, concern: ResolvedConcern, ref: ResolvedReference): ShowChangesArgs | undefined {
  const index = concern.references.indexOf(ref);
  if (index < 0 || !offersShowChanges(ref.location)) return undefined;
  return { documentUri: doc.uri, concernId: concern.id, index };
}

/** What a valid request reads: this path of this folder at this commit, and where its code is now. */
export interface BaselineTarget {
  folderUri: string;
  location: FollowedLocation;
}

export type BaselineTargetResult = BaselineTarget | { error: string };

/** At most this long a path may be (a request naming a longer one is not one drift mapped). */
const MAX_PATH_LENGTH = 4096;

/**
 * The file a request may read, or why not. By identity: the reference must still be in the
 * document and offer the action. By path and sha: the sha must be a full one and the path a plain
 * workspace-relative one that drift mapped at that very commit in that folder.
 */
export function baselineTarget(docs: readonly IndexedDocument[], params: unknown): BaselineTargetResult {
  const p = (typeof params === 'object' && params !== null ? params : {}) as Partial<Record<keyof ReferenceParams | keyof BaselinePathParams, unknown>>;
  if (typeof p.documentUri === 'string' || typeof p.concernId === 'string') return byIdentity(docs, p.documentUri, p.concernId, p.index);
  if (typeof p.folderUri === 'string' || typeof p.path === 'string' || typeof p.baseline === 'string') return byPath(docs, p.folderUri, p.path, p.baseline);
  return { error: 'The request names no reference (documentUri, concernId, index) and no file (folderUri, path, baseline).' };
}

function byIdentity(docs: readonly IndexedDocument[], documentUri: unknown, concernId: unknown, index: unknown): BaselineTargetResult {
  const doc = typeof documentUri === 'string' ? docs.find((d) => d.uri === documentUri) : undefined;
  if (!doc) return { error: 'That concerns document is not indexed (any more).' };
  const concern = typeof concernId === 'string' ? doc.model.concerns.find((c) => c.id === concernId) : undefined;
  if (!concern) return { error: `The concern is no longer in ${doc.path}.` };
  const ref = typeof index === 'number' && Number.isInteger(index) ? concern.references[index] : undefined;
  if (!ref) return { error: `That reference is no longer in the concern "${concern.title}".` };
  const loc = ref.location;
  if (!offersShowChanges(loc)) return { error: `There are no changes to show for ${ref.path}: ${whyNot(loc)}.` };
  return { folderUri: doc.folderUri, location: loc };
}

function byPath(docs: readonly IndexedDocument[], folderUri: unknown, path: unknown, baseline: unknown): BaselineTargetResult {
  if (typeof baseline !== 'string' || !FULL_SHA.test(baseline)) return { error: 'The baseline must be a full commit sha (40 hexadecimal digits; 64 in a SHA-256 repository).' };
  if (typeof path !== 'string' || !isPlainRelativePath(path)) return { error: 'The path must be a workspace-relative path (no "..", no absolute path).' };
  if (typeof folderUri !== 'string') return { error: 'The request names no workspace folder.' };
  for (const doc of docs) {
    if (doc.folderUri !== folderUri) continue;
    for (const concern of doc.model.concerns) {
      for (const ref of concern.references) {
        const loc = ref.location;
        if (loc && loc.state !== 'unknown' && loc.baseline === baseline && loc.writtenPath === path) return { folderUri, location: loc as FollowedLocation };
      }
    }
  }
  return { error: `Drift mapped no reference to ${path} at ${baseline.slice(0, 7)}: only files the concerns documents name, at the commits they were written against, are read.` };
}

/** `a/b.py`: segments that are not empty, `.` or `..`; no backslash, drive, control character. */
export function isPlainRelativePath(path: string): boolean {
  if (path.length === 0 || path.length > MAX_PATH_LENGTH) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(path) || path.startsWith('/') || /^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function whyNot(loc: MappedLocation | undefined): string {
  if (!loc || loc.state === 'unknown') return 'drift does not know the commit it was written against (no git history for it)';
  if (loc.state === 'exact') return 'its code is unchanged since the analysis';
  return 'the commit it was written against is not known';
}

/** Plain `{ start, end }` spans (a `toEnd` range as far as it was known). */
export function spans(ranges: readonly LineRange[]): { start: number; end: number }[] {
  return ranges.map((r) => ({ start: r.start, end: Math.max(r.start, r.end) }));
}
