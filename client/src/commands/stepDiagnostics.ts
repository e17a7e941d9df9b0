import * as vscode from 'vscode';

/**
 * `concerns.nextConcern` / `concerns.previousConcern`: moves the cursor to the next (previous)
 * concern diagnostic of the active editor, wrapping around at the end (start).
 */
export function stepConcern(direction: 1 | -1): void {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  const starts = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === 'concerns')
    .map((d) => d.range.start)
    .sort((a, b) => a.compareTo(b));
  // Several diagnostics starting at one place are one stop.
  const stops = starts.filter((p, i) => i === 0 || !p.isEqual(starts[i - 1]!));
  if (stops.length === 0) {
    void vscode.window.showInformationMessage('Concerns: no concern in this file.');
    return;
  }
  const cursor = editor.selection.active;
  const target = direction === 1 ? (stops.find((p) => p.isAfter(cursor)) ?? stops[0]!) : ([...stops].reverse().find((p) => p.isBefore(cursor)) ?? stops[stops.length - 1]!);
  editor.selection = new vscode.Selection(target, target);
  editor.revealRange(new vscode.Range(target, target), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
