/**
 * The words for "line" that concerns documents write in the languages they are written in, and
 * the little words around them (range and list connectors). Documents of the get-shit-done
 * family are generated in the user's language: `línia 24`, `Zeile 24`, `строка 24`, `第24行`,
 * `24行目`, `24행`. Matching is a table look-up at one offset: constant work per call.
 */

/**
 * Words written before the number (`Zeile 24`, `líneas 10-20`), lower case. Inflected forms are
 * listed whole (Russian `строке` "on the line"), since a word must end where the table's does.
 */
const BEFORE_NUMBER_WORDS = [
  'line', 'lines', // English
  'línia', 'línies', 'linia', 'linies', // Catalan (and Polish `linia`, `linie`, `linii`)
  'línea', 'líneas', 'linea', 'lineas', 'linee', // Spanish, Italian
  'riga', 'righe', // Italian
  'linha', 'linhas', // Portuguese
  'ligne', 'lignes', // French
  'zeile', 'zeilen', // German
  'regel', 'regels', // Dutch
  'linje', 'linjer', 'linjen', 'rad', 'rader', 'raden', // Scandinavian
  'rivi', 'rivit', 'rivillä', // Finnish
  'linie', 'linii', 'wiersz', 'wiersze', 'wierszu', 'wierszach', // Polish
  'řádek', 'řádky', 'řádku', 'řádcích', 'riadok', 'riadky', // Czech, Slovak
  'строка', 'строки', 'строк', 'строке', 'строках', 'рядок', 'рядки', 'рядку', 'рядках', // Russian, Ukrainian
  'satır', 'satırlar', 'satırı', 'satırda', 'satırlarda', // Turkish
  'dòng', 'baris', 'γραμμή', 'γραμμές', 'γραμμη', // Vietnamese, Indonesian/Malay, Greek
  '라인', '줄', // Korean (also `24행` after the number; `4601줄` after it is a count)
];

/** CJK words before the number (`行 24`, `行24-30`): no word boundary is needed after them. */
const CJK_BEFORE_NUMBER = ['行'];

/** By first character, longest first, so a look-up tries only the few words that can match. */
const BY_FIRST_CHAR = new Map<string, string[]>();
for (const word of BEFORE_NUMBER_WORDS) {
  const list = BY_FIRST_CHAR.get(word[0]!) ?? [];
  list.push(word);
  BY_FIRST_CHAR.set(word[0]!, list);
}
for (const list of BY_FIRST_CHAR.values()) list.sort((a, b) => b.length - a.length);

const LONGEST_WORD = Math.max(...BEFORE_NUMBER_WORDS.map((w) => w.length));

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}_]/u.test(c);
}

/** A word for "line" at `i` (any case, whole word); the offset past it, or undefined. */
export function readLineWord(s: string, i: number): number | undefined {
  const c = s[i];
  if (c === undefined) return undefined;
  if (CJK_BEFORE_NUMBER.includes(c)) return i + 1;
  const candidates = BY_FIRST_CHAR.get(c.toLowerCase());
  if (!candidates) return undefined;
  const lower = s.slice(i, i + LONGEST_WORD + 1).toLowerCase();
  for (const word of candidates) {
    // `toLowerCase` keeps lengths for these scripts, so offsets into `lower` are offsets into `s`.
    if (lower.startsWith(word) && !isWordChar(lower[word.length])) return i + word.length;
  }
  return undefined;
}

/** Words joining the two ends of a range (`10 to 20`, `10 bis 20`, `10 à 20`, `10 a 20`), each with its space. */
export const RANGE_WORDS = ['to ', 'bis ', 'à ', 'a ', 'al ', 'até ', 'tot ', 'till ', 'do ', 'до ', 'ila '];

/** Words joining the items of a list (`41 and 58`, `41 und 58`, `41 y 58`), each with its space. */
export const LIST_WORDS = ['and ', 'und ', 'et ', 'y ', 'e ', 'i ', 'en ', 'och ', 'og ', 'и ', 've ', 'và ', 'dan '];

/** Characters joining list items in CJK text (`10、20`, `10和20`). */
export const CJK_LIST_MARKS = '，、&和及与與및';

/** Tildes that join a range when glued to both numbers (`24~30`, `24〜30行目`). */
export const RANGE_TILDES = '~〜～';

/**
 * Suffixes that make a number a line in CJK (`24行目`, `24행`, `24번째 줄`), longest first. A
 * bare single `N行` is a count (`共 1200 行`, `` `a.ts` 624 行 ``, "1,200 / 624 lines"): only
 * after `第`, or as a range or a list, is it a line; Korean `N줄` is a count (`(193줄)`) and is
 * not listed.
 */
export const CJK_LINE_SUFFIXES = ['번째 줄', '번째줄', '번 줄', '行目', '行', '행'];

/** Before the number: `第` ("number ...") makes `第24行` line 24 however it stands. */
export const CJK_ORDINAL = '第';

/** Particles between a path and its CJK line spec: `a.ts の24行目`, `a.ts 的第24行`, `a.ts의 24행`. */
export const CJK_PARTICLES = 'の的의';

/** Words after a CJK line suffix that make it a count of lines (`1200 行代码` "1,200 lines of code"). */
export const CJK_COUNT_AFTER = ['代', '程', 'コ', '코'];

/** Characters before a number that make it a count (`共 1200 行`, `约 300 行`, `約 300 行`). */
export const CJK_COUNT_BEFORE = '共约約计計总總全近超';

/**
 * The commonest of those words as a pattern, for expressions that look for a line word among
 * other text (`- Line 102:` items, `// Lines 171, 177` in code); the look-up above reads them all.
 */
export const LINE_WORD = String.raw`(?:lines?|zeilen?|l[íi]neas?|linhas?|lignes?|righe|riga|строк[аи]?|dòng|baris|satır|linia|linie)`;
