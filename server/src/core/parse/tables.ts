/**
 * Which tables list concerns, and which of their columns hold the title, the location and the
 * severity. A table is a list of concerns when a column names the concern (Concern, Issue,
 * Risk, Debt item, ...) or its location (File, Evidence, Where, ...).
 */
export interface TableShape {
  titleColumn: number;
  locationColumn?: number;
  severityColumn?: number;
  /** Columns that only number the rows (`#`, `No.`): not fields. */
  numberColumns: number[];
}

const TITLE = /^(?:(?:untested|missing|known|open|main|key|top|tech(?:nical)?)\s+)?(?:concerns?|issues?|risks?|problems?|debt(?: items?)?|items?|findings?|bugs?|gaps?|areas?|titles?|names?|vulnerabilit(?:y|ies)|smells?|todos?|features?|missing features?|limitations?|bottlenecks?|dependenc(?:y|ies)|packages?|tests?|what|topics?|hotspots?|components?|modules?|targets?|问题|关注点|风险)$/i;
const LOCATION = /^(?:files?|paths?|locations?|evidence|where|sources?|file\(s\)|files? affected|affected files?|文件|位置)$/i;
const SEVERITY = /^(?:severity|priority|risk level|level|impact level|criticality|严重性|优先级)$/i;
const NUMBERING = /^(?:#|no\.?|id|rank)$/i;

export function classifyTable(header: string[]): TableShape | undefined {
  const names = header.map((h) => h.replace(/[*_`]/g, '').trim());
  const location = names.findIndex((h) => LOCATION.test(h));
  const severity = names.findIndex((h) => SEVERITY.test(h));
  // `Risk` names the concern only when no other column does (`| Untested Area | Files | Risk |`).
  const titles = names.flatMap((h, i) => (TITLE.test(h) ? [i] : []));
  let title = titles.find((i) => !/^risks?$/i.test(names[i] ?? '')) ?? titles[0] ?? -1;
  if (title < 0 && location < 0) return undefined;
  if (title < 0) {
    // No column names the concern: the location itself is the title (`| File | Why |`).
    title = location;
  }
  if (NUMBERING.test(names[title] ?? '')) return undefined;
  const numberColumns = names.flatMap((h, i) => (NUMBERING.test(h) ? [i] : []));
  const shape: TableShape = { titleColumn: title, numberColumns };
  if (location >= 0) shape.locationColumn = location;
  if (severity >= 0) shape.severityColumn = severity;
  return shape;
}
