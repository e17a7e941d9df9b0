/**
 * What the features read of drift: where a reference's code is now (mapped when known, as
 * written otherwise), its state, and one line saying where it was written and where it is.
 */
import type { LineRange, LocationState, MappedLocation, ResolvedConcern, ResolvedReference } from '../model';

/** How a cause of `unknown` for want of history starts (`history not available: shallow clone`). */
export const HISTORY_NOT_AVAILABLE = 'history not available';
/** What gets the history: the extension itself never runs a network command. */
export const UNSHALLOW_HINT = '`git fetch --unshallow` gets it';

/** The files and lines a reference points at now; undefined when drift is unknown (use what was written). */
export function currentTargets(ref: ResolvedReference): { path: string; ranges: LineRange[] }[] | undefined {
  const loc = ref.location;
  if (!loc || loc.state === 'unknown') return undefined;
  if (loc.state === 'gone') return [];
  return [{ path: loc.path, ranges: loc.ranges }];
}

export function locationState(ref: ResolvedReference): LocationState {
  return ref.location?.state ?? 'unknown';
}

const RANK: Record<LocationState, number> = { unknown: 0, exact: 1, moved: 2, changed: 3, gone: 4 };

/** The most telling state among a concern's references (gone > changed > moved > exact); undefined when none is known. */
export function concernDriftState(concern: ResolvedConcern): LocationState | undefined {
  let worst: LocationState | undefined;
  for (const ref of concern.references) {
    const state = ref.location?.state;
    if (!state || state === 'unknown') continue;
    if (!worst || RANK[state] > RANK[worst]) worst = state;
  }
  return worst;
}

export function formatRanges(ranges: readonly LineRange[]): string {
  if (ranges.length === 0) return 'the whole file';
  const parts = ranges.map((r) => (r.toEnd ? `${r.start}–end` : r.start === r.end ? `${r.start}` : `${r.start}-${r.end}`));
  const plural = ranges.length > 1 || (ranges[0] && (ranges[0].toEnd || ranges[0].start !== ranges[0].end));
  return `${plural ? 'lines' : 'line'} ${parts.join(', ')}`;
}

export function shortSha(sha: string | undefined): string {
  return sha ? sha.slice(0, 7) : 'unknown commit';
}

/** "written at lines 83-98 of a.py (abc1234), now lines 90-105 (moved)". */
export function describeLocation(loc: MappedLocation): string {
  const written = `${formatRanges(loc.writtenRanges)} of ${loc.writtenPath} (${shortSha(loc.baseline)})`;
  switch (loc.state) {
    case 'exact':
      return `written at ${written}, unchanged`;
    case 'gone':
      return `written at ${written}, gone${loc.note ? `: ${loc.note}` : ''}`;
    case 'unknown':
      return `written at ${written}; where it is now is unknown${loc.note ? `: ${loc.note}` : ''}`;
    default: {
      if (loc.onFile) return `written at ${written}, changed since: those lines are no longer recognisable in ${loc.path} (shown on the file as a whole)`;
      const where = loc.path === loc.writtenPath ? formatRanges(loc.ranges) : `${formatRanges(loc.ranges)} of ${loc.path}`;
      return `written at ${written}, now ${where} (${loc.state === 'moved' ? 'moved' : 'changed since: the concern may have been dealt with'})`;
    }
  }
}
