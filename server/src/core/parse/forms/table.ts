/**
 * The table form: a table whose columns name concerns (see tables.ts for which column plays
 * which role); each row is a concern, its other cells its fields.
 */
import type { Table } from 'mdast';
import { parseLineCell } from '../../extract/lineSpec';
import { fieldName, isKnownField } from '../fieldNames';
import { concernTitle, isStruckThrough } from '../labels';
import { isCleanStatus, isPlaceholder, reportsNothingWrong, severityFromEmoji, severityFromValue } from '../markers';
import type { DocumentReader } from '../reader';
import { isGapColumn, type TableShape } from '../tables';
import { end, innerSpan, start, type ConcernDraft, type Context } from '../draft';
import type { BlockForm } from './form';
import { capTitle } from './listItems';

export const tableForm: BlockForm = {
  recognise(block, reader) {
    return block.type === 'table' && reader.tableShape(block) ? 'concern-table' : undefined;
  },
  read(block, reader, ctx) {
    tableConcerns(reader, block as Table, ctx);
    return undefined;
  },
};

/** A gap cell saying nothing is left: `No known gap`, `None — resolved`, `None`, `—`. */
const NO_GAP = /^(?:none(?: known| left| remaining)?|no(?: known| remaining| open)? gaps?(?: known)?|nothing(?: left| remaining)?|n\/a|[—–-])(?:[ \t]*[—–:;,-][^\n]{0,80})?[.!]?$/i;

