import type { Range } from 'vscode-languageserver-types';

/**
 * Where lines of a file are now, after edits made in the editor since the index was built:
 * insert three lines above a referenced range and its diagnostic moves down three. A pure
 * record of edits; the adapter feeds it the editor's content changes and drops it on save.
 */
export class LineShifts {
  /** Edits in the order they happened: lines from `line` on (0-based) moved by `delta`. */
  private readonly edits: { startLine: number; endLine: number; delta: number }[] = [];

  get isEmpty(): boolean {
    return this.edits.length === 0;
  }

  /** Records an editor change: `range` replaced by `text`. */
  record(range: Range, text: string): void {
    const removed = range.end.line - range.start.line;
    let added = 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) added++;
    if (added === removed) return;
    this.edits.push({ startLine: range.start.line, endLine: range.end.line, delta: added - removed });
  }

  /** The current line of a line as it was when the index was built. */
  map(line: number): number {
    let current = line;
    for (const edit of this.edits) {
      if (current > edit.endLine) {
        // After the edited span: moves with the lines added or removed.
        current += edit.delta;
      } else if (current > edit.startLine) {
        // Inside it: a line that no longer exists lands on the last line of the new text.
        const newEnd = edit.endLine + edit.delta;
        if (current > newEnd) current = Math.max(edit.startLine, newEnd);
      }
    }
    return Math.max(0, current);
  }

  /** The original line of a current line (for hovers at a position in the edited file). */
  unmap(line: number): number {
    let current = line;
    for (let i = this.edits.length - 1; i >= 0; i--) {
      const edit = this.edits[i]!;
      if (current > edit.endLine + edit.delta) current -= edit.delta;
    }
    return Math.max(0, current);
  }
}
