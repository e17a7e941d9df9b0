import type { Range } from 'vscode-languageserver-types';

/**
 * Where a reference is written, as a key: a reference several concerns share (`- Files for all
 * of the above: …`) stands once in the text, so what is said or done there is said or done once.
 */
export function placeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
}
