import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * How far the heap may grow past what the last collection left before the server collects:
 * half of that, and at least 32 MB (a large index allocates more per pass; collecting it every
 * few keystrokes would cost more than it gives back).
 */
const MIN_SLACK_BYTES = 32 * 1024 * 1024;
const slackOf = (settled: number) => Math.max(MIN_SLACK_BYTES, settled / 2);

/**
 * Keeps the server's heap near what it holds. V8 lets a heap grow to a few times its live size
 * before a full collection; for an editor's background process, resident memory is what users
 * see, and the server knows when it has just finished a burst of work. After a pass, when the
 * heap has grown past its slack since the last collection, it collects (a few tens of
 * milliseconds at 300,000 files, after the pass's diagnostics are out).
 */
export class HeapKeeper {
  private readonly gc: (() => void) | undefined;
  private settled = 0;
  /** No collection before this time (performance.now()). */
  private notBefore = 0;

  constructor() {
    try {
      // Exposes `gc` to contexts created from now on (this one is not changed).
      v8.setFlagsFromString('--expose_gc');
      this.gc = vm.runInNewContext('gc') as () => void;
    } catch {
      this.gc = undefined;
    }
  }

  /**
   * Collects when the heap has grown past the slack, and the last collection was long enough
   * ago (ten times as long as it took): collecting may cost a tenth of the time at most, however
   * fast a large index allocates. Returns whether it collected.
   */
  afterWork(now = performance.now()): boolean {
    if (!this.gc || now < this.notBefore) return false;
    if (v8.getHeapStatistics().used_heap_size - this.settled < slackOf(this.settled)) return false;
    const started = performance.now();
    this.gc();
    const took = performance.now() - started;
    this.settled = v8.getHeapStatistics().used_heap_size;
    this.notBefore = now + took * 10;
    return true;
  }
}
