/**
 * The section-per-concern form: `## 1. Firebase config is shared by dev and prod` then
 * paragraphs and bullets (often path-led: `- `src/x.ts:22` — why`) naming files. The heading is
 * the concern, its body the concern's text, every path in it the concern's references. Told
 * apart by shape: the section holds no concern form of its own (no bold title, no table or
 * bold-titled list of concerns, no fields, no sub-headings), names a file, and its heading is
 * a sentence, not a category's name (`## Tech Debt`, `## Known Bugs`, `## 보안` keep their
 * path-led bullets as concerns).
 */
import { extractReferences } from '../../extract/references';
import type { DocumentReader } from '../reader';
import type { Section } from '../draft';
import { isPlaceholder, isResolvedSection, reportsNothingWrong, severityFromSection, withoutMarks } from '../markers';
import { splitConcernLabel } from '../labels';
import { isConcernSectionName, statedWords } from '../sectionNames';
import { classifyBlock } from '.';
import { hasBoldTitledItems } from './listItems';

/**
 * The category of such concerns: none. No level of the document groups them, and a category
 * guessed from the heading's words (`Security` from "보안 규칙") would be shown as if written.
 */
export const SECTION_CONCERN_CATEGORY = '';

/** Whether this top-level section, with this cleaned name, is one concern written out. */
export function isSectionConcern(reader: DocumentReader, section: Section, name: string): boolean {
  // `## 3. No automated tests` with only prose under it says what is missing: one concern
  // (read as a category, it held nothing and the concern was lost).
  const absent = statesAbsence(name) && section.blocks.every((b) => b.type !== 'list' && classifyBlock(b, reader).kind === 'prose');
  // `## ✅ Completed Fixes (recent)` lists what was done: many fixes, not one concern.
  if (section.children.length > 0 || section.blocks.length === 0 || (namesCategory(name) && !absent) || isResolvedSection(name)) return false;
  // `## DRIFT-1 — Config lists synced by hand`: the document's id for one concern; its bold
  // labels (`**Remaining fix (deferred):**`) are the concern's fields, not concerns of a category.
  if (hasConcernId(name)) return true;
  for (const block of section.blocks) {
    const { kind } = classifyBlock(block, reader);
    if (kind === 'title' || kind === 'concern-table' || kind === 'fields' || kind === 'field') return false;
    if (kind === 'concern-list' && block.type === 'list' && hasBoldTitledItems(reader, block)) return false;
  }
  const first = section.blocks[0]!;
  const last = section.blocks[section.blocks.length - 1]!;
  const body = reader.text.slice(first.position?.start.offset ?? 0, last.position?.end.offset ?? 0);
  // `## Missing auth on admin routes` says what is wrong: its body is the concern's, named file or not.
  return absent || statesConcern(name) || extractReferences(body).some((ref) => ref.kind === 'file');
}

/** The heading opens with an id the document gives one concern (`SEC-1 —`, `DRIFT-1 —`), and the rest names no category or severity (`P1 — Critical` is a group). */
function hasConcernId(name: string): boolean {
  const { label, title } = splitConcernLabel(name);
  return label !== undefined && !severityFromSection(title) && !namesCategory(title);
}

/**
 * A heading that says something is missing (`No automated tests`, `Kein Backup der Datenbank`,
 * `Sin límite de tamaño`, `没有测试`): a concern, unless it is the template's category
 * (`Missing Critical Features`), a placeholder, or says nothing is wrong (`No issues found`).
 */
export function statesAbsence(name: string): boolean {
  const bare = withoutMarks(name);
  return ABSENCE.test(bare) && !MISSING_FEATURES.test(bare) && !reportsNothingWrong(bare) && !isPlaceholder(bare);
}

const ABSENCE =
  /^(?:(?:no|missing|lack(?:ing)?\s+of|without|absent|keine?[nrs]?|fehlende?[nrs]?|ohne|sin|falta\s+de|sem|ausência\s+de|aucune?|pas\s+de|manque\s+de|sans|nessun[oa]?|mancanza\s+di|senza)\s|没有|缺少|缺乏)/iu;

/** A category of what is missing (`Missing Critical Features`): there, `No analytics` is a concern, not a finding of nothing. */
export function namesMissingFeatures(category: string): boolean {
  return MISSING_FEATURES.test(withoutMarks(category));
}

/** The template's category of missing features, in the family's languages. */
const MISSING_FEATURES = /^(?:missing|fehlende)\s+(?:critical\s+|kritische\s+|wichtige\s+)?(?:features?|funktion(?:en|alität)?|functionality)\b/iu;

/**
 * A heading that names a category rather than states a concern: a severity (`## High`), a
 * few words (`## 보안`, `## Tech Debt`, `## 3. Known Bugs`), or a category's words in a short
 * phrase (`## Security Considerations`, `## Missing Critical Features`). A short phrase that
 * holds a category's word but says what is wrong (`## Missing auth on admin routes`, two words
 * or more that name no category) states a concern.
 */
export function namesCategory(name: string): boolean {
  if (severityFromSection(name)) return true;
  // `Missing Features (from ideas/ and notes/)`: a note in parentheses says where from, not what.
  const bare = withoutMarks(name).replace(/(?<=\S)\s*[(（][^()（）]{1,80}[)）]\s*$/u, '');
  const words = wordCount(bare);
  if (words <= 2) return true;
  return words <= 5 && (isConcernSectionName(name) || CATEGORY_WORD.test(name)) && statedWords(bare) < 2;
}

/**
 * A heading that holds a category's word but is a sentence about one thing: a concern written
 * as a section, with or without a file named under it.
 */
export function statesConcern(name: string): boolean {
  return isConcernSectionName(name) && !namesCategory(name);
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Words, a run of Chinese or Japanese (no spaces there) counting one per four characters. */
function wordCount(text: string): number {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .reduce((n, token) => n + Math.max(1, Math.ceil((token.match(CJK)?.length ?? 0) / 4)), 0);
}

/** A category's word in a heading, in the languages of the family. */
const CATEGORY_WORD =
  /security|vulnerab|보안|安全|セキュリティ|sicherheit|seguridad|segurança|sécurité|sicurezza|performance|bottleneck|성능|性能|パフォーマンス|leistung|rendimiento|desempenho|prestazioni|\btests?\b|testing|테스트|测试|テスト|pruebas|testes|\bbugs?\b|버그|缺陷|バグ|fehler|errores|bogues|tech(?:nical)? debt|기술 부채|技术债|技術的負債|schulden|deuda|dívida|dette|debito/iu;
