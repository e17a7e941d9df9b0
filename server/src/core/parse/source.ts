import type { Position, Range } from 'vscode-languageserver-types';

/**
 * The text of a document with a line index, so that offsets found anywhere in the pipeline
 * (mdast positions, extractor offsets) turn into LSP positions in O(log n).
 */
export class SourceText {
  private readonly lineStarts: number[];

  constructor(readonly text: string) {
    this.lineStarts = [0];
    if (!text.includes('\r')) {
      // The usual case, found natively: a document of a million characters in a millisecond.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) this.lineStarts.push(i + 1);
      else if (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: clamped - (this.lineStarts[low] ?? 0) };
  }

  /** The offset of an LSP position (clamped to its line and to the text). */
  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.lineStarts.length - 1));
    const start = this.lineStarts[line] ?? 0;
    const next = this.lineStarts[line + 1] ?? this.text.length;
    return Math.min(start + Math.max(0, position.character), next, this.text.length);
  }

  /** The text between two positions. */
  textIn(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  rangeAt(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Offset of the end of the line that holds `offset`, before its line break. */
  lineEndAt(offset: number): number {
    let i = offset;
    while (i < this.text.length && this.text[i] !== '\n' && this.text[i] !== '\r') i++;
    return i;
  }
}
