/**
 * The workspace's files as the path features read them: by prefix and by name, never as one
 * array. A folder's file index answers both without making a string per file of the workspace
 * (300,000 of them in a large monorepo); a plain list answers too, for tests and small views.
 */
export interface PathSource {
  /** Visits the files starting with `prefix` ('' = all) in path order, until `visit` returns false. */
  forEachUnder(prefix: string, visit: (path: string) => boolean | void): void;
  /** Every file equal to `suffix` or ending with `/suffix`. */
  endingWith(suffix: string): readonly string[];
}

export function pathSourceOf(files: readonly string[] | PathSource): PathSource {
  if (!Array.isArray(files)) return files as PathSource;
  const list = files as readonly string[];
  return {
    forEachUnder(prefix, visit) {
      for (const path of list) if (path.startsWith(prefix) && visit(path) === false) return;
    },
    endingWith(suffix) {
      return list.filter((f) => f === suffix || f.endsWith(`/${suffix}`));
    },
  };
}
