/**
 * Pathological concerns documents, generated (never committed): the inputs of issue 14 that
 * crashed the parser or cost tens of seconds and gigabytes, each kept under the document cap
 * (2,000,000 characters) so that the cap is not what saves it. Used by the parser's limit tests
 * and by `npm run bench:pathological`.
 */

const HEAD = '# Codebase Concerns\n\n## Tech Debt\n\n';

export interface PathologicalInput {
  name: string;
  text: string;
}

/** `- - - - …` on one line: one list nested in the next, `depth` deep. */
export function nestedListMarkers(depth = 4_000): string {
  return `${HEAD}${'- '.repeat(depth)}x\n`;
}

/** `>>>>…`: block quotes nested `depth` deep. */
export function nestedQuotes(depth = 10_000): string {
  return `${HEAD}${'>'.repeat(depth)} x\n`;
}

/** One concern whose Files line is a single line of references, `chars` long. */
export function longReferenceLine(chars = 1_900_000): string {
  const refs: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const ref = `\`src/module${i % 997}/file${i}.ts:${(i % 400) + 1}-${(i % 400) + 9}\``;
    refs.push(ref);
    length += ref.length + 2;
  }
  return `${HEAD}**One long line:**\n- Files: ${refs.join(', ')}\n- Issue: generated\n`;
}

/** A concerns table of `rows` rows. */
export function hugeTable(rows = 100_000): string {
  const lines = ['| Concern | Files |', '|---|---|'];
  for (let i = 0; i < rows; i++) lines.push(`| c${i} | f${i % 50}.ts |`);
  return `${HEAD}${lines.join('\n')}\n`;
}

/** A paragraph of `count` backticks, in runs of mixed lengths (code spans that never close). */
export function backticks(count = 1_000_000): string {
  let text = '';
  for (let n = 1; text.length < count; n = (n % 40) + 1) text += `${'`'.repeat(n)} `;
  return `${HEAD}**Ticks:**\n- Issue: ${text}\n`;
}

/** `[(` nested `depth` times: link brackets and destinations that never close. */
export function nestedBrackets(depth = 500_000): string {
  return `${HEAD}**Brackets:**\n- Issue: ${'[('.repeat(depth)}x\n`;
}

/** `count` one-line list concerns. */
export function tinyListConcerns(count = 100_000): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) lines.push(`- **C${i}** f${i % 50}.ts`);
  return `${HEAD}${lines.join('\n')}\n`;
}

/**
 * Emphasis and link openers nested across the short lines of one paragraph, then their closers:
 * micromark pairs them in quadratic time or worse (the per-line bound does not see it).
 */
export function nestedMarksOverLines(openers = 8_000, perLine = 20): string {
  const lines = (unit: string) => Array.from({ length: Math.ceil(openers / perLine) }, () => unit.repeat(perLine)).join('\n');
  return `${HEAD}**Marks:**\n- Issue: ${lines('**_[a ')}\n${lines('b](u)_** ')}\n`;
}

/** `count` tables of `rows` rows each, one after the other. */
export function manyTables(count = 40, rows = 2_000): string {
  const tables: string[] = [];
  for (let t = 0; t < count; t++) {
    const lines = ['| Concern | Files |', '|---|---|'];
    for (let i = 0; i < rows; i++) lines.push(`| t${t}c${i} | f${i % 50}.ts |`);
    tables.push(lines.join('\n'));
  }
  return `${HEAD}${tables.join('\n\n')}\n`;
}

/** Every input at its size of the issue. */
export function pathologicalInputs(): PathologicalInput[] {
  return [
    { name: 'nested list markers (4,000)', text: nestedListMarkers() },
    { name: 'nested quotes (10,000 >)', text: nestedQuotes() },
    { name: 'single line of references (1.9 MB)', text: longReferenceLine() },
    { name: 'table of 100,000 rows', text: hugeTable() },
    { name: '1,000,000 backticks', text: backticks() },
    { name: 'nested [( (1,000,000)', text: nestedBrackets() },
    { name: '100,000 tiny list concerns', text: tinyListConcerns() },
    { name: '8,000 marks nested over 400 lines', text: nestedMarksOverLines() },
    { name: '40 tables of 2,000 rows', text: manyTables() },
  ];
}
