import * as vscode from 'vscode';
import type { ConcernDiagnosticData } from '../../server/src/core/features/diagnostics';

/** A concern's cited lines in one file (0-based, inclusive), from its diagnostic's data. */
export interface CitedRange {
  documentUri: string;
  concernId: string;
  start: number;
  end: number;
}

/** A thin bar, drawn in the gutter beside every shaded line (a data URI: no file to ship). */
const GUTTER_BAR = vscode.Uri.parse(
  `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><rect x="6" y="0" width="3" height="16" fill="#3794ff" fill-opacity="0.75"/></svg>').toString('base64')}`,
);

/**
 * The whole range a concern cites, shown while it matters: a light whole-line background and a
 * gutter bar on every cited line, while the cursor is inside the range or the concern is
 * selected in the Concerns view. The diagnostic itself marks one line (`concerns.diagnostics.range`
 * `firstLine`); this shows the rest without five squiggled lines per finding.
 *
 * The ranges come with the diagnostics (`data.lines`), caught as the language client receives
 * them, so they are where the server put them, edits since the last save included.
 */
export class CitedRangeShading implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Left,
    gutterIconPath: GUTTER_BAR,
    gutterIconSize: 'contain',
  });
  private readonly byUri = new Map<string, CitedRange[]>();
  /** The concern selected in the Concerns view, shaded in every visible editor. */
  private selected: { documentUri: string; concernId: string } | undefined;
  private readonly disposables: vscode.Disposable[] = [this.decoration];

  constructor() {
    this.disposables.push(
      vscode.window.onDidChangeTextEditorSelection((e) => this.paint(e.textEditor)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.paint(editor))),
    );
  }

  /** The diagnostics the client received for a file: their cited ranges replace the file's. */
  received(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): void {
    const ranges: CitedRange[] = [];
    for (const d of diagnostics) {
      if (d.source !== 'concerns') continue;
      const data = (d as { data?: Partial<ConcernDiagnosticData> }).data;
      if (!data?.lines || typeof data.concernId !== 'string' || typeof data.documentUri !== 'string') continue;
      ranges.push({ documentUri: data.documentUri, concernId: data.concernId, start: data.lines.start, end: data.lines.end });
    }
    const key = uri.toString();
    if (ranges.length > 0) this.byUri.set(key, ranges);
    else this.byUri.delete(key);
    for (const editor of vscode.window.visibleTextEditors) if (editor.document.uri.toString() === key) this.paint(editor);
  }

  /** The concern selected in the view (undefined: none). */
  select(concern: { documentUri: string; concernId: string } | undefined): void {
    this.selected = concern;
    for (const editor of vscode.window.visibleTextEditors) this.paint(editor);
  }

  /** The ranges shaded in an editor now: those holding a cursor, and the selected concern's. */
  shadedIn(editor: vscode.TextEditor): CitedRange[] {
    const ranges = this.byUri.get(editor.document.uri.toString()) ?? [];
    const selected = this.selected;
    const cursorLines = editor.selections.map((s) => s.active.line);
    return ranges.filter(
      (r) => (selected && r.documentUri === selected.documentUri && r.concernId === selected.concernId) || cursorLines.some((line) => line >= r.start && line <= r.end),
    );
  }

  private paint(editor: vscode.TextEditor): void {
    const lastLine = editor.document.lineCount - 1;
    const ranges = this.shadedIn(editor).map((r) => new vscode.Range(Math.min(r.start, lastLine), 0, Math.min(r.end, lastLine), 0));
    editor.setDecorations(this.decoration, ranges);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
