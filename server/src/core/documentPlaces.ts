/**
 * Where concerns documents live, relative to a project root, and which project a document
 * belongs to. Shared by discovery (server), the CLI, the Concerns view's document names (client)
 * and the manifest's activation events (checked by a test), so that all say the same.
 *
 * The mapper family writes `<tool folder>/codebase/CONCERNS.md`: get-shit-done's `.planning/`,
 * gsd-2's `.gsd/`, `.forge/`, and agents' own folders (`.claude/`, `.agents/`); some keep it in
 * `docs/codebase/`, in a top-level `codebase/`, or straight in the tool folder
 * (`.gsd/CONCERNS.md`, `docs/CONCERNS.md`).
 */
export const TOOL_FOLDERS = ['.planning', '.gsd', '.forge', '.claude', '.agents', 'docs'] as const;

/**
 * Folders whose `codebase/` holds the same map, but whose own top is for other things: spec-driven
 * tools' `.specs/codebase/` (hundreds of public repositories), `specs/`, `.spec/`, `.sdd/`, `planning/`, and
 * `.context/`, `.ai/`, `.github/`, `doc/` (a few each). Only their `codebase/` is looked in.
 */
export const CODEBASE_ONLY_FOLDERS = ['.specs', 'specs', '.spec', '.sdd', 'planning', '.context', '.ai', '.github', 'doc'] as const;

/** The folders (relative to a project root) a document is looked for in; '' is the root itself. */
export const DOC_DIRS: readonly string[] = [...[...TOOL_FOLDERS, ...CODEBASE_ONLY_FOLDERS].map((f) => `${f}/codebase`), 'codebase', ...TOOL_FOLDERS, ''];

const CODEBASE_ONLY: ReadonlySet<string> = new Set<string>(CODEBASE_ONLY_FOLDERS);

/** The folders whose parent is the project a document belongs to. */
const PROJECT_MARKERS: ReadonlySet<string> = new Set<string>([...TOOL_FOLDERS, 'codebase']);

/** A concerns document's file name, in any case. */
export const DOC_NAME = /^concerns\.md$/i;

/**
 * The project a document belongs to: the folder holding its tool folder (`apps/web` for
 * `apps/web/.gsd/codebase/CONCERNS.md` and `apps/web/.specs/codebase/CONCERNS.md`), '' (the
 * workspace folder) when there is none.
 */
export function projectRootOf(docPath: string): string {
  const parts = docPath.split('/');
  const marker = parts.findIndex((p, i) => i < parts.length - 1 && (PROJECT_MARKERS.has(p) || (CODEBASE_ONLY.has(p) && parts[i + 1] === 'codebase')));
  return marker > 0 ? parts.slice(0, marker).join('/') : '';
}
