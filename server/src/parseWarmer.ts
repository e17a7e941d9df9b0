import { warmDocumentParse } from './core/parse/document';

/** How long one slice of warming may hold the thread: requests wait at most this. */
const SLICE_MS = 8;
/**
 * Warms the parser's caches for documents whose model was restored from the parse store, in
 * slices between other work: the start-up publishes without parsing, and the first edit then
 * costs what any edit costs instead of a whole parse. A document edited (so parsed) meanwhile
 * is dropped from the queue: its parse did the work.
 */
export class ParseWarmer {
  private readonly queue = new Map<string, Generator<void, void, void>>();
  private scheduled = false;

  /** Queues a document; warming waits for `start`. */
  warm(uri: string, text: string): void {
    this.queue.set(uri, warmDocumentParse(text));
  }

  /**
   * Warms what is queued, in slices. Called once a pass has reached the editor: slices between
   * the writes of thousands of diagnostics would delay the last of them by the whole warming.
   */
  start(): void {
    this.schedule();
  }

  forget(uri: string): void {
    this.queue.delete(uri);
  }

  /** Documents still being warmed (for tests and the debug request). */
  get pending(): number {
    return this.queue.size;
  }

  private schedule(): void {
    if (this.scheduled || this.queue.size === 0) return;
    this.scheduled = true;
    // After pending I/O: a request that arrived meanwhile is answered before the next slice.
    setImmediate(() => {
      this.scheduled = false;
      this.slice();
    });
  }

  private slice(): void {
    const until = performance.now() + SLICE_MS;
    for (const [uri, steps] of this.queue) {
      while (performance.now() < until) {
        if (steps.next().done) {
          this.queue.delete(uri);
          break;
        }
      }
      if (performance.now() >= until) break;
    }
    this.schedule();
  }
}
