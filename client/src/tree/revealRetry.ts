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

/** Reveals `node`, up to `attempts` times; whether the selection held in the end. */
export async function revealUntilSelected<N>(node: N, steps: RevealSteps<N>, attempts: number): Promise<boolean> {
  let target = node;
  for (let attempt = 1; ; attempt++) {
    await steps.reveal(target);
    if (await steps.holds()) return true;
    if (attempt >= attempts) return false;
    target = (await steps.current()) ?? target;
  }
}
