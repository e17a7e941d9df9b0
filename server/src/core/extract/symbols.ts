/**
 * Symbols written beside a reference, used later to re-anchor line numbers that have drifted:
 * "`get_marks()` in `utils.py`" and "`utils.py` `get_marks()` (line 46)".
 */
import { classifyPath } from './pathShape';
import type { CodeSpan } from './spans';

/** An identifier or member chain, optionally called: `get_marks()`, `AuthService.login`, `Foo::bar`. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*(?:(?:\.|::|#)[A-Za-z_$][\w$]*)*(?:\(\))?$/;

/** Words joining a symbol to the file that holds it. */
const CONNECTOR = /^\s{1,3}(?:in|of|from|at|inside|within|\(in)\s{1,3}$/;

/** The identifier a span holds (`get_marks()` -> `get_marks`), unless it is a path. */
export function symbolIn(text: string, span: CodeSpan): string | undefined {
  if (span.contentEnd - span.contentStart > 120) return undefined;
  const content = text.slice(span.contentStart, span.contentEnd).trim();
  if (!IDENTIFIER.test(content)) return undefined;
  if (classifyPath(content, true)) return undefined; // `a.py` in `b.py` names two files
  return content.endsWith('()') ? content.slice(0, -2) : content;
}

/** "`sym()` in `path`": the symbol in the span just before span `index`, joined by a connector word. */
export function precedingSymbol(text: string, spans: readonly CodeSpan[], index: number): string | undefined {
  const previous = spans[index - 1];
  const current = spans[index];
  if (!previous || !current || current.start - previous.end > 12) return undefined;
  if (!CONNECTOR.test(text.slice(previous.end, current.start))) return undefined;
  return symbolIn(text, previous);
}

/** What may stand between a file's span and the identifier whose lines follow: nothing, a possessive, a word or two of place. */
const FILE_TO_SYMBOL = /^[ \t]*(?:의|の|的|中的|内の|'s|(?:(?:in|during|inside|within|at|via|of|around|near|the|its)[ \t]+){1,3})?[ \t]*$/u;

/** "`path` `sym()`": the symbol span right after span `index`, separated by `FILE_TO_SYMBOL`. */
export function followingSymbol(
  text: string,
  spans: readonly CodeSpan[],
  index: number,
): { symbol: string; end: number } | undefined {
  const current = spans[index];
  const next = spans[index + 1];
  if (!current || !next || next.start - current.end > 24) return undefined;
  // `a.tsx` `f()`, and with a possessive between: `a.tsx`의 `f`, `a.ts` の `f`, `a.ts` 的 `f`;
  // or a word or two saying where in the file: `server.go` during `processReport()` (lines 332-483).
  if (!FILE_TO_SYMBOL.test(text.slice(current.end, next.start))) return undefined;
  const symbol = symbolIn(text, next);
  return symbol === undefined ? undefined : { symbol, end: next.end };
}
