/**
 * Which tables list concerns, and which column plays which role — read from what each header
 * says, in the languages documents are written in, never from the column's position:
 *
 * - the title: the column naming the concern (Concern, Issue, Problem, Finding, Debt item,
 *   Risiko, Problema, 问题, 문제, 課題 ...); `Risk` only when nothing else does, `Gap` only
 *   when not even Risk does (in `| Risk | Evidence | Mitigation | Gap |` the gap is a field);
 *   with none, the location names the row (`| File | Why |`); an area names its row before a
 *   Why or Risk sentence beside it (`| Area | Why fragile |` with `Proto generation`);
 * - the location: File/Files/Location/Where (Datei, Archivo, 文件, 파일, ファイル ...), else
 *   Evidence/Source, else a column whose cells are paths;
 * - the severity: Severity/Priority/Risk level (and their translations), or Impact/Risk when
 *   its cells are severities; a column of severities is never the title;
 * - Evidence, Mitigation, Recommendation, Fix, Status ... are fields, never the title.
 *
 * Legend, count and summary tables (`| Severity | Count |`, `| Level | Meaning |`) list no
 * concerns.
 */
import { severityFromEmoji, severityFromValue } from './markers';

export interface TableShape {
  titleColumn: number;
  locationColumn?: number;
  severityColumn?: number;
  /** Columns that only number the rows (`#`, `No.`): not fields. */
  numberColumns: number[];
}

/** Columns that name what is wrong: the title, before any column naming what it is about. */
const TITLE =
  /^(?:(?:untested|missing|known|open|main|key|top|tech(?:nical)?)\s+)?(?:concerns?|issues?|problems?|debt(?: items?)?|findings?|bugs?|titles?|vulnerabilit(?:y|ies)|smells?|todos?|missing features?|limitations?|bottlenecks?|weakness(?:es)?|defects?|observations?|hallazgos?|problemas?|problèmes?|probl[eé]m|problemen?|cuestión|questões?|incidencias?|deudas?|schwachstellen?|mängel|befunde?|probleme?|problemi|difetti|preocupaci(?:ó|o)(?:n(?:es)?|ns)?|preocupa[cç](?:ão|ões)|préoccupations?|problemes|问题|关注点|隐患|缺陷|债务|技术债务?|문제|이슈|문제점|부채|기술 부채|課題|問題|問題点|負債|技術的負債|懸念(?:事項)?)$/iu;
/** Columns that name what a row is about (`Package`, `Area`, `Component`): the title when no column names what is wrong. */
const SUBJECT =
  /^(?:(?:untested|missing|known|open|main|key|top)\s+)?(?:items?|ítems?|names?|features?|dependenc(?:y|ies)|packages?|what|hotspots?|targets?|punkte?|values?|settings?|constants?|variables?|env(?:ironment)? vars?|config(?:uration)? (?:keys?|values?)|requirements?|controls?|capabilit(?:y|ies)|事项|항목|項目)$/iu;
/**
 * Columns that say in prose what a row is: the title before a column that only names its area
 * or its file (`| File | Line | Comment |` with `TODO: add a TTL`: the comment says what is wrong).
 */
const DESCRIPTION = /^(?:descriptions?|details?|summary|comments?|todo text|one[- ]?liners?|one[- ]line(?: summary)?|short description|synopsis|headline|beschreibung|descripci[oó]n|descri[cç][aã]o|descrizione|描述|说明|설명|説明|内容)$/iu;
/**
 * A `Tests` column: the row's subject in a table of tests (`| Test | Flaky because |`), but only
 * a field beside an area (`| Area | Why Fragile | Tests |`: the tests that cover it).
 */
const TESTS = /^tests?$/i;
/**
 * Columns that name the part of the code a row is about (`Area`, `Module`): the title when
 * nothing says more, before a column that says why it is fragile or risky (`| Area | Why
 * fragile |`, `| Area | Risk |` with `Code generation` under Area: the area names the row, the
 * sentence beside it is its description).
 */
const AREA = /^(?:(?:untested|missing|known|open|main|key|top|affected)\s+)?(?:areas?|[àá]reas?|àrees|topics?|components?|componentes?|components|modules?|m[óò]dul(?:o|os|s)?|themen?|bereich|区域|领域|模块|영역|모듈|領域|モジュール)(?:\s+(?:n[ãa]o\s+testad[ao]s?|sin\s+(?:pruebas|tests)|no\s+probad[ao]s?|non\s+test[ée]e?s?|ungetestet|non\s+testat[ao]|untested|without tests))?$/iu;
const RISK = /^(?:risks?|risiko|risiken|risc|riscos?|riesgos?|risques?|rischi|rischio|风险|風險|리스크|위험|リスク)$/iu;
const GAP = /^(?:gaps?|lücken?|brechas?|lacunes?|缺口|差距|격차|ギャップ)$/iu;
/** The same, qualified: `Remaining gap`, `Residual risk` (what is left once the mitigation counts). */
const QUALIFIED_GAP = /^(?:(?:remaining|open|residual) gaps?|residual risk)$/i;

