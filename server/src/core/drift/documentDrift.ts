/**
 * Drift in the concerns document itself: a diagnostic on each reference whose code is gone
 * (and a hint on the ones that moved or changed), a code lens and quick fixes "Update line
 * numbers" that rewrite references to where their code is now, as one versioned edit.
 */
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type CodeLens, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { ServerCommands, type UpdateLineNumbersArgs } from '../../protocol';
import type { IndexedDocument } from '../features/indexedDocument';
import { describeLocation, formatRanges } from './targets';
import { isOutdated, leftAsWritten, sameRanges, updateLineNumbersEdits, updateSummary } from './updateLines';
import { referencesOncePerPlace } from '../features/placeKey';

export const DRIFT_SOURCE = 'concerns';

/**
 * Diagnostics on drifted references: gone warns; moved is a hint saying where the code is now
 * (with the Update fix); changed is a hint (to review, not rewritten) where the reference no
 * longer reads as written (its file renamed, its lines elsewhere or past recognition).
 */
export function driftDiagnostics(doc: IndexedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  // A place several concerns share is said about once (see `referencesOncePerPlace`).
  for (const [concern, ref] of referencesOncePerPlace(doc.model.concerns)) {
    const loc = ref.location;
    if (!loc) continue;
    const text = describeLocation(loc);
    if (loc.state === 'gone' && !concern.resolved) {
      out.push({ range: ref.range, severity: DiagnosticSeverity.Warning, source: DRIFT_SOURCE, code: 'gone', message: `The referenced code is gone: ${text}.`, data: { drift: 'gone', concernId: concern.id } });
    } else if (isOutdated(ref)) {
      const where = `\`${loc.path}\`${loc.ranges.length > 0 ? ` ${formatRanges(loc.ranges)}` : ''}`;
      out.push({
        range: ref.range,
        severity: DiagnosticSeverity.Hint,
        source: DRIFT_SOURCE,
        code: 'moved',
        message: `Now at ${where}: the referenced code moved (${text}).`,
        data: { drift: 'moved', concernId: concern.id },
      });
    } else if (loc.state === 'changed' && (loc.onFile || loc.path !== loc.writtenPath || !sameRanges(loc.ranges, loc.writtenRanges))) {
      out.push({ range: ref.range, severity: DiagnosticSeverity.Hint, source: DRIFT_SOURCE, code: 'changed', message: `The referenced code changed: ${text}.`, data: { drift: 'changed', concernId: concern.id } });
    }
  }
  return out;
}

function outdatedConcerns(doc: IndexedDocument) {
  return doc.model.concerns.filter((c) => c.references.some(isOutdated));
}

/** "Update line numbers" above each concern whose references drifted, and once for the whole document. */
export function driftCodeLenses(doc: IndexedDocument): CodeLens[] {
  const concerns = outdatedConcerns(doc);
  if (concerns.length === 0) return [];
  const lenses: CodeLens[] = [];
  const all = concerns.reduce((n, c) => n + c.references.filter(isOutdated).length, 0);
  const top: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const allArgs: UpdateLineNumbersArgs = { documentUri: doc.uri };
  lenses.push({ range: top, command: { title: `Update all line numbers (${all} reference${all === 1 ? '' : 's'} drifted)`, command: ServerCommands.updateLineNumbers, arguments: [allArgs] } });
  for (const concern of concerns) {
    const n = concern.references.filter(isOutdated).length;
    const args: UpdateLineNumbersArgs = { documentUri: doc.uri, concernId: concern.id };
    lenses.push({ range: concern.titleRange, command: { title: `Update line numbers (${n})`, command: ServerCommands.updateLineNumbers, arguments: [args] } });
  }
  return lenses;
}

/** The versioned edit of "Update line numbers" for one concern, or all when `concernId` is absent. */
export function updateLineNumbersEdit(doc: IndexedDocument, version: number | null, concernId?: string) {
  const edits = updateLineNumbersEdits(concernsOf(doc, concernId), doc.root);
  if (edits.length === 0) return undefined;
  return { documentChanges: [{ textDocument: { uri: doc.uri, version }, edits }] };
}

function concernsOf(doc: IndexedDocument, concernId: string | undefined) {
  return concernId === undefined ? doc.model.concerns : doc.model.concerns.filter((c) => c.id === concernId);
}

/** What "Update line numbers" did and left, for the message after it; undefined when it left nothing to say. */
export function updateLineNumbersSummary(doc: IndexedDocument, concernId?: string): string | undefined {
  const concerns = concernsOf(doc, concernId);
  const left = leftAsWritten(concerns);
  if (left.changed + left.gone + left.unknown === 0) return undefined;
  return updateSummary(updateLineNumbersEdits(concerns, doc.root).length, left);
}

/** Quick fixes in the document where the range touches a drifted reference. */
export function driftCodeActions(doc: IndexedDocument, range: Range, version: number | null, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const touches = (r: Range) => !(r.end.line < range.start.line || r.start.line > range.end.line);
  const concern = doc.model.concerns.find((c) => c.references.some((ref) => isOutdated(ref) && touches(ref.range)));
  if (!concern) return [];
  const related = diagnostics.filter((d) => (d.data as { drift?: string } | undefined)?.drift !== undefined);
  const actions: CodeAction[] = [];
  const one = updateLineNumbersEdit(doc, version, concern.id);
  if (one) actions.push({ title: `Update line numbers: ${concern.title}`, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: related, edit: one });
  const all = updateLineNumbersEdit(doc, version);
  if (all && outdatedConcerns(doc).length > 1) actions.push({ title: 'Update all line numbers in this document', kind: CodeActionKind.QuickFix, diagnostics: related, edit: all });
  return actions;
}
