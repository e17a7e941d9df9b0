import type { Severity } from '../model';

/**
 * Words and signs that documents use for severity, resolution and placeholders.
 * All checks are single-pass regular expressions over short strings (titles, labels, values).
 */
const SEVERITY_WORDS: [RegExp, Severity][] = [
  // `(?![A-Za-z0-9])` rather than `\b`: \b does not see a boundary after CJK characters.
  // Then German, Spanish/Portuguese/Catalan/Italian, French, Korean, Japanese.
  [/^(?:critical|blocker|p0|sev[- ]?0|关键|严重|致命|kritisch|cr[ií]tic[oa]|critique|치명적|심각|긴급|重大|緊急|критическ\p{L}*|критичн\p{L}*|nghiêm trọng|kritis|kritik|krytyczn\p{L}*)(?![\p{L}0-9])/iu, 'critical'],
  [/^(?:high|major|p1|sev[- ]?1|高|hoch|alt[oa]|[ée]lev[ée]e?|높음|상|высок\p{L}*|cao|tinggi|yüksek|wysok\p{L}*)(?![\p{L}0-9])/iu, 'high'],
  [/^(?:medium|moderate|med|p2|sev[- ]?2|中|mittel|m[eé]di[oa]|moderad[oa]|mitj[aà]|moyen(?:ne)?|보통|중간|중|средн\p{L}*|trung bình|sedang|orta|średni\p{L}*)(?![\p{L}0-9])/iu, 'medium'],
  [/^(?:low|minor|trivial|p3|sev[- ]?3|低|niedrig|gering|baj[oa]|baix[oa]|bass[oa]|faible|낮음|하|низк\p{L}*|thấp|rendah|düşük|nisk\p{L}*)(?![\p{L}0-9])/iu, 'low'],
];

const EMOJI: [string, Severity][] = [['🔴', 'high'], ['🟠', 'high'], ['🟡', 'medium'], ['🟢', 'low'], ['⚪', 'low']];

