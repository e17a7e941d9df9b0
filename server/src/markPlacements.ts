import type { Diagnostic, Range } from 'vscode-languageserver';
import type { ConcernDiagnosticData } from './core/features/diagnostics';
import { placeOnText } from './core/features/firstLine';

/**
 * Where the `firstLine` marks of files that are not open sit on their text, by file: placing
 * them reads the cited lines from disk, and a start (or a checkout) publishes thousands of
 * files. So a publish places at most a budget of files by reading them and sends the others'
 * marks on their whole first cited line; those files are queued (`take`), placed in the
 * background and sent again. A placement is kept until its file changes on disk.
 */
export class MarkPlacements {
  /** Per file URI: per mark (its first cited line and the last line it may look at), its range on the text, or null (it stays on the whole line). */
  private readonly byUri = new Map<string, Map<string, Range | null>>();
  /** Files sent with whole-line marks, to place in the background. */
  private readonly queue = new Set<string>();
  private budget = 0;

  /** Files a publish may read to place their marks before it sends the rest unplaced. */
  static readonly READS_PER_PUBLISH = 200;

  /** A new publish: it may read READS_PER_PUBLISH files. */
  startPublish(): void {
    this.budget = MarkPlacements.READS_PER_PUBLISH;
  }

  /**
   * The diagnostics of `uri` with their marks placed: from what is known of the file, else by
   * reading its lines (`readLines`: 0-based line to text, or undefined when the file cannot be
   * read), while the budget lasts; else as they are, and the file queued.
   */
  place(uri: string, diagnostics: readonly Diagnostic[], readLines: () => ((line: number) => string | undefined) | undefined): readonly Diagnostic[] {
    const known = this.byUri.get(uri);
    if (known) {
      const placed = fromKnown(diagnostics, known);
      if (placed) return placed;
    }
    if (this.budget <= 0) {
      this.queue.add(uri);
      return diagnostics;
    }
    this.budget--;
    this.queue.delete(uri);
    const lineText = readLines();
    const placed = lineText ? placeOnText(diagnostics, lineText) : diagnostics;
    const ranges = known ?? new Map<string, Range | null>();
    diagnostics.forEach((d, i) => {
      const key = keyOf(d);
      if (key !== undefined) ranges.set(key, placed[i] === d ? null : placed[i]!.range);
    });
    this.byUri.set(uri, ranges);
    return placed;
  }

  /** The file changed or went away: its marks are placed again from its new text. */
  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
    this.queue.clear();
  }

  /** Files waiting to be placed, taken out of the queue, at most `count`. */
  take(count: number): string[] {
    const out: string[] = [];
    for (const uri of this.queue) {
      if (out.length >= count) break;
      out.push(uri);
    }
    for (const uri of out) this.queue.delete(uri);
    return out;
  }

  get waiting(): number {
    return this.queue.size;
  }
}

/** A mark's key: its first cited line and the last line its placement may look at. */
function keyOf(d: Diagnostic): string | undefined {
  const data = d.data as ConcernDiagnosticData | undefined;
  if (!data?.firstLine) return undefined;
  return `${d.range.start.line}:${data.lines ? data.lines.end : d.range.start.line}`;
}

/** The diagnostics placed from known placements; undefined when a mark's is not known. */
function fromKnown(diagnostics: readonly Diagnostic[], known: ReadonlyMap<string, Range | null>): readonly Diagnostic[] | undefined {
  let out: Diagnostic[] | undefined;
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i]!;
    const key = keyOf(d);
    if (key === undefined) continue;
    const range = known.get(key);
    if (range === undefined) return undefined;
    if (range === null) continue;
    out ??= diagnostics.slice();
    out[i] = { ...d, range };
  }
  return out ?? diagnostics;
}