function tableConcerns(reader: DocumentReader, table: Table, ctx: Context): void {
  const header = reader.tableHeader(table);
  const shape = reader.tableShape(table);
  if (!shape) return;
  // `| File | Lines |` with `609`: each file's length, a field of its own, never its lines.
  const { lineColumn, lengthColumn } = linesColumns(reader, table, header);
  const inventory = INVENTORY.test(columnLabel(header[shape.titleColumn] ?? ''));
  const statusColumn = header.findIndex((h) => fieldName(h) === 'status');
  const gapColumn = header.findIndex((h) => isGapColumn(columnLabel(h)));
  for (const row of table.children.slice(1)) {
    const cells = row.children;
    // `| **Credentials** | … | ✅ **OK** |`, `| `jest` | `^29.7.0` | OK |`: a row whose status or
    // risk column the table itself reports fine is no concern.
    const verdicts = [cells[statusColumn], shape.severityColumn !== undefined ? cells[shape.severityColumn] : undefined];
    if (verdicts.some((cell) => cell !== undefined && isCleanStatus(reader.text.slice(...innerSpan(cell))))) continue;
    // `| Mass assignment | … | DTOs validate input | No known gap |`: what is left is nothing.
    const gap = gapColumn >= 0 && gapColumn !== shape.titleColumn ? cells[gapColumn] : undefined;
    if (gap && NO_GAP.test(reader.text.slice(...innerSpan(gap)).replace(/[*_`]/g, '').trim())) continue;
    // `| `pgx/v5` | `5.8.0` | Current |`: a row of an inventory that names no problem.
    if (inventory && namesNoProblem(shape, header, cells.map((c) => reader.text.slice(...innerSpan(c))))) continue;
    const titleCell = cells[shape.titleColumn];
    if (!titleCell) continue;
    const [titleStart, titleEnd] = innerSpan(titleCell);
    const titleRaw = reader.text.slice(titleStart, titleEnd);
    const title = concernTitle(titleRaw);
    if (!title || /^[-—–\s]*$/.test(title)) continue;
    // `| — | — | No TODO or FIXME comments found |`: the row says there is nothing to list.
    if (reportsNothingWrong(title) || isPlaceholder(title)) continue;
    // The cell names the concern, however long (the cell is what the document calls it, as a
    // reader of the table quotes it); a very long one is cut at a word, and then the whole
    // cell is also its description. A cell that opens with a bold title and goes on
    // (`**No automated tests.** The most fragile …`) is named by its bold title.
    const lead = BOLD_LEAD.exec(titleRaw.trim());
    // (Not bold words a sentence goes on from: `**No automated tests** of any kind.`)
    const ends = lead && (lead[2] !== '' || /[.:：—–(（-]/.test(lead[3] ?? ''));
    const bold = lead?.[1] && ends && !isKnownField(lead[1]) ? concernTitle(lead[1]) : '';
    const capped = bold || capTitle(title);
    const short = capped === title ? undefined : capped;
    const draft = reader.newDraftAt(ctx, capped, titleStart, titleEnd, titleRaw);
    if (short !== undefined && shape.titleColumn !== shape.locationColumn) {
      draft.scanTitle = false;
      draft.fields.push({ label: header[shape.titleColumn] ?? '', name: 'description', start: titleStart, valueStart: titleStart, end: titleEnd });
    }
    draft.start = start(row);
    draft.end = end(row);
    if (shape.titleColumn === shape.locationColumn) draft.titleField = 'files';
    if (lineColumn >= 0 && cells[lineColumn]) {
      const lines = parseLineCell(reader.text.slice(...innerSpan(cells[lineColumn])));
      if (lines.length > 0) draft.tableLines = lines;
    } else if (shape.locationColumn !== undefined && shape.locationColumn !== shape.titleColumn) {
      // `| `ability.rb` | (L75, L110) Permissions are too broad |`: lines in parentheses in the
      // cell naming the concern are of the file the row names (given only when it names one).
      const lines = [...titleRaw.matchAll(ROW_LINE_GROUP)].flatMap((m) => parseLineCell(m[1]!));
      if (lines.length > 0) draft.tableLines = lines;
    }
    cells.forEach((cell, i) => {
      if (i === shape.titleColumn || shape.numberColumns.includes(i)) return;
      const label = header[i] ?? `Column ${i + 1}`;
      const name = i === shape.locationColumn ? 'files' : i === lengthColumn ? 'length' : fieldName(label);
      const [cellStart, cellEnd] = innerSpan(cell);
      const value = reader.text.slice(cellStart, cellEnd).trim();
      if (!value || /^[-—–]$/.test(value)) return;
      draft.fields.push({ label, name, start: cellStart, valueStart: cellStart, end: cellEnd });
    });
    applyTableSeverity(draft, shape, cells.map((c) => reader.text.slice(...innerSpan(c))));
    // `| ~~D1~~ | ~~major~~ | Closed in iteration 3. … |`: the row's number struck out closes it.
    if (shape.numberColumns.some((i) => cells[i] !== undefined && isStruckThrough(reader.text.slice(...innerSpan(cells[i])).trim()))) draft.resolved = true;
  }
}

/** Title columns of tables that list what a project uses (its dependencies, packages, services), with or without a problem. */
const INVENTORY = /^(?:dependenc(?:y|ies)|packages?|librar(?:y|ies)|libs?|modules?|components?|tools?|frameworks?|services?|crates?|gems?|plugins?|sdks?)$/i;

function columnLabel(cell: string): string {
  return cell.replace(/[*_`]/g, '').trim();
}

/** `(L132)`, `(L384, L864+)`, `(L138-139)`: a parenthesis holding only `L` line numbers. */
const ROW_LINE_GROUP = /[(（]((?:L\d{1,6}(?:[-–]L?\d{1,6})?\+?)(?:, ?L\d{1,6}(?:[-–]L?\d{1,6})?\+?){0,20})[)）]/g;

const LINES_HEADER = /^(?:lines?|line numbers?|line no\.?|行|行号|行番号|줄)$/i;

/**
 * The column giving each row's lines (`| File | Line | … |` with `93`, `12-14`), or -1; and the
 * column giving each file's length instead, or -1: a `Lines` column whose every cell is one
 * number (`609`, `~1,240`), as in `| File | Lines | Notes |` under "Files over 500 lines".
 */
function linesColumns(reader: DocumentReader, table: Table, header: readonly string[]): { lineColumn: number; lengthColumn: number } {
  const column = header.findIndex((h) => LINES_HEADER.test(columnLabel(h)));
  if (column < 0 || !/^(?:lines|行|줄)$/i.test(columnLabel(header[column]!))) return { lineColumn: column, lengthColumn: -1 };
  const values = table.children.slice(1).map((row) => (row.children[column] ? columnLabel(reader.text.slice(...innerSpan(row.children[column]))) : ''));
  const counts = values.filter((v) => v !== '' && !/^[-—–]$/.test(v));
  const lengths = counts.length > 0 && counts.every((v) => /^[~≈]?\d{1,3}(?:[,.]?\d{3})*\+?$/.test(v));
  return lengths ? { lineColumn: -1, lengthColumn: column } : { lineColumn: column, lengthColumn: -1 };
}

/** A version, a version range or a release line (`5.8.0`, `^16.2.3`, `19.x`, `v2`, `>= 3.1`): no judgement. */
const VERSION = /^[~^>=<v\s]*\d+(?:\.(?:\d+|x|\*))*(?:[-+][\w.]+)?(?:\s+lts)?$/i;
/** Columns of versions, where a bare number (`16`) is one too; elsewhere (`Majors behind`) it is a judgement. */
const VERSION_COLUMN = /version|^(?:current|latest|installed|pinned|required|wanted|used|release)$/i;
const FINE = String.raw`(?:current|up[- ]to[- ]date|latest(?: (?:version|release|stable))?|ok|okay|fine|good|healthy|stable|(?:actively |well[- ]|still )?maintained|supported|secure|safe|pass(?:ed|ing)?|green|none|no (?:known )?(?:issues?|problems?|vulnerabilit(?:y|ies)|cves?|concerns?|risks?)|no action(?: needed| required)?)`;
/** A cell that only says all is well: `Current`, `✅ Up to date`, `Current and well-maintained`. */
const FINE_CELL = new RegExp(String.raw`^${FINE}(?:\s*(?:,|;|/|&|\+|and|[-—–])\s*${FINE})*\s*[.!]?$`, 'i');

/**
 * The row's cells other than its name, location and numbering are versions or say all is
 * well (or there are none): it records what is there, no concern.
 */
function namesNoProblem(shape: TableShape, header: readonly string[], cells: readonly string[]): boolean {
  // `| python-jose | >=3.3.0 | Stable | Auth |`: the status says all is well, the note says what
  // it is for; unless some cell names a problem (`Deprecated`, `CVE-2024-…`, `migrate to v5`).
  const status = header.findIndex((h) => STATUS_COLUMN.test(columnLabel(h)));
  if (status >= 0 && FINE_CELL.test(clean(cells[status] ?? '')) && !cells.some((c) => PROBLEM_WORD.test(c))) return true;
  return cells.every((raw, i) => {
    if (i === shape.titleColumn || i === shape.locationColumn || shape.numberColumns.includes(i)) return true;
    const value = clean(raw);
    const version = VERSION.test(value) && (/[.^~x*]/i.test(value) || VERSION_COLUMN.test(columnLabel(header[i] ?? '')));
    return value === '' || /^[-—–]$/.test(value) || version || FINE_CELL.test(value);
  });
}

/** A cell opening with a bold title and going on after it: `**Title.** more`, `**Title** (`x`). more`, `**Title**: more`. */
const BOLD_LEAD = /^\*\*(?!\s)([^*\n]{3,200}?)([.:：]?)\*\*[ \t]*(\S)/;

/** A cell without its marks: emphasis, code, a check mark or a green dot. */
function clean(raw: string): string {
  return raw.replace(/[\u2705\u2714\u{1F7E2}*_`]/gu, '').replace(/\uFE0F/g, '').trim();
}

/** A column saying how a dependency stands. */
const STATUS_COLUMN = /^(?:status|health|state|maintenance|assessment|zustand|estado|statut|stato|状态|상태|状態)$/iu;
/** A word of a cell that names a problem with what the row lists. */
const PROBLEM_WORD = /deprecat|vulnerab|\bcve-|outdated|unmaintained|abandon|end[- ]of[- ]life|\beol\b|insecure|breaking|migrat|upgrade|risk|legacy|veraltet|obsolet|desactualizad|desatualizad/i;

function applyTableSeverity(draft: ConcernDraft, shape: TableShape, cells: string[]): void {
  if (shape.severityColumn !== undefined) {
    const s = severityFromValue(cells[shape.severityColumn] ?? '');
    if (s) {
      draft.severity = s;
      return;
    }
  }
  for (const cell of cells) {
    const s = severityFromEmoji(cell);
    if (s) {
      draft.severity = severityFromValue(cell) ?? s;
      return;
    }
  }
}
