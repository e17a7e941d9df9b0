import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { PROBLEM_STATUSES, type ResolvedReference } from '../model';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { IndexedDocument } from './indexedDocument';
import { referencesOncePerPlace } from './placeKey';

/** Diagnostics inside the concerns document: broken references and what the parser noted. */
export function documentDiagnostics(doc: IndexedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const note of doc.model.notes) {
    out.push({
      range: note.range,
      severity: note.severity === 'error' ? DiagnosticSeverity.Error : note.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      message: note.message,
    });
  }
  // A reference several concerns share (`- Files for all of the above: …`) stands once in the
  // text: it is warned about once, for the first of them.
  for (const [concern, ref] of referencesOncePerPlace(doc.model.concerns)) {
    if (ref.status === 'outside-workspace') {
      // Not a problem to fix, but the document should say why the reference leads nowhere.
      out.push({
        range: ref.range,
        severity: DiagnosticSeverity.Information,
        source: DIAGNOSTIC_SOURCE,
        code: ref.status,
        message: `${ref.path}: outside the workspace: never read`,
        data: { concernId: concern.id, path: ref.path },
      });
      continue;
    }
    if (!PROBLEM_STATUSES.has(ref.status)) continue;
    // One truth: a file renamed or lines moved since, which drift followed, is not "missing"
    // or "out of range": the drift diagnostic says where it is now (with the Update fix), or
    // that it is gone.
    if (driftFollowed(ref)) continue;
    out.push({
      range: ref.range,
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      code: ref.status,
      message: brokenMessage(ref),
      data: { concernId: concern.id, path: ref.path },
    });
  }
  return out;
}

/** Whether drift knows where a broken-looking reference's code went (moved, changed or gone, not unknown). */
function driftFollowed(ref: ResolvedReference): boolean {
  const state = ref.location?.state;
  return (ref.status === 'missing' || ref.status === 'out-of-range') && (state === 'moved' || state === 'changed' || state === 'gone');
}

function brokenMessage(ref: ResolvedReference): string {
  switch (ref.status) {
    case 'missing':
      return `${ref.kind === 'directory' ? 'Directory' : 'File'} not found in the workspace: ${ref.path}`;
    case 'no-match':
      return `No file in the workspace matches ${ref.path}`;
    case 'out-of-range': {
      const last = ref.ranges.reduce((max, r) => Math.max(max, r.end), 0);
      return `${ref.path} has fewer than ${last} lines: the referenced lines are past its end`;
    }
    default:
      return `${ref.path}: ${ref.status}`;
  }
}