/** A severity from a field value or table cell such as `HIGH`, `🔴 **CRITICAL**`, `Medium - ...`. */
export function severityFromValue(value: string): Severity | undefined {
  const cleaned = value.replace(/[*_`~[\]]/g, '').replace(/^[\s\p{Extended_Pictographic}\uFE0F]+/u, '').trim();
  for (const [pattern, severity] of SEVERITY_WORDS) if (pattern.test(cleaned)) return severity;
  return severityFromEmoji(value);
}

export function severityFromEmoji(text: string): Severity | undefined {
  for (const [emoji, severity] of EMOJI) if (text.includes(emoji)) return severity;
  return undefined;
}

/**
 * A title's severity tag: `[HIGH] Token reuse`, `P1: Token reuse`, `Token reuse (High)`,
 * `Image loss (Critical - Business Impact)`, `Retry storm (Severity: High)`, `Slow page — HIGH`.
 * Only a severity word standing alone in its brackets (or before a dash and a note) is a tag:
 * `(high memory use)` says what is wrong. Returns the title without it, and the severity.
 */
export function splitSeverityTag(title: string): { title: string; severity?: Severity } {
  const trailing = TRAILING_TAG.exec(title);
  if (trailing?.[1] !== undefined) {
    const severity = tagSeverity(trailing[1]);
    if (severity) return { title: title.slice(0, trailing.index).trimEnd(), severity };
  }
  const dash = TRAILING_DASH_TAG.exec(title);
  if (dash?.[1]) {
    const severity = severityFromValue(dash[1]);
    if (severity) return { title: title.slice(0, dash.index).trimEnd(), severity };
  }
  const leading = LEADING_TAG.exec(title);
  const inner = leading?.[1] ?? leading?.[2] ?? leading?.[3] ?? leading?.[4];
  if (leading && inner !== undefined) {
    const severity = tagSeverity(inner);
    if (severity) return { title: title.slice(leading[0].length), severity };
  }
  // `Token reuse — Low / Tracked`, `Key bypasses RLS — High (Architectural)`: a severity and a
  // tracking status after the last dash.
  const status = TRAILING_DASH_STATUS.exec(title);
  if (status?.[1]) {
    const words = status[1].split(/[/,|+]/).map((w) => w.trim());
    const severity = words.map((w) => severityFromValue(w)).find((x) => x !== undefined);
    return severity ? { title: title.slice(0, status.index).trimEnd(), severity } : { title: title.slice(0, status.index).trimEnd() };
  }
  // `SUSPICIOUS — Argument injection`, `WEAK PRACTICE — Port hard-coded`: a reviewer's tag in
  // capitals, a word a tag is (an acronym, `CORS — …`, may be the subject) or two words.
  const caps = LEADING_CAPS_TAG.exec(title);
  if (caps?.[1] && (CAPS_TAG_WORDS.has(caps[1]) || /^[A-Z]{4,}[ \t]+[A-Z]{4,}$/.test(caps[1]))) return { title: title.slice(caps[0].length) };
  return { title };
}

/** A tracking status word after a title's dash. */
const STATUS_WORD = String.raw`(?:tracked|open|deferred|accepted|acknowledged|known|monitoring|monitored|planned|backlog|documented|investigating|in[ \t]progress|wont[ \t]?fix|won't[ \t]fix|mitigated|partially[ \t]mitigated|partial|confirmed|unconfirmed|suspected|untracked|new|critical|high|medium|low|blocker|major|minor|(?:(?:rủi ro|risiko|riesgo|risco|риск|ryzyko|risque|rischio)[ \t]+)?(?:cao|trung[ \t]bình|thấp|nghiêm[ \t]trọng|tinggi|sedang|rendah|yüksek|orta|düşük|высокий|средний|низкий|критический|wysoki|średni|niski|krytyczny))`;
const TRAILING_DASH_STATUS = new RegExp(
  String.raw`(?<![ \t])[ \t]+[—–][ \t]+(${STATUS_WORD}(?:[ \t]*[/,|+][ \t]*${STATUS_WORD}){0,3})(?:[ \t]*[(（][^()（）\n]{0,80}[)）])?[ \t]*$`,
  'iu',
);
/** `SUSPICIOUS — `: one to three words in capitals, then a long dash. */
const LEADING_CAPS_TAG = /^([A-Z]{2,}(?:[ \t]+[A-Z]{2,}){0,2})[ \t]+[—–][ \t]+(?=\S)/;
const CAPS_TAG_WORDS = new Set(['SUSPICIOUS', 'SUSPECTED', 'CONFIRMED', 'POTENTIAL', 'LIKELY', 'POSSIBLE', 'UNVERIFIED', 'WARNING', 'WARN', 'NOTE', 'INFO', 'CONCERN', 'RISK', 'BUG', 'DEBT', 'TODO', 'FIXME', 'HACK', 'SMELL', 'GAP', 'URGENT', 'IMPORTANT', 'SEVERE', 'MODERATE', 'OPEN', 'NEW', 'KNOWN', 'DEFERRED', 'TRACKED', 'FRAGILE', 'DEPRECATED', 'LEGACY', 'MINOR', 'MAJOR']);

// Bounded and anchored: a tag is short, its note has no brackets of its own.
const TRAILING_TAG = /(?<![ \t])[ \t]*[(（[]([^()（）[\]\n]{1,60})[)）\]][ \t]*$/u;
const TRAILING_DASH_TAG = /(?<![ \t])[ \t]+[—–-][ \t]+((?:CRITICAL|HIGH|MEDIUM|LOW|BLOCKER|MAJOR|MINOR|P[0-3])(?:[ \t]+(?:priority|severity|risk))?)(?:[ \t]*[(（][^()（）\n]{0,80}[)）])?[ \t]*$/iu;
const LEADING_TAG = /^(?:[(（[]([^()（）[\]\n]{1,40})[)）\]][ \t]*|((?:CRITICAL|HIGH|MEDIUM|LOW|BLOCKER|P[0-3]))[ \t]*[:：—–-][ \t]*|((?:[Cc]ritical|[Hh]igh|[Mm]edium|[Ll]ow|[Bb]locker))(?:[ \t]*[:：]|[ \t]+[—–-])[ \t]+|((?:CRITICAL|HIGH|MEDIUM|LOW|BLOCKER|MAJOR|MINOR|MODERATE|SEVERE|TRIVIAL))(?:[ \t]+for[ \t]+(?:[\p{Ll}-]{1,20}[ \t]+){0,3}[\p{Ll}-]{1,20})?[ \t]*[:：][ \t]+)(?=\S)/u;
const TAG_INNER = /^(?:(?:severity|priority|prio|risk|impact)[ \t]*[:：][ \t]*)?(\S+?)(?:[ \t]+(?:priority|severity|risk|impact))?[ \t]*(?:[-–—:：,/][ \t]*[^\n]*)?$/iu;

/** The severity a tag's text says, when the tag is only that (and perhaps a note after a dash). */
function tagSeverity(inner: string): Severity | undefined {
  const m = TAG_INNER.exec(inner.trim());
  if (!m?.[1]) return undefined;
  const word = m[1].replace(/[*_`~]/g, '');
  // `P1 - Critical`, `P3, Medium`: a level's number is a team's own scale, its word says the severity.
  if (/^(?:p|sev[- ]?)[0-3]$/i.test(word)) {
    const note = /^[ \t]*[-–—:：,/][ \t]*(\S+)/u.exec(inner.trim().slice(m[1].length))?.[1];
    const stated = note !== undefined ? severityFromValue(note.replace(/[*_`~]/g, '')) : undefined;
    if (stated && !/^(?:p|sev[- ]?)[0-3]/i.test(note ?? '')) return stated;
  }
  // The token must be the severity word itself (`High`, `P1`, `高`), not a word beginning with it.
  for (const [pattern, severity] of WHOLE_SEVERITY_WORDS) if (pattern.test(word)) return severity;
  return undefined;
}

/** `SEVERITY_WORDS` as whole words, perhaps a span of two (`Medium-High` reads as its first). */
const WHOLE_SEVERITY_WORDS: [RegExp, Severity][] = SEVERITY_WORDS.map(([pattern, severity]) => [
  new RegExp(`${pattern.source.replace(/\(\?!\[\\p\{L\}0-9\]\)$/, '')}(?:[-/–](?:critical|high|medium|low))?$`, pattern.flags),
  severity,
]);

/** A section name without the emoji, numbering and blanks before its words (`🔴 3. Critical` → `Critical`). */
export function withoutMarks(name: string): string {
  return name.replace(/^[\s\p{Extended_Pictographic}\uFE0F\d.)]+/u, '');
}

/** A section named for a severity: `Critical`, `High Priority`, `Medium Priority Issues`, `🔴 High`, `Medium-Low`. */
export function severityFromSection(name: string): Severity | undefined {
  // `P1 — Critical`, `Priority 2: Medium`: the word says the severity (a bare `P1` does not: no guess).
  const cleaned = withoutMarks(name).replace(/^(?:p|prio(?:rity)?\s*)\d\s*(?:[-—–:：]\s*|\s+)(?=\S)/i, '').trim();
  // A span of two (`Medium-Low Priority`, `High/Medium`) reads as its first, as in field values.
  const match = /^(critical|high|medium|low)(?:\s*[-/–]\s*(?:critical|high|medium|low))?(?:[\s-]+(?:priority|severity|risk|risks|issues?|concerns?|impact|items?|findings?))*\s*(?:[(（][^)）]*[)）])?\s*(?:[-–—:：]\s.*)?$/i.exec(cleaned);
  if (!match?.[1]) return foreignSeveritySection(cleaned);
  return match[1].toLowerCase() as Severity;
}