/** A column of what is still missing once the mitigation is counted: `Gap`, `Remaining gap`, `Residual risk`. */
export function isGapColumn(name: string): boolean {
  return GAP.test(name) || QUALIFIED_GAP.test(name);
}
const LOCATION =
  /^(?:files?|paths?|locations?|where|file\(s\)|files? affected|affected files?|file paths?|on|on és|datei(?:en)?|ort|pfad|archivos?|ficheros?|arxius?|fitxers?|ubicaci[oó]n?|ruta|fichiers?|emplacement|arquivos?|localiza[cç][aã]o|file coinvolti|percorso|文件|位置|文件路径|路径|파일|위치|경로|ファイル|場所|パス)$/iu;
/** Columns that hold where the concern shows, as a fallback location (never the title). */
const EVIDENCE = /^(?:evidence|sources?|references?|belege?|evid[eè]ncies|evid[eè]ncia|preuves?|evid[eê]ncias?|证据|来源|근거|証拠|根拠)$/iu;
const SEVERITY =
  /^(?:severity|priority|risk level|level|impact level|criticality|sev|prio|schweregrad|priorit[aä]t|kritikalit[aä]t|severidad|gravedad|prioridad|severitat|gravetat|prioritat|gravit[eé]|priorit[eé]|criticit[eé]|gravità|priorità|severidade|prioridade|严重性|严重程度|优先级|级别|심각도|우선순위|중요도|深刻度|重要度|優先度|優先順位)$/iu;
