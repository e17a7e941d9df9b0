/**
 * Which of a concern's references say where the concern is, and so get a diagnostic on the code.
 *
 * A concern names files for many reasons: where the problem is (`Files:`, a table's file column,
 * a path in the title, a list item led by its path), but also what it affects (`Impact:`), what
 * to change or create (`Fix approach:`), and what to read (`Notes:`, `See also:`). Only the first
 * kind is a place to mark: a diagnostic on `.env.example` because a fix approach mentions it is
 * noise. The rest show in the hover and the sidebar.
 */
import type { ResolvedConcern, ResolvedReference } from '../model';
import { FIX_FIELDS, FIX_FIELD_ORDER, fieldName } from '../parse/fieldNames';

/**
 * Field names (as the parser names them: its stable names, else the label in camelCase) that
 * locate a concern. The parser maps File, Location, Where, Path, 文件, 位置... to `files`; labels
 * it does not know keep their own name, so the other languages' words for "file" are listed.
 */
const LOCATING = new Set(
  [
    'files', 'title',
    'datei', 'dateien', 'ort', 'fundstelle', 'archivo', 'archivos', 'ubicación', 'ubicacion', 'fichier', 'fichiers', 'emplacement',
    'arquivo', 'arquivos', 'localização', 'localizacao', 'file', 'bestand', 'bestanden', 'plik', 'pliki', 'файл', 'файлы',
    'ファイル', '場所', '파일', '위치', '檔案', '文件位置', '相关文件', '涉及文件', 'affectedFile', 'sourceFiles', 'sourceFile',
  ].map(normalise),
);

/**
 * Fields that are never where a concern is, even when nothing else names a file: its effects,
 * the fix, and pointers elsewhere.
 */
const ASIDE = new Set(
  [
    'impact', ...FIX_FIELDS, ...FIX_FIELD_ORDER, 'notes', 'note', 'seeAlso', 'related', 'relatedFiles', 'references', 'reference', 'context',
    'blocks', 'dependencies', 'documentation', 'docs', 'fixApplied', 'resolution', 'status', 'commit',
  ].map(normalise),
);

/** Lower case, letters and digits only: `Fix approach`, `fixApproach` and `fix-approach` meet. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Whether a reference's field says where the concern is. */
export function isLocatingField(field: string): boolean {
  return LOCATING.has(normalise(field));
}

/**
 * The `concerns.diagnostics.fields` setting, compiled: `*` for every field, else each name as
 * written and as the parser would name its label (`Solution` is the parser's `fixApproach`).
 */
export class PublishedFields {
  readonly all: boolean;
  private readonly names = new Set<string>();

  constructor(extra: readonly string[] = []) {
    this.all = extra.some((f) => f.trim() === '*');
    for (const f of extra) {
      this.names.add(normalise(f));
      this.names.add(normalise(fieldName(f)));
    }
    this.names.delete('');
  }

  /** Whether references in this field publish on their own, by the setting or as locating. */
  publishes(field: string): boolean {
    return this.all || isLocatingField(field) || this.names.has(normalise(field));
  }
}

const DEFAULT_FIELDS = new PublishedFields();

/**
 * The references of a concern that get code diagnostics: those in its locating fields (and the
 * fields the setting adds). A concern that names no file in such a field still gets its place
 * marked: its references in the fields that describe it (a list item's text, `Issue:`, `Risk:`),
 * never those in its impact, its fix or its pointers elsewhere.
 */
export function publishedReferences(concern: ResolvedConcern, fields: PublishedFields = DEFAULT_FIELDS): readonly ResolvedReference[] {
  if (fields.all) return concern.references;
  const own = concern.references.filter((r) => fields.publishes(r.field));
  if (own.some(pointsAtFile)) return own;
  const described = concern.references.filter((r) => !ASIDE.has(normalise(r.field)));
  return described.length > 0 ? described : own;
}

/** A reference that can carry a diagnostic: a file or glob, not a directory. */
function pointsAtFile(ref: ResolvedReference): boolean {
  return ref.kind !== 'directory';
}
