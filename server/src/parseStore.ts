import type { ConcernsDocument } from './core/model';

/**
 * Parsed documents kept between runs of the server. Parsing a long concerns document is the
 * largest part of a cold start (micromark reads about half a megabyte a second: a 500-concern
 * document costs some 650 ms), and the document is usually unchanged since the editor last
 * closed; its model is then read back instead. Kept by the document's URI and checked against
 * its text and the parser that made it, so a stale entry is never used.
 */
export interface ParseStore {
  /** The model parsed from exactly this text by this parser, when one was kept. */
  load(uri: string, text: string): ConcernsDocument | undefined;
  /** Keeps a model (written later, off the keystroke path). */
  save(uri: string, text: string, parsed: ConcernsDocument): void;
  /** Writes what `save` still holds (at shutdown). */
  flush(): void;
}