/** Columns that may hold a severity (then read as one) but usually hold prose. */
const MAYBE_SEVERITY = /^(?:impact|risk|risks|likelihood|auswirkung|impacto|影响|영향|影響)$/iu;
const NUMBERING = /^(?:#|no\.?|nr\.?|number|n[º°]|id|rank|序号|번호|番号)$/iu;
/** A legend or a count: a table about the document, not a list of concerns. */
const COUNT = /^(?:count|counts|total|totals|amount|#\s*of\b.*|(?:number|no\.?) of\b.*|anzahl|cantidad|nombre|数量|个数|件数|개수|건수|meaning|definition|bedeutung|significado|signification|含义|의미|意味)$/iu;

/**
 * The roles of a table's columns, from its header (and its rows' cells, when given: a column of
 * paths is a location, a column of severities is no title). Undefined when it lists no concerns.
 */
export function classifyTable(header: string[], rows: readonly string[][] = []): TableShape | undefined {
  const names = header.map(columnName);
  const find = (pattern: RegExp, except: readonly number[] = []) => names.findIndex((h, i) => !except.includes(i) && pattern.test(h));
  if (names.some((h) => COUNT.test(h))) return undefined;
  if (isFigureTable(rows)) return undefined;
  const numberColumns = names.flatMap((h, i) => (NUMBERING.test(h) ? [i] : []));
  const severityValued = (i: number) => i >= 0 && columnOf(rows, i).length > 0 && columnOf(rows, i).every((v) => isSeverityCell(v));
  let severity = find(SEVERITY);
  if (severity < 0) severity = names.findIndex((h, i) => MAYBE_SEVERITY.test(h) && severityValued(i));
  let location = find(LOCATION);
  if (location < 0) location = find(EVIDENCE);
  const named = location >= 0;
  if (location < 0) location = names.findIndex((_, i) => !numberColumns.includes(i) && i !== severity && isPathColumn(columnOf(rows, i)));
  // Title candidates, most telling first; a column of severities never names the concern.
  const usable = (i: number) => i >= 0 && i !== severity && !numberColumns.includes(i) && !severityValued(i);
  const candidates = [TITLE, SUBJECT, DESCRIPTION, AREA, RISK, GAP, TESTS].map((pattern) => names.findIndex((h, i) => pattern.test(h) && usable(i)));
  let title = candidates.find((i) => i >= 0) ?? -1;
  // `| Area | Description |` with `SQLite WAL bug`, `Missing busy_timeout` under Area: the area
  // names the problem itself, in a few words; the description says it at length.
  if (title >= 0 && title === candidates[2] && usable(candidates[3]!) && namesProblems(columnOf(rows, candidates[3]!))) title = candidates[3]!;
  // `| Risk | Severity | Location | Details |` with `Code formatting drift` under Risk: a risk
  // column that leads the row with short names names the row; the details say it at length.
  const risk = candidates[4]!;
  if (title >= 0 && title === candidates[2] && usable(risk) && risk === names.findIndex((_, i) => !numberColumns.includes(i)) && namesShortly(columnOf(rows, risk))) title = risk;
  // A column of paths helps read a table of concerns; alone it does not make one (a table of
  // directories inside a concern is that concern's).
  if (title < 0 && !named) return undefined;
  // No column names the concern: the location itself is the title (`| File | Why |`).
  if (title < 0) title = location;
  // `| File | Risk | Notes |` with High/Low under Risk: that column is the severity.
  if (severity < 0) severity = names.findIndex((h, i) => (RISK.test(h) || MAYBE_SEVERITY.test(h)) && i !== title && severityValued(i));
  const shape: TableShape = { titleColumn: title, numberColumns };
  if (location >= 0) shape.locationColumn = location;
  if (severity >= 0) shape.severityColumn = severity;
  return shape;
}

/** A header cell as a role name: marks and a trailing `(if applicable)` dropped; a long cell names no role. */
function columnName(cell: string): string {
  if (cell.length > 80) return '';
  let name = cell.replace(/[*_`]/g, '').trim();
  if (/[)）]$/.test(name)) {
    const open = Math.max(name.lastIndexOf('('), name.lastIndexOf('（'));
    if (open > 0) name = name.slice(0, open).trim();
  }
  return name;
}

/** Words that say what is wrong, in a short cell: `bug`, `missing`, `injection`, `unused`, `race`. */
const PROBLEM_WORDS =
  /(?:^|[\s(`_-])(?:bugs?|missing|no|not|lacks?|lacking|without|unused|dead|duplicated?|duplicates?|injection|leaks?|race|toctou|desync|hard-?coded|unbounded|unsanitized|unvalidated|untested|insecure|stale|broken|fails?|failures?|errors?|crash(?:es)?|slow|n\+1|deprecated|outdated|atomicity|private access|vulnerab\w*|exposed|blocking|overflow|mismatch|inconsistent|incompatible)(?=$|[\s)`.,:;_-])/i;

/** Most cells of the column are short and say what is wrong (`SQLite WAL bug`, `Missing busy_timeout`). */
function namesProblems(values: string[]): boolean {
  if (values.length === 0) return false;
  const problems = values.filter((v) => v.length <= 80 && v.split(/\s+/).length <= 10 && PROBLEM_WORDS.test(v)).length;
  return problems * 2 > values.length;
}

/** Most cells are a few words, as names are (`Code formatting drift`), not sentences. */
function namesShortly(values: string[]): boolean {
  const short = values.filter((v) => v.length <= 80 && v.split(/\s+/).length <= 8 && !/[.。]\s+\S/.test(v)).length;
  return values.length > 0 && short * 2 > values.length;
}

function columnOf(rows: readonly string[][], i: number): string[] {
  return rows.map((row) => (row[i] ?? '').trim()).filter((v) => v !== '' && !/^[-—–]$/.test(v));
}

/** `High`, `🔴 **CRITICAL**`, `P1`, `Medium - rare`: a cell that only says a severity. */
function isSeverityCell(value: string): boolean {
  if (value.length > 200) return false;
  if (severityFromValue(value) === undefined && severityFromEmoji(value) === undefined) return false;
  const words = value.replace(/[\p{Extended_Pictographic}\uFE0F*_`]/gu, '').trim();
  return /^[^\s]*(?:\s*$|\s+[-—–:(]\s?)/u.test(words) || words.split(/\s+/).length <= 2;
}

/**
 * A table of figures (`| Module | Tests | Coverage |` with `27 | 14.5%`, `| Metric | Current |
 * Target |`): measurements, not a list of concerns, whatever its header says. Most cells past the
 * first column are numbers, percentages or sizes.
 */
function isFigureTable(rows: readonly string[][]): boolean {
  let cells = 0;
  let figures = 0;
  for (const row of rows) {
    for (const cell of row.slice(1)) {
      const v = cell.trim();
      if (v === '' || /^[-—–]$/.test(v)) continue;
      cells++;
      if (FIGURE.test(v)) figures++;
    }
  }
  return cells >= 4 && figures * 3 >= cells * 2;
}

/** `27`, `~2,230 (1:1)`, `14.5%`, `70%+`, `**~1,831 missing**` is not (a word after it), `1.2.3` is not (a version). */
const FIGURE = /^[*_]{0,2}[~≈<>≤≥]?\s?\d{1,3}(?:[,\u202F\u00A0 ]?\d{3})*(?:\.\d+)?\s?(?:%|[kKMG]B?|ms|s|x|×|\+|%\+)?(?:\s\([\d:.,%\s]{1,20}\))?[*_]{0,2}$/u;

/** Most cells are backticked paths (`src/x.ts`, `a.py:12`). */
function isPathColumn(values: string[]): boolean {
  if (values.length === 0) return false;
  // A path cell is short; a long one is prose (and not worth scanning twice).
  const paths = values.filter((v) => v.length <= 300 && /^`[^`\s]*(?:\/|\.[A-Za-z][A-Za-z0-9]{0,5}\b)[^`\s]*`/.test(v)).length;
  return paths * 2 > values.length;
}

/** Whether the table's title column is named for what is wrong (`Concern`, `Issue`, `问题`), not for what a row is about. */
export function titleColumnNamesConcern(header: readonly string[], shape: TableShape): boolean {
  return TITLE.test(columnName(header[shape.titleColumn] ?? ''));
}
