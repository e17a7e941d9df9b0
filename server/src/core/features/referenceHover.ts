import type { Hover, Position, Range } from 'vscode-languageserver-types';
import { Commands, type ConcernCommandArgs } from '../../protocol';
import { describeLocation } from '../drift/targets';
import type { ResolvedReference } from '../model';
import type { IndexedDocument } from './indexedDocument';
import { commandLink } from './markdownCard';
import { showChangesLink } from './showChangesLink';

/** At most this many lines are previewed (the rest are summarised). */
export const MAX_PREVIEW_LINES = 15;

/** Reads lines [start, end] (1-based, inclusive) of a workspace file; undefined for binaries or unreadable files. */
export type LineReader = (folderUri: string, path: string, start: number, end: number) => string[] | undefined;

const STATUS_TEXT: Record<string, string> = {
  ok: '✓ found',
  missing: '⚠ missing: no such path in the workspace',
  'out-of-range': '⚠ out of range: the file is shorter than the lines named',
  'no-match': '⚠ no file matches this pattern',
  ambiguous: '? ambiguous: several files have this name',
  proposed: '✎ proposed: a file the fix approach would create',
  'outside-workspace': '⛔ outside the workspace: never read',
};

/** A name found only outside the document's project (`client/.env.example` for `server/`'s document). */
const ONE_ELSEWHERE_TEXT = "? ambiguous: not in this document's project; a file of this name is elsewhere in the workspace";

/** A missing file the document itself says is not there: no broken reference. */
const SAID_ABSENT_TEXT = '✎ not there: the document says this file does not exist (yet)';

const DRIFT_ICON = { exact: '📍', moved: '↕️', changed: '✏️', gone: '🗑️', unknown: '❔' } as const;

export function referenceAt(doc: IndexedDocument, position: Position): ResolvedReference | undefined {
  for (const concern of doc.model.concerns) {
    if (!contains(concern.range, position) && !contains(concern.titleRange, position)) continue;
    for (const ref of concern.references) if (contains(ref.range, position)) return ref;
  }
  // A reference several concerns share stands outside each (`- Files for all of the above: …`).
  for (const concern of doc.model.concerns) for (const ref of concern.references) if (contains(ref.range, position)) return ref;
  return undefined;
}

/** A hover on a reference in the document: its status, and a preview of the lines it names. */
export function referenceHover(doc: IndexedDocument, position: Position, read: LineReader): Hover | null {
  const ref = referenceAt(doc, position);
  if (!ref) return null;
  const status =
    ref.status === 'proposed' && ref.saidAbsent === true && !ref.inFixField
      ? SAID_ABSENT_TEXT
      : ref.status === 'ambiguous' && ref.candidates?.length === 1
        ? ONE_ELSEWHERE_TEXT
        : (STATUS_TEXT[ref.status] ?? ref.status);
  const lines: string[] = [`**${ref.path}** — ${status}`];
  // Drift: where the lines were written and where they are now; the preview shows them now.
  // Unknown only when drift can say why (a shallow clone, an object missing): never silent about it.
  const loc = ref.location && (ref.location.state !== 'unknown' || ref.location.note) ? ref.location : undefined;
  const drifted = loc && (loc.state === 'moved' || loc.state === 'changed') ? loc : undefined;
  if (loc) {
    const text = describeLocation(loc);
    lines.push('', `${DRIFT_ICON[loc.state]} ${text.charAt(0).toUpperCase()}${text.slice(1)}.`);
    const concern = doc.model.concerns.find((c) => c.references.includes(ref));
    if (concern && loc.state === 'changed' && !concern.resolved) {
      const args: ConcernCommandArgs = { documentUri: doc.uri, concernId: concern.id };
      lines.push('', `Review the code, then ${commandLink('Mark concern resolved', Commands.markResolved, args)}`);
    }
    const changes = concern ? showChangesLink(doc, concern, ref) : '';
    if (changes) lines.push('', changes);
  }
  if (ref.kind === 'glob' || ref.kind === 'directory' || ref.status === 'ambiguous') {
    const list = ref.matches.length > 0 ? ref.matches : (ref.candidates ?? []);
    if (list.length > 0) {
      lines.push('', ...list.slice(0, 20).map((m) => `- \`${m}\``));
      if (list.length > 20) lines.push(`- … and ${list.length - 20} more`);
    }
  } else if ((ref.status === 'ok' || ref.status === 'out-of-range') && !drifted?.onFile) {
    // (Code edited past recognition has no lines to preview: the ones at the written numbers are other code.)
    const path = drifted ? drifted.path : ref.matches[0];
    if (path !== undefined) {
      const ranges = drifted ? drifted.ranges : ref.ranges;
      const first = ranges[0];
      const start = first ? first.start : 1;
      const wanted = first ? (first.toEnd ? start + MAX_PREVIEW_LINES - 1 : Math.max(first.start, first.end)) : MAX_PREVIEW_LINES;
      const end = Math.min(wanted, start + MAX_PREVIEW_LINES - 1);
      const text = read(ref.matches.length > 0 ? doc.folderUri : '', path, start, end);
      if (text === undefined) lines.push('', '_No preview: the file is binary or cannot be read._');
      else if (text.length > 0) {
        const fence = text.some((l) => l.includes('```')) ? '~~~~' : '```';
        lines.push('', `Lines ${start}–${start + text.length - 1}${wanted > end ? ` (of ${start}–${wanted})` : ''}${drifted ? ' now' : ''}:`, '', `${fence}${languageOf(path)}`, ...text, fence);
      }
      if (ranges.length > 1) lines.push('', `Also: lines ${ranges.slice(1).map((r) => (r.start === r.end ? `${r.start}` : `${r.start}–${r.toEnd ? 'end' : r.end}`)).join(', ')}`);
    }
  }
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: ref.range };
}

function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

const LANGUAGES: Record<string, string> = { ts: 'typescript', tsx: 'tsx', js: 'javascript', jsx: 'jsx', mjs: 'javascript', cjs: 'javascript', py: 'python', go: 'go', rs: 'rust', rb: 'ruby', java: 'java', kt: 'kotlin', swift: 'swift', cs: 'csharp', cpp: 'cpp', c: 'c', h: 'c', php: 'php', sql: 'sql', sh: 'bash', yml: 'yaml', yaml: 'yaml', json: 'json', md: 'markdown', html: 'html', css: 'css', scss: 'scss', vue: 'vue', toml: 'toml' };

function languageOf(path: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return LANGUAGES[ext] ?? '';
}