/** `Priorité haute`, `Prioridad alta`, `Alta prioridad`, `Hohe Priorität`, `高优先级`, `우선순위 높음`: a priority named in another language. */
function foreignSeveritySection(name: string): Severity | undefined {
  // (A trailing parenthesis off, found by hand: a pattern with blanks before it is quadratic on blanks.)
  let cleaned = withoutMarks(name).trim();
  if (/[)）]$/.test(cleaned)) {
    const open = Math.max(cleaned.lastIndexOf('('), cleaned.lastIndexOf('（'));
    if (open >= 0 && !/[()（）]/.test(cleaned.slice(open + 1, -1))) cleaned = cleaned.slice(0, open).trim();
  }
  for (const [pattern, severity] of FOREIGN_SEVERITY_SECTIONS) if (pattern.test(cleaned)) return severity;
  return undefined;
}

const PRIORITY_WORD = String.raw`(?:priorit[ée]s?|prioridad(?:es)?|prioridades?|priorit[àa]|priorit[äa]t|приоритет|ưu tiên|prioritas|öncelik|priorytet)`;
const FOREIGN_LEVELS: [string, Severity][] = [
  [String.raw`(?:critique|cr[ií]tica|cr[ií]tico|kritisch(?:e|er)?|критический|nghiêm trọng|kritis|kritik|krytyczny)`, 'critical'],
  [String.raw`(?:haute|[ée]lev[ée]e|alta|alto|hohe|hoch|высокий|cao|tinggi|yüksek|wysoki)`, 'high'],
  [String.raw`(?:moyenne|media|m[ée]dia|medio|mittlere|mittel|средний|trung bình|sedang|orta|średni)`, 'medium'],
  [String.raw`(?:basse|faible|baja|baixa|bajo|baixo|bassa|niedrige|niedrig|низкий|thấp|rendah|düşük|niski)`, 'low'],
];
const FOREIGN_SEVERITY_SECTIONS: [RegExp, Severity][] = [
  ...FOREIGN_LEVELS.map(([level, severity]): [RegExp, Severity] => [
    new RegExp(String.raw`^(?:${PRIORITY_WORD}[ \t]*[:：-]?[ \t]*${level}|${level}[ \t]+${PRIORITY_WORD})$`, 'iu'),
    severity,
  ]),
  [/^(?:紧急|严重|致命|緊急|치명적|긴급)(?:优先级|優先度)?$/u, 'critical'],
  [/^(?:高优先级|优先级[:：]?[ \t]*高|高優先度|優先度[:：]?[ \t]*高|우선순위[:：]?[ \t]*높음|높은[ \t]*우선순위|높음)$/u, 'high'],
  [/^(?:中优先级|优先级[:：]?[ \t]*中|中優先度|優先度[:：]?[ \t]*中|우선순위[:：]?[ \t]*(?:중간|보통)|중간[ \t]*우선순위|중간|보통)$/u, 'medium'],
  [/^(?:低优先级|优先级[:：]?[ \t]*低|低優先度|優先度[:：]?[ \t]*低|우선순위[:：]?[ \t]*낮음|낮은[ \t]*우선순위|낮음)$/u, 'low'],
];

