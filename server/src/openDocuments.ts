import type { Connection, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineShifts } from './core/features/lineShifts';

/**
 * The documents open in the editor, kept from the editor's incremental changes (like
 * TextDocuments), also recording how each edit moved lines, so that a concern's range in an
 * open file follows the code until the file is saved.
 */
export class OpenDocuments {
  private readonly docs = new Map<string, TextDocument>();
  private readonly shifts = new Map<string, LineShifts>();

  constructor(private readonly onChange: (uri: string, kind: 'open' | 'change' | 'close' | 'save') => void) {}

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  /** Line shifts recorded for a file since it was opened or last saved (undefined when none). */
  shiftsOf(uri: string): LineShifts | undefined {
    const s = this.shifts.get(uri);
    return s && !s.isEmpty ? s : undefined;
  }

  /** Forgets a file's shifts: the editor reloaded it from disk, so nothing unsaved is left to follow. */
  clearShifts(uri: string): void {
    this.shifts.delete(uri);
  }

  listen(connection: Connection): void {
    connection.onDidOpenTextDocument((params) => {
      const { uri, languageId, version, text } = params.textDocument;
      this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
      this.shifts.delete(uri);
      this.onChange(uri, 'open');
    });
    connection.onDidChangeTextDocument((params) => {
      const doc = this.docs.get(params.textDocument.uri);
      if (!doc) return;
      const shifts = this.shifts.get(doc.uri) ?? new LineShifts();
      for (const change of params.contentChanges) recordChange(shifts, change);
      this.shifts.set(doc.uri, shifts);
      this.docs.set(doc.uri, TextDocument.update(doc, params.contentChanges, params.textDocument.version));
      this.onChange(doc.uri, 'change');
    });
    connection.onDidSaveTextDocument((params) => {
      // Saved: the file on disk is now the truth; references are resolved against it again.
      this.shifts.delete(params.textDocument.uri);
      this.onChange(params.textDocument.uri, 'save');
    });
    connection.onDidCloseTextDocument((params) => {
      this.docs.delete(params.textDocument.uri);
      this.shifts.delete(params.textDocument.uri);
      this.onChange(params.textDocument.uri, 'close');
    });
  }
}

function recordChange(shifts: LineShifts, change: TextDocumentContentChangeEvent): void {
  // A full-text change (no range) cannot be followed line by line; it is left as is.
  if ('range' in change) shifts.record(change.range, change.text);
}
