import type { Diagnostic } from 'vscode-languageserver-types';
import type { ConcernDiagnosticData } from './diagnostics';

/** How far into a cited range the first line with text is looked for (a range of blank lines is rare). */
const MAX_BLANK_LINES = 50;

/**
 * Diagnostics of `firstLine` mode placed on the text they mark: the first line of the cited range
 * that is not blank, from its first to its last non-blank character. `lineText` gives a 0-based
 * line of the file as the editor has it (undefined past the end or when the file cannot be read):
 * a line it cannot give keeps its whole-line mark. Other diagnostics are returned as they are;
 * the list is the same object when nothing moved.
 */
export function placeOnText(diagnostics: readonly Diagnostic[], lineText: (line: number) => string | undefined): readonly Diagnostic[] {
  let out: Diagnostic[] | undefined;
  diagnostics.forEach((d, i) => {
    const data = d.data as ConcernDiagnosticData | undefined;
    if (!data?.firstLine) return;
    const last = data.lines ? Math.min(data.lines.end, data.lines.start + MAX_BLANK_LINES) : d.range.start.line;
    for (let line = d.range.start.line; line <= last; line++) {
      const text = lineText(line);
      if (text === undefined) return;
      const first = text.search(/\S/);
      if (first < 0) continue;
      const end = text.trimEnd().length;
      out ??= diagnostics.slice();
      out[i] = { ...d, range: { start: { line, character: first }, end: { line, character: end } } };
      return;
    }
  });
  return out ?? diagnostics;
}
