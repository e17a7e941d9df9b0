/**
 * A copy of `text` that holds no reference to a larger string. V8 makes a substring (`slice`,
 * `substring`, a regex match) a view into its parent: a cache keyed by a piece of a document,
 * or holding what was parsed from it, keeps that whole version of the document alive. A cache
 * that outlives keystrokes keeps one version per entry, and memory grew by 40 MB per 300
 * keystrokes at 500 concerns (130 MB per 100 at 5,000). What outlives a parse is made of copies.
 *
 * The copy: a one-character concatenation is flattened into a fresh string (the parent is not
 * referenced), and slicing that again is a view into the fresh copy only.
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : (` ${text}`).slice(1);
}
