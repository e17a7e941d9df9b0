import type { LineRange, ReferenceKind } from '../model';

/**
 * A reference found in a piece of text, before it is placed in the document.
 * Offsets are UTF-16 offsets into the text that was given to the extractor.
 */
export interface FoundReference {
  /** Offset of the first character of the reference (the opening backtick when quoted). */
  start: number;
  /** Offset just past the reference, including its line spec when one follows. */
  end: number;
  /** The path as written, normalised: forward slashes, no leading `./`, no line spec. */
  path: string;
  kind: ReferenceKind;
  ranges: LineRange[];
  quoted: boolean;
  /** Identifier written beside the reference, e.g. `get_marks()` in "`get_marks()` (line 46)". */
  symbol?: string;
  /** A class named alone with lines after it (`` `PaymentController` (lines 20, 27) ``): whose lines they are is less sure than `Name:25` or `Name.member` (lines …). */
  bareClass?: true;
}
