/**
 * References inside one code span: `web_api/auth.py`, `terminal.tsx:156`,
 * `route.ts:100, 155`, `来源：07/01_backendServer.py:218-271`, `a.py, b.py`.
 */
import type { LineRange, ReferenceKind } from '../model';
import { matchLineSpec } from './lineSpec';
import { classifyPath } from './pathShape';

export interface SpanItem {
  /** Offsets into the span content. */
  start: number;
  end: number;
  path: string;
  kind: ReferenceKind;
  ranges: LineRange[];
}

/** Separators between several paths in one span. */
const SEPARATORS = ',，、;';

/** `来源：`, `Files:`, `see:`: a short label before the path. Bounded, so linear. */
const LABEL = /^[^\s:：`/\\]{1,40}[:：]\s*/u;

function isSpace(c: string | undefined): boolean {
  return c !== undefined && /\s/.test(c);
}

/**
 * Where the path token starting at `i` ends: at whitespace, a separator outside glob braces,
 * a `:` (line spec or label; a drive letter's colon excepted) or a `#L` anchor.
 */
function tokenEnd(content: string, i: number): number {
  let depth = 0;
  let j = i;
  for (; j < content.length; j++) {
    const c = content[j] ?? '';
    if (isSpace(c)) break;
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && SEPARATORS.includes(c)) break;
    else if (c === ':' || c === '：') {
      const drive = j === i + 1 && /[A-Za-z]/.test(content[i] ?? '') && /[\\/]/.test(content[j + 1] ?? '');
      if (!drive) break;
    } else if (c === '#' && /^#L?\d/.test(content.slice(j, j + 3))) break;
  }
  return j;
}

/** Every path in `content` from `from`, or undefined when anything in it is not a path. */
function parseFrom(content: string, from: number): SpanItem[] | undefined {
  const items: SpanItem[] = [];
  let i = from;
  while (i < content.length && isSpace(content[i])) i++;
  while (i < content.length) {
    const j = tokenEnd(content, i);
    const shape = classifyPath(content.slice(i, j), true);
    if (!shape) return undefined;
    const spec = matchLineSpec(content, j);
    let end = spec ? spec.end : j;
    // A trailing colon with nothing after it (`src/x.py:`) is punctuation; `x.py:bar` is not a path.
    if (!spec && (content[j] === ':' || content[j] === '：')) {
      if (j + 1 < content.length && !isSpace(content[j + 1])) return undefined;
      end = j + 1;
    }
    items.push({ start: i, end, path: shape.path, kind: shape.kind, ranges: spec ? spec.ranges : [] });
    let k = end;
    while (k < content.length && (isSpace(content[k]) || SEPARATORS.includes(content[k] ?? ''))) k++;
    if (k === end && k < content.length) return undefined; // glued garbage after the spec
    i = k;
  }
  return items.length > 0 ? items : undefined;
}

/** The references in a code span's content; [] when the span is code, a command or prose. */
export function parseSpanContent(content: string): SpanItem[] {
  if (content.length > 2048) return []; // a code block in backticks, not a path list
  const direct = parseFrom(content, 0);
  if (direct) return direct;
  const label = LABEL.exec(content);
  if (label && label[0].length < content.length) return parseFrom(content, label[0].length) ?? [];
  return [];
}
