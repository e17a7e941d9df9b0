import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { PROBLEM_STATUSES, type ResolvedReference } from '../model';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { IndexedDocument } from './indexedDocument';

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
  for (const concern of doc.model.concerns) {
    for (const ref of concern.references) {
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
      out.push({
        range: ref.range,
        severity: DiagnosticSeverity.Warning,
        source: DIAGNOSTIC_SOURCE,
        code: ref.status,
        message: brokenMessage(ref),
        data: { concernId: concern.id, path: ref.path },
      });
    }
  }
  return out;
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
