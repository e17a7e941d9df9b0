import type { FrontmatterValue, ResolvedDocument } from '../model';

/**
 * The model as JSON for other tools (`concerns index --json`). A stable, documented shape:
 * workspace-relative paths with forward slashes, 1-based inclusive lines.
 */
export interface JsonReference {
  text: string;
  path: string;
  kind: 'file' | 'glob' | 'directory';
  /** 1-based inclusive; `toEnd` when written `1235–end` or `1823+` (then `end` is where it was written to start). */
  ranges: { start: number; end: number; toEnd?: true }[];
  status: string;
  matches: string[];
  candidates?: string[];
  field: string;
  line: number;
  /**
   * Drift, when computed (a git repository, `index` run by the CLI or a trusted server): where the
   * code is now. `state`: exact | moved | changed | gone | unknown; `path` and `ranges` current;
   * `baseline`: the commit the written lines refer to.
   */
  location?: { state: string; path: string; ranges: { start: number; end: number; toEnd?: true }[]; baseline: string | null; note?: string; onFile?: true };
}

export interface JsonConcern {
  id: string;
  category: string;
  group: string | null;
  title: string;
  /** The id the document gives the concern (`SEC-1`), null when it gives none. */
  label: string | null;
  severity: string | null;
  resolved: boolean;
  line: number;
  fields: { name: string; label: string; text: string; line: number }[];
  references: JsonReference[];
}

export interface JsonDocument {
  path: string;
  root: string;
  title: string | null;
  analysisDate: string | null;
  commit: string | null;
  /** The keys of the document's YAML frontmatter, as written; null when it has none. */
  frontmatter: Record<string, FrontmatterValue> | null;
  concerns: JsonConcern[];
  notes: { message: string; line: number; severity: string }[];
}

export function documentToJson(path: string, root: string, doc: ResolvedDocument): JsonDocument {
  return {
    path,
    root,
    title: doc.title ?? null,
    analysisDate: doc.analysisDate ?? null,
    commit: doc.commit ?? null,
    frontmatter: doc.frontmatter ?? null,
    concerns: doc.concerns.map((c) => ({
      id: c.id,
      category: c.category,
      group: c.group ?? null,
      title: c.title,
      label: c.label ?? null,
      severity: c.severity ?? null,
      resolved: c.resolved,
      line: c.titleRange.start.line + 1,
      fields: c.fields.map((f) => ({ name: f.name, label: f.label, text: f.text, line: f.range.start.line + 1 })),
      references: c.references.map((r) => {
        const json: JsonReference = {
          text: r.text,
          path: r.path,
          kind: r.kind,
          ranges: r.ranges.map((range) => (range.toEnd ? { start: range.start, end: range.end, toEnd: true as const } : { start: range.start, end: range.end })),
          status: r.status,
          matches: r.matches,
          field: r.field,
          line: r.range.start.line + 1,
        };
        if (r.candidates && r.candidates.length > 0) json.candidates = r.candidates;
        if (r.location) {
          const loc = r.location;
          json.location = { state: loc.state, path: loc.path, ranges: loc.ranges.map((x) => (x.toEnd ? { start: x.start, end: x.end, toEnd: true as const } : { start: x.start, end: x.end })), baseline: loc.baseline ?? null };
          if (loc.note) json.location.note = loc.note;
          if (loc.onFile) json.location.onFile = true;
        }
        return json;
      }),
    })),
    notes: doc.notes.map((n) => ({ message: n.message, line: n.range.start.line + 1, severity: n.severity })),
  };
}
