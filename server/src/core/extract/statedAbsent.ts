// Whether the words around a reference say the file is not there (yet): "No `.env.example`",
// "`src/lib/env.ts` does not exist", "Create `src/config.ts`". A missing file written so is what
// the document says, not a broken reference, and is shown as such (status `proposed`); a file
// that does exist stays an ordinary reference (the document is then out of date, and it is the
// code the concern is about).
//
// Only the words right beside the path count: "No tests for `src/old.ts`" says nothing about
// `src/old.ts`, and a file deleted since must still be reported.

/** Words just before the path: `No`, `missing`, `without a`, `Create`, `add a new` ... */
const BEFORE =
  /(?:^|[\s([,;])(?:no|missing|without|lacks?|lacking|absent|absence\s+of|create|creating|add|adding|introduce|introducing|sem|kein(?:e|en)?|fehlt|ohne|sin|falta|aucun(?:e)?|sans|нет|缺少|没有|缺失|新增|创建)(?:\s+(?:a|an|the|any|new|um|uma|eine?n?|un|una|une|dedicated|separate|shared|central(?:ised|ized)?|single))*\s*$/iu;

/** Words just after the path: `does not exist`, `is missing`, `(missing)`, `not found` ... */
const AFTER = new RegExp(
  String.raw`^\s*(?:\(|,|—|–|-)?\s*(?:(?:file|folder|directory|module)\s+)?(?:(?:that|which)\s+)?` +
    String.raw`(?:(?:does\s+not|doesn['’]t|do\s+not|don['’]t)\s+exists?|(?:is|are)\s+(?:missing|absent|not\s+present|not\s+(?:yet\s+)?created|not\s+checked\s+in|not\s+committed)` +
    String.raw`|(?:was|were|has|have)\s+(?:never|not)\s+(?:been\s+)?(?:created|added|committed)` +
    String.raw`|not\s+(?:found|present|yet\s+created|created)|missing|absent|planned|to\s+be\s+created|not\s+there` +
    String.raw`|n[ãa]o\s+existe|fehlt|existiert\s+nicht|(?:ist\s+)?nicht\s+vorhanden|no\s+existe|n['’]existe\s+pas|non\s+esiste|не\s+существует|不存在|缺失)` +
    // "is missing an expiry check" is about what the file lacks: the phrase must end there.
    String.raw`(?=\s*(?:$|[.,;:!?)\]—–-]|(?:yet|anymore|any\s+more|from|in\s+(?:the\s+|this\s+)?(?:repo|repository|codebase|project))(?![\p{L}\p{N}])))`,
  'iu',
);

/**
 * The same, written on to the path in Korean and Japanese: "`firestore.indexes.json`이 저장소에
 * 없어", "`x` 파일이 존재하지 않음", "`x`は存在しません", "`x`がない".
 */
const AFTER_CJK = /^(?:\s*(?:파일|폴더|디렉터리|ファイル|フォルダ))?\s*(?:이|가|은|는|は|が)?\s*(?:(?:저장소|레포|리포지토리|프로젝트|코드베이스|リポジトリ|プロジェクト)(?:에|に)(?:는|は)?\s*)?(?:없[다어음습고는]|존재하지\s*않|存在しな|存在しません|ありません|(?:無い|ない)(?=ため|ので|[。、．，,.;\s]|$))/u;

/**
 * True when `text` says the path written at [start, end) does not exist. Only the same line is
 * read: a sentence on another line is about something else.
 */
export function saysAbsent(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  let from = Math.max(lineStart, start - 60);
  let to = start;
  // Emphasis around the path (`**No** \`x\``) is no word.
  while (to > from && (text[to - 1] === '*' || text[to - 1] === '_')) to--;
  const before = text.slice(from, to);
  from = end;
  to = lineEnd < 0 ? Math.min(text.length, end + 60) : Math.min(lineEnd, end + 60);
  while (from < to && (text[from] === '*' || text[from] === '_')) from++;
  const after = text.slice(from, to);
  return BEFORE.test(before) || AFTER.test(after) || AFTER_CJK.test(after);
}

const CONJUNCTIONS = new Set(['or', 'and', 'nor']);

/**
 * True when the text between two paths makes them one list, so that "no `a`, `b` or `c`" says it
 * of all three: `, `, `/`, ` or `, `, and `, after at most two words (`files, or`).
 */
export function continuesList(between: string): boolean {
  if (between.length > 24) return false;
  const t = between.trim();
  if (t === '/' || t === ',') return true;
  const words = t.replace(/,/g, ' , ').split(/\s+/).filter(Boolean);
  let i = 0;
  while (i < words.length && i < 2 && /^\p{L}+$/u.test(words[i]!) && !CONJUNCTIONS.has(words[i]!.toLowerCase())) i++;
  const rest = words.slice(i).map((w) => w.toLowerCase());
  const joined = rest.join(' ');
  return joined === ',' || CONJUNCTIONS.has(joined) || (rest.length === 2 && rest[0] === ',' && CONJUNCTIONS.has(rest[1]!));
}
