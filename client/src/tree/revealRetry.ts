/**
 * Revealing a node in a tree view until its selection holds. A refresh of the tree that lands
 * while a reveal is under way (the index changed, a busy machine) can drop the selection the
 * reveal made, and the node revealed may be gone from the new tree: so each further try reveals
 * the node of the tree as it is then. No `vscode` import: the view's calls are passed in.
 */
export interface RevealSteps<N> {
  /** Reveals and selects `node`. */
  reveal(node: N): Thenable<void>;
  /** Whether the selection is (or soon becomes) the node's concern. */
  holds(): Promise<boolean>;
  /** Waits for the tree to settle after a refresh, and gives the node of the tree now (if any). */
  current(): Promise<N | undefined>;
}

/**
 * Reveals `node`, up to `attempts` times; whether the selection held in the end. A reveal that
 * fails (the tree was rebuilt under it and no longer knows the node) is tried again on the
 * node of the tree now; the last try's failure is thrown. So is one that never settles.
 */
export async function revealUntilSelected<N>(node: N, steps: RevealSteps<N>, attempts: number, revealTimeoutMs = 2000): Promise<boolean> {
  let target = node;
  for (let attempt = 1; ; attempt++) {
    try {
      // A reveal on a tree being rebuilt (the view was just shown, the index changed) can stay
      // pending for good: past the timeout the selection is checked and the reveal tried again.
      await raceTimeout(steps.reveal(target), revealTimeoutMs);
      if (await steps.holds()) return true;
    } catch (err) {
      if (attempt >= attempts) throw err;
    }
    if (attempt >= attempts) return false;
    target = (await steps.current()) ?? target;
  }
}

/** Resolves when `work` settles or after `ms`, whichever comes first (`work` goes on). */
function raceTimeout(work: Thenable<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([Promise.resolve(work), timeout]).finally(() => clearTimeout(timer));
}
