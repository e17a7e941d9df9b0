import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';
import { Commands, type ConcernCommandArgs } from '../../protocol';
import { showChangesArgs } from '../drift/showChanges';
import type { ResolvedConcern, ResolvedReference } from '../model';
import type { IndexedDocument } from './indexedDocument';
import { plainTitle } from './plainText';
import { fixField } from './tree';

/** The data the server puts on each concern diagnostic, so code actions can find the concern. */
export interface ConcernDiagnosticData {
  concernId: string;
  documentUri: string;
}

export function isConcernDiagnosticData(data: unknown): data is ConcernDiagnosticData {
  const d = data as Partial<ConcernDiagnosticData> | undefined;
  return typeof d?.concernId === 'string' && typeof d.documentUri === 'string';
}

/**
 * Quick fixes on a concern diagnostic in code: go to its fix approach, reveal it in the view,
 * mark it resolved (an edit to the document against the version it was computed on), copy it.
 */
export function concernActions(
  diagnostic: Diagnostic,
  doc: IndexedDocument,
  documentVersion: number | null,
  resolvedEdit: TextEdit | undefined,
): CodeAction[] {
  if (!isConcernDiagnosticData(diagnostic.data)) return [];
  const concern = doc.model.concerns.find((c) => c.id === (diagnostic.data as ConcernDiagnosticData).concernId);
  if (!concern) return [];
  const args: ConcernCommandArgs = { documentUri: doc.uri, concernId: concern.id };
  const title = plainTitle(concern.title);
  const actions: CodeAction[] = [];
  const fix = fixField(concern);
  if (fix) {
    actions.push({
      title: `Go to fix approach: ${title}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      command: { title: 'Go to fix approach', command: Commands.goToFixApproach, arguments: [args] },
    });
  }
  actions.push({
    title: `Reveal in Concerns view: ${title}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: 'Reveal in Concerns view', command: Commands.revealInView, arguments: [args] },
  });
  if (resolvedEdit) {
    actions.push({
      title: `Mark concern resolved: ${title}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { documentChanges: [{ textDocument: { uri: doc.uri, version: documentVersion }, edits: [resolvedEdit] }] },
    });
  }
  actions.push({
    title: `Copy concern as markdown: ${title}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: 'Copy concern as markdown', command: Commands.copyConcern, arguments: [args] },
  });
  return actions;
}

/**
 * "Show changes since the analysis" on a concern diagnostic in code: for the first of the
 * concern's references on the diagnostic's lines whose code moved or changed since a known commit.
 */
export function showChangesAction(diagnostic: Diagnostic, doc: IndexedDocument, concern: ResolvedConcern, references: readonly ResolvedReference[]): CodeAction | undefined {
  for (const ref of references) {
    const args = showChangesArgs(doc, concern, ref);
    if (!args) continue;
    return {
      title: `Show changes since the analysis: ${ref.location?.writtenPath ?? ref.path}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      command: { title: 'Show changes since the analysis', command: Commands.showChanges, arguments: [args] },
    };
  }
  return undefined;
}

/** Quick fixes on a broken reference in the document: replace it with a path that exists. */
export function brokenReferenceActions(diagnostic: Diagnostic, documentUri: string, documentVersion: number | null, brokenPath: string, candidates: string[], referenceText: string): CodeAction[] {
  return candidates.map((candidate, i) => ({
    title: `Change to ${candidate}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: i === 0,
    edit: {
      documentChanges: [
        { textDocument: { uri: documentUri, version: documentVersion }, edits: [{ range: diagnostic.range, newText: referenceText.replace(brokenPath, candidate) }] },
      ],
    },
  }));
}
