/**
 * Test hook: `CONCERNS_FAULT=hover,codeAction` (read once, at start) makes those guarded handlers
 * throw, so tests can prove a failing handler is answered with its fallback, logged, and the
 * server keeps serving. Names are the guards' names (`hover`, `codeAction`, `documentLinks`,
 * `concerns/tree`, ...), and `index:PATH` (a document's workspace path): indexing that document
 * throws, in the server and in the command line. Unset in normal use. No dependency: the command
 * line uses it too.
 */
const FAULTS: ReadonlySet<string> = new Set((process.env.CONCERNS_FAULT ?? '').split(',').map((s) => s.trim()).filter(Boolean));

/** Throws when `name` is one of the injected faults. */
export function injectFault(name: string): void {
  if (FAULTS.has(name)) throw new Error(`injected fault in ${name} (CONCERNS_FAULT)`);
}
