/** What a document says about itself before its first section: title, analysis date, commit. */
export interface Header {
  title?: string;
  analysisDate?: string;
  commit?: string;
}

const DATE = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/;
const DATE_LABEL = /(?:analysis date|analy[sz]ed|generated|date|updated|as of|分析日期|生成)/i;
const COMMIT = /\bcommit\b[\s:：`#*_]*([0-9a-f]{7,40})\b/i;

/** Reads the date and commit from the header's text (the lines before the first `##`). */
export function readHeader(headerText: string, title: string | undefined): Header {
  const header: Header = {};
  if (title) header.title = title;
  for (const line of headerText.split(/\r?\n/)) {
    if (!header.analysisDate && DATE_LABEL.test(line)) {
      const m = DATE.exec(line);
      if (m) header.analysisDate = isoDate(m[1] ?? '', m[2] ?? '', m[3] ?? '');
    }
    if (!header.commit) {
      const c = COMMIT.exec(line);
      if (c?.[1]) header.commit = c[1];
    }
  }
  if (!header.analysisDate) {
    const m = DATE.exec(headerText);
    if (m) header.analysisDate = isoDate(m[1] ?? '', m[2] ?? '', m[3] ?? '');
  }
  return header;
}

/** The first date written in `text` (`2026-04-01`, `2026-04-01T12:00:00Z`, `2026年4月1日`), as `YYYY-MM-DD`. */
export function dateIn(text: string): string | undefined {
  const m = DATE.exec(text);
  return m ? isoDate(m[1] ?? '', m[2] ?? '', m[3] ?? '') : undefined;
}

function isoDate(y: string, m: string, d: string): string | undefined {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