/** A title or section that says the concern is dealt with. */
export function isResolvedTitle(title: string): boolean {
  // `Fixed in sprint 4, then reverted: the token is logged again`: a fix taken back.
  if (TAKEN_BACK.test(title)) return false;
  // `— teilweise ✔ ERLEDIGT`, `partially fixed in v2`: done only in part, still open.
  if (/\b(?:partial(?:ly)?|partly|teilweise|parcialmente|partiellement|parzialmente)[ \t]+(?:[✅✔]\uFE0F?[ \t]*)?(?:fixed|resolved|done|addressed|erledigt|behoben|gelöst|resuelt[oa]|resolvid[oa]|résolue?|risolt[oa])\b/iu.test(title)) return false;
  // `— ✔ ERLEDIGT (2026-08-14)`, `— ✔ DONE`: the verdict after the dash, checked and dated.
  if (/[—–-][ \t]*(?:[✅✔]\uFE0F?[ \t]*)?(?:RESOLVED|FIXED|DONE|CLOSED|ERLEDIGT|BEHOBEN|GELÖST|[Ee]rledigt|[Bb]ehoben|[Gg]elöst)(?:[ \t]*[(（][^()（）\n]{0,40}[)）])?[ \t]*$/u.test(title)) return true;
  // `— ✔ FALSCH-POSITIV (2026-08-14)`, `— False positive`: checked, and nothing was wrong.
  if (/[—–-][ \t]*(?:[✅✔]\uFE0F?[ \t]*)?(?:false[ -]positive|falsch[ -]positiv|faux[ -]positif|falso[ -]positivo)\b/iu.test(title)) return true;
  // `No CI — RESOLVED 2026-09-03: ci.yml added`, `Stale cache - Fixed (v2.1)`: the verdict after a dash, dated or explained.
  if (/[—–-][ \t]*(?:\*\*|__)?(?:RESOLVED|FIXED|DONE|Resolved|Fixed)(?:[ \t]+(?:on[ \t]+|in[ \t]+)?\d{4}-\d{2}|(?:\*\*|__)?[ \t]*[:(（])/.test(title)) return true;
  // `Mock data in production code — RESOLVED`: the verdict alone after the dash, in capitals or as a word of its own.
  if (/[—–-][ \t]*(?:\*\*|__)?(?:RESOLVED|FIXED|DONE|CLOSED|Resolved|Fixed|Closed)(?:\*\*|__)?[ \t]*$/.test(title)) return true;
  // A note's body stops at the next parenthesis: `(resolved (resolved ...` stays linear.
  if (/[—–-]\s*(?:해소|해결됨?|완료|已解决|已修复|解決済み?|対応済み?|修正済み?|behoben|erledigt|gelöst|resuelto|corregido|résolu|corrigé|risolto)\s*$/iu.test(title)) return true;
  // `Closed in iteration 3.`, `Fixed in sprint 12`: done, and when.
  if (/^\s*(?:\*\*|__)?(?:closed|fixed|resolved|done|addressed)\s+(?:in|with|by)\s+(?:iteration|sprint|phase|release|version|wave|milestone|commit|pr\b|pull request|#\d|v\d)/i.test(title)) return true;
  return /✅|✔️|\(\s*(?:resolved|fixed)\b[^()]*\)|\(\s*(?:(?:recently|already|now)\s+)?(?:resolved|fixed|done)(?:\s+in\s+[^(),]*)?\s*\)|\b(?:resolved|fixed) in\b|^\s*(?:\[x\]\s*)?(?:resolved|fixed)\b|^\s*(?:recent|recently applied)\s+fixes\b/i.test(title);
}

export function isResolvedSection(name: string): boolean {
  return /\b(?:fixed|resolved|addressed|closed|done|completed?|recent fixes|fixes applied|behoben|erledigt|gelöst|resueltos?|corregidos?|résolus?|corrigés?|risolti|resolvidos?)\b/i.test(name) || RESOLVED_CJK.test(name);
}

/** Resolved in Chinese, Japanese and Korean (no word boundaries there). */
const RESOLVED_CJK = /해소|해결(?:됨|된|완료)|완료된|已解决|已修复|已完成|解決済|対応済|修正済|完了した/u;

/**
 * A status that says the concern is dealt with, and says no more than that: `Mitigated but not
 * fully resolved`, `Fixed, except on Windows` and `Resolved in part` leave it open, since a
 * concern wrongly hidden as resolved is worse than one shown that is nearly done.
 */
export function isResolvedStatus(value: string): boolean {
  const m = /^(?:[\s*_✅]|✔️|✔)*(?:fixed|resolved|done|closed|addressed|complete[d]?|mitigated|behoben|erledigt|gelöst|resuelto|corregido|solucionado|resolvido|corrigido|résolu|corrigé|risolto|resolt|corregit|solucionat|해결|해소|완료|已解决|已修复|已完成|解決済|対応済|修正済)(?![\p{L}])/iu.exec(value.replace(/\uFE0F/g, ''));
  return m !== null && !ONLY_IN_PART.test(value.slice(m[0].length));
}

/** `Already fixed in current code (…)`, `Now resolved`, `Was fixed - now uses defer`, `Fixed in commit 6016db1`, `Fixed in v1.2`, `Fixed by #412` (not `Fixed in 3 of 5 places`). */
const ALREADY_DONE = /^(?:[*_]{0,2})(?:(?:already|now|was|has[ \t]+been|have[ \t]+been)\s+(?:fixed|resolved|addressed|implemented)\b|(?:fixed|resolved|addressed)[ \t]+(?:in|by|with)[ \t]+(?:(?:commit|PR|pull[ \t]+request|MR)[ \t]*)?(?:[0-9a-f]{7,40}\b|#\d+\b|v?\d+\.\d+))/i;

/**
 * A field that opens by saying the work is done (`Workaround: Already fixed.`), and takes none
 * of it back: "Already fixed for `bookings_insert` … any future policy is at risk" was done in
 * one place, and the concern stays open.
 */
export function isAlreadyDone(value: string): boolean {
  const m = ALREADY_DONE.exec(value);
  if (!m) return false;
  const rest = value.slice(m[0].length, m[0].length + 400);
  return !/^\s+for\s/i.test(rest) && !ONLY_IN_PART.test(rest);
}

/**
 * `- Resolved 2026-10 (Phase 4): the tab now lists …`, `**Fixed in v1.2:**`: a field whose label
 * says when it was resolved: the word and a date, version or parenthesis. `Done criteria` and a
 * bare `Fixed` are no such label.
 */
export function isResolvedLabel(label: string): boolean {
  // (A bare `**Fixed:**` over the parts done, beside `**Remaining:**`, says when nothing: not this.)
  return /^(?:resolved|fixed|done|closed|addressed|completed?|mitigated)(?:[ \t]+(?:on|in|since|as of))?(?:[ \t]*[,;—–-])*(?:[ \t]*(?:\d{4}-\d{2}(?:-\d{2})?|v?\d+(?:\.\d+)*|[(（][^()（）]{0,40}[)）])(?:[ \t]*[,;—–-])*)+$/i.test(label.trim());
}

/** Words after a resolved status that take it back in part (`but`, `not fully`, `still`, `partially`). */
const ONLY_IN_PART =
  /\b(?:but|not|partial(?:ly)?|partly|in part|mostly|still|except|excluding|apart from|other than|however|pending|remaining|yet|again|regress(?:ed|es|ion)?|reintroduced|reopened|reverted|rolled back|aber|nicht|teilweise|noch|außer|pero|excepto|parcial(?:mente)?|todav[ií]a|mas|mais|ainda|partiellement|encore|ma|parzialmente|ancora)\b|但|仍|未|部分|一部|まだ|일부|아직|미해결/iu;

/** Words that take a fix back: it came undone. */
const TAKEN_BACK = /\b(?:again|reverted|rolled back|regress(?:ed|es|ion)|reintroduced|reopened|came back)\b/i;

/** "All fixed except the Windows path", "All cleared, but two came back": done only in part, or undone. */
export function takesItBack(text: string): boolean {
  return ONLY_IN_PART.test(text) || TAKEN_BACK.test(text);
}

/** `Not detected`, `Not applicable`, `None`: the template's way of saying "nothing here". */
export function isPlaceholder(text: string): boolean {
  // (`Not detected for this focus.`, `None identified as urgent.`, `Not applicable - Local iPad app`,
  // `None found in scan (see Evidence below).`: the same, for a scope, with a reason or a note.)
  return /^[\s*_]*(?:not detected|not applicable|none(?: (?:(?:explicitly|currently|yet) )?(?:detected|identified|found|known|documented|reported|observed|noted))?|n\/a|not measurable|no (?:known )?(?:issues|concerns)(?: (?:detected|identified|found))?|未发现|无)(?: (?:for|in) (?:this|the) (?:focus|scope|codebase|project|repo(?:sitory)?|area|section|pass)| (?:in|during) (?:the )?(?:scan|search|audit|review|analysis|source|code)| for (?:the )?(?:core|main|current|existing) (?:functionality|features?|code(?:base)?|modules?|scope)| as (?:urgent|critical|blocking)| [-—–] [^\n]{1,80})?(?:[ \t]*\([^()\n]{0,60}\))?[\s*_.:：]*$/i.test(text);
}

// What is good to be without, as the head of a phrase: `vulnerabilities`, `Telemetrie`, `problemas`.
const BAD_NOUN = String.raw`(?:vulnerabilit(?:y|ies)|issues?|problems?|errors?|bugs?|defects?|concerns?|risks?|leaks?|leakage|exposures?|telemetry|tracking|analytics|todos?|fixmes?|hacks?|warnings?|cves?|schwachstellen|probleme|fehler|telemetrie|lecks?|vulnerabilidad(?:es)?|vulnerabilidades?|problemas|errores|erros|vulnérabilités?|problèmes|erreurs|vulnerabilità|problemi|errori)`;
// What is good not to be, before what it qualifies: `deprecated packages`, `veralteten Pakete`.
const BAD_ADJECTIVE = String.raw`(?:deprecated|outdated|unmaintained|vulnerable|abandoned|veraltet\w*|unsicher\w*|obsolet\w*|desactualizad\w*|desatualizad\w*|obsolète\w*|obsolet[aoie])`;
const NEGATION = String.raw`(?:no|zero|keine?[nrs]?|kein|sin|ningun[oa]?s?|ningún|sem|nenhu(?:m|ma)|aucune?s?|pas de|nessun[oa]?|nessun)`;
const FOUND = String.raw`(?:found|detected|identified|present|gefunden|festgestellt|erkannt|vorhanden|encontrad[oa]s?|detectad[oa]s?|detectad[oa]s?|trouvée?s?|détectée?s?|rilevat[oaie]|trovat[oaie])`;
/** The markers of debt in code that audits count: `TODO`, `FIXME`, `HACK`, `XXX`, `DEPRECATED`, `WORKAROUND`. */
const DEBT_MARKER = String.raw`(?:todo|fixme|hack|xxx|bug|note|deprecated|workaround|temp|kludge)s?`;
/** A status saying all is well: `clean`, `limpo`, `sauber`, `OK`. */
const CLEAN = String.raw`(?:clean|limpo|limpio|sauber|propre|pulito|ok|okay|fine|healthy|none|nothing found)`;

const NOTHING_WRONG = new RegExp(
  [
    // `npm audit` → **0 vulnerabilities**
    String.raw`(?:^|[\s→:>=(])0\s+${BAD_NOUN}\b`,
    // `No telemetry found`, `Keine Telemetrie / Analytics gefunden`, `No known issues.`: the noun heads the phrase.
    String.raw`(?:^|[\s(])${NOTHING_WORDS()}(?:[\p{L}-]+\s+)??${BAD_NOUN}(?:\s*/\s*\p{L}+)?(?:\s+(?:known|conocid[oa]s?|conhecid[oa]s?|connue?s?|not[ei]))?(?=\s*(?:$|[.;,!–—:)-]|${FOUND}\b))`,
    // `No known runtime bugs detected.`: a word or two before the noun, when "found" follows.
    String.raw`(?:^|[\s(])${NOTHING_WORDS()}(?:[\p{L}-]+\s+){1,2}?${BAD_NOUN}\s+(?:(?:were|was|have been|has been)\s+)?${FOUND}\b`,
    // `No secrets in code`, `No hardcoded credentials found`: what must not be there is not (`No secrets management` is a gap).
    String.raw`(?:^|[\s(])${NOTHING_WORDS()}(?:(?:hard-?coded|committed|leaked|exposed|plaintext)\s+)?(?:secrets?|credentials?|api keys?|passwords?)(?:\s+(?:in|committed to|checked into)\s+(?:the\s+)?(?:code|codebase|source(?: code)?|repo(?:sitory)?|git(?: history)?))?(?=\s*(?:$|[.;,!–—:)-]|${FOUND}\b))`,
    // `No TODO, FIXME or HACK comments exist`, `No TODO/FIXME markers in the codebase`: the debt markers, counted at zero.
    String.raw`(?:^|[\s(])${NEGATION}\s+(?:(?:detected|known|open|remaining|outstanding)\s+)?${DEBT_MARKER}(?:(?: ?[,/] ?| ?[,/]? (?:or|and|und|o|y|ou|e) | )${DEBT_MARKER})*\s+(?:comments?|markers?|kommentare|comentarios|comentários|commentaires|commenti)\b`,
    // `No deprecated packages detected`, `Keine offensichtlichen unmaintained oder veralteten Pakete.`
    String.raw`(?:^|[\s(])${NEGATION}\s+(?:\p{L}+\s+){0,3}?${BAD_ADJECTIVE}\s+(?:\p{L}+\s+){0,2}?\p{L}+(?=\s*(?:$|[.;,!–—:)-]|${FOUND}\b))`,
    // `**Positive: Row-level locking implemented:**`, `- **Strength:** …`: praise, not a problem.
    String.raw`^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:positive|strengths?|good practice|well done|positiv|punto fuerte|ponto forte|point fort|punto di forza)\s*[:：—–-]`,
    // `**Status: limpo.**`: a status that says all is clean, alone on its line.
    String.raw`^\s*(?:status|estado|zustand|statut|stato)\s*[:：]\s*${CLEAN}\s*[.!]?\s*$`,
    // `Secret handling (verified clean)`, `Tarball audited and clean (no secrets)`: checked, and found fine.
    String.raw`\b(?:audited|checked|verified|reviewed|scanned|auditad[oa]s?|verificad[oa]s?|revisad[oa]s?|geprüft|vérifiée?s?)\s+(?:(?:and|e|y|und|et)\s+${CLEAN}|(?:clean|sauber|limpo|limpio|propre|pulito))\b`,
    // `… – clean.`, `alle aktuell`
    String.raw`[–—-]\s*(?:clean|sauber|limpio|limpo|propre|pulito)\s*[.!]?\s*$`,
    String.raw`\b(?:all|alle|todos|toutes|tutti)\s+(?:up[- ]to[- ]date|current|aktuell|actualizados|atualizados|à jour|aggiornati)\b`,
  ].join('|'),
  'iu',
);

/**
 * A title that gives its subject a verdict of sound: `입력 검증 — 양호`, `Input validation — good`,
 * `블로킹 호출 — 발견되지 않음`. The audit looked there and found it fine: no concern.
 */
export function titleSaysSound(title: string): boolean {
  const plain = title.replace(/[*_`]/g, '');
  return SOUND_VERDICT.test(plain) || (DONE_RIGHT.test(plain) && !NEGATED.test(plain) && !BUT.test(plain));
}

/** `` `escapeJs()` used correctly for GooglePay ``, `Passwords hashed properly`: a practice found sound. */
const DONE_RIGHT =
  /\b(?:(?:used|implemented|handled|configured|applied|escaped|validated|sanitized|sanitised|enforced|scoped|stored|hashed|encrypted)\s+(?:correctly|properly|safely|securely)|(?:correctly|properly|safely|securely)\s+(?:used|implemented|handled|configured|applied|escaped|validated|sanitized|sanitised|enforced|scoped|stored|hashed|encrypted))\b/i;
/** What takes a practice's verdict back: a negation, or a part only (with `BUT`, a turn to what is still wrong). */
const NEGATED = /\b(?:not|never|no longer|only|partially|inconsistently|most|some)\b|n't\b/i;

const SOUND_VERDICT = new RegExp(
  // Single optional blanks, not runs, between the words: no two blank quantifiers side by side.
  String.raw`\s[–—] ?(?:(?:mostly|largely|대체로|大体|基本) ?)?(?:good|sound|solid|safe|fine|healthy|ok|양호|정상|안전|견고|문제 ?없음|발견되지 ?않음|良好|正常|安全|健全|問題なし|无问题|無問題|未发现)[.!]?\s*$` +
    // `Service key used server-side only (OK, with caveat)`: the verdict in a closing parenthesis.
    String.raw`|[(（] ?(?:ok|fine|sound|safe|good|well[- ]implemented|well[- ]handled|well[- ]designed|not a concern|no issue|양호|정상|안전|良好|正常|安全)(?:[,;:] [^()（）\n]{0,40})? ?[)）][.!]?\s*$`,
  'iu',
);

/** A status field's value that says all is clean (`**Status: limpo.**`): no concern. */
export function isCleanStatus(value: string): boolean {
  return CLEAN_STATUS.test(value.replace(/[*_`]/g, ''));
}

// `✅ **OK**`, `✅ Acceptable`: a tick before it says the same.
const CLEAN_STATUS = new RegExp(String.raw`^[\s\p{Extended_Pictographic}\uFE0F]*(?:${CLEAN}|acceptable|aceptable|aceit[aá]vel|akzeptabel|accettabile)\s*[.!]?\s*$`, 'iu');

function NOTHING_WORDS(): string {
  return String.raw`${NEGATION}\s+(?:(?:known|bekannten?|obvious|offensichtlichen?|conocid[oa]s|conhecid[oa]s|connue?s|not[ei])\s+)?`;
}

/**
 * A finding that reports nothing wrong, in any of the family's languages: `npm audit` →
 * **0 vulnerabilities**, `Keine Telemetrie gefunden – sauber`, `No deprecated packages detected`,
 * `Positive: locking implemented`.
 * What is missing and should be there (`No rate limiting`, `No vulnerability scanning`) is a
 * concern: the phrase must be headed by what is good to be without.
 */
export function reportsNothingWrong(text: string): boolean {
  const plain = text.replace(/[*_`~]/g, '').slice(0, 300);
  return NOTHING_WRONG.test(plain) || (NO_DEFECT.test(plain) && !BUT.test(plain));
}

/** A turn to what is still wrong after a verdict. */
const BUT = /\b(?:but|however|except|although|though|yet|still)\b/i;
/** `… docker port output; not a defect.`, `thin entrypoints; acceptable to leave untested`: the author's own verdict that it is fine. */
const NO_DEFECT = /\bnot an? (?:defect|bug|issue|problem|concern|vulnerability)\b|\b(?:acceptable|fine|ok(?:ay)?|safe) to (?:leave|keep|ignore)\b|\bno action (?:is )?(?:needed|required)\b/i;
