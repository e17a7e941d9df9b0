/** What a section's name says: whether it holds concerns, only wraps categories, or restates them. */
import type { Context } from './draft';
import { isResolvedSection, severityFromSection, withoutMarks } from './markers';

/** The context a category heading gives the concerns beneath it. */
export function categoryContext(name: string): Context {
  const ctx: Context = { category: name, resolved: isResolvedSection(name), looseItems: isConcernSectionName(name) };
  const severity = severityFromSection(name);
  if (severity) ctx.severity = severity;
  return ctx;
}

/** Section names that hold concerns: the GSD categories, their variants, severities. */
export function isConcernSectionName(name: string): boolean {
  // `🟢 Low (nice to have)`, `3. Security`: the name after its marks and numbering.
  name = withoutMarks(name);
  return /debt|bugs?\b|issues?\b|security|vulnerab|performance|bottleneck|fr[aá]g(?:il|eis)|scal|dependenc|missing|test|gaps?\b|risks?\b|concerns?\b|problems?\b|smells?\b|^(?:critical|high|medium|low)\b(?!-)|known|architect|reliab|todos?\b|hacks?\b|fixme|limitations?|blockers?\b|bloqueador|bloqueio|bloquant/i.test(
    name,
  ) || FOREIGN_CATEGORY_WORD.test(name) || CJK_CATEGORY_WORD.test(name) || severityFromSection(name) !== undefined;
}

/** The same words in Chinese, Japanese and Korean (`## 测试缺口`, `## セキュリティ`, `## 보안 위험`): no word boundaries there. */
const CJK_CATEGORY_WORD = /测试|缺口|缺失|缺少|未确认|安全|性能|技术债|债务|风险|缺陷|依赖|扩展性|脆弱|隐患|漏洞|瓶颈|已知问题|テスト|セキュリティ|パフォーマンス|負債|リスク|依存|脆弱|バグ|既知の問題|未対応|欠如|테스트|보안|성능|부채|위험|의존|취약|버그|알려진 문제|누락|미구현/u;

/** The same words in German, Spanish, Portuguese, French and Italian (`Technische Schulden`, `Riscos de segurança`). */
const FOREIGN_CATEGORY_WORD =
  /schulden|deuda|dívida|divida|dette|debito|sicherheit|seguridad|segurança|sécurité|sicurezza|leistung|rendimiento|desempenho|prestazioni|engpäss|engpass|cuellos? de botella|gargalos?|goulots?|colli di bottiglia|frágil|fragile|zerbrechlich|skalier|escalab|escala\b|évolutiv|scalabilit|abhängigkeit|dependencias|dependências|dépendances|dipendenze|riesgos?\b|riscos?\b|risques?\b|rischi\b|risiken|risiko|testabdeckung|pruebas|testes|lacunas|lücken|brechas|lacunes|lacune|fehler\b|errores|erros\b|bogues|probleme\b|problemas|problèmes|problemi|bedenken|preocupaciones|preocupações|préoccupations|preoccupazioni|fehlende|faltantes|ausentes|manquantes|mancanti|grenzen|límites|limites|limiti|avec prudence|con (?:cuidado|cautela)|com cuidado|mit vorsicht|zones? sensibles|zonas? sensibles|áreas? sensíveis/i;

export function isNonConcernSectionName(name: string): boolean {
  if (/^(?:evidence|evidencia|evidència|evidências|evidência|preuves|belege|sources|references|open questions|questions|`?\[ask user\]`? questions|notes|glossary|legend|changelog|history|scope|scope and (?:method(?:ology)?|confidence)|confidence(?: levels?)?|analysis scope|(?:stale|non-issues|stale\s*\/\s*non-issues|non-issues\s*\/\s*stale))$/i.test(name)) return true;
  // `Key File Paths`, `Files Referenced`, `File Index`: where to look, no problem of their own.
  if (/^(?:(?:key|important|relevant|related|main)\s+)?(?:files?(?:\s+paths?)?|paths?)(?:\s+(?:referenced|index|map|list|overview))?$|^(?:files?|paths?)\s+(?:referenced|mentioned|cited)(?:\s+in this (?:document|report))?$/i.test(withoutMarks(name).trim())) return true;
  // `Open Questions`, `Preguntes Obertes [DECISION PRESA]`: what is still to be decided, in the family's languages.
  if (/^(?:open questions|preguntes obertes|preguntas abiertas|perguntas abertas|quest(?:õ|o)es abertas|offene fragen|questions ouvertes|domande aperte|未解决的?问题|待解决问题|待确认(?:事项|问题)?|待定事项|未决事项|未解決の質問|確認事項|미해결 질문|확인 필요 사항)(?![\p{L}\p{N}])/iu.test(withoutMarks(name).trim())) return true;
  // `[ASK USER] 问题`, `[ASK USER] Fragen`: questions for the user, in any language.
  if (/\[ask user\]/i.test(name)) return true;
  if (/^(?:planning |roadmap |design )?implications$/i.test(withoutMarks(name).trim())) return true;
  // `Current Branch (`wallets_pay`) — What Was Added`, `What's New`, `Release Notes`: what changed, not what is wrong.
  if (/\bwhat(?:'s| is| was| has been| got) (?:new|added|changed|built|shipped)\b|\brelease notes\b|\bchange ?log\b/i.test(name)) return true;
  // `Security smells (verified clean)`, `No issues found`: what was checked and found fine.
  if (/\bverified (?:clean|correct|ok|safe|sound)\b|\b(?:no|zero)\s+(?:known\s+)?(?:issues|concerns|problems|findings)(?:\s+(?:found|detected|identified))?\s*$|\bnothing found\b/i.test(name)) return true;
  // `Security Observations`, `Dependency Inventory`, `Current State`: what is there, not what is wrong.
  if (describesState(name)) return true;
  // `Items NOT Concerns`, `Non-concerns`: what the document says is no concern (`not bugs, but
  // blockers` still lists concerns).
  if (/\b(?:not\s+|non-?)concerns?\b/i.test(name)) return true;
  // `What is deliberately *not* listed`, `Out of scope`: what the document chose to leave out.
  if (/\b(?:what is|what's|things?)\s+(?:(?:deliberately|intentionally|purposely)\s+)?\*?not\*?\s+(?:listed|included|covered)\b|^out[ -]of[ -]scope\b/i.test(withoutMarks(name).trim())) return true;
  // `Things that look wrong and are not`, `Looks odd but isn't`, `False positives`: checked, and fine.
  if (/\b(?:looks?|seems?|appears?) (?:wrong|odd|bad|broken|suspicious|risky)\b.{0,20}\b(?:(?:is|are) not|isn't|aren't)\b|\bfalse positives?\b/i.test(name)) return true;
  // `TOP 10 Concerns Ranked (severity × likelihood)`: the document's concerns again, in order.
  // (`Prioritized Risk List`, `Risks by Priority`: the same, ordered by priority.)
  if (/\b(?:ranked|ranking|by rank)\b|\bprioriti[sz]ed (?:risks?|concerns?|issues?|findings?)(?: list)?\s*$|\b(?:risks?|concerns?|issues?|findings?) by priority\s*$/i.test(name)) return true;
  // Headed by a summary's word, whatever it sums up (`Summary: key risk areas`, `요약: 주요 위험 영역`).
  if (/^(?:executive\s+)?(?:summary|overview|conclusions?)\b/i.test(name) || FOREIGN_HOUSEKEEPING.test(name)) return true;
  // `우선순위 요약`, `风险总结`, `対応のまとめ`: a summary word closing the name, as these languages put it.
  if (/(?:요약|총평|总结|摘要|小结|まとめ|要約)\s*$/u.test(withoutMarks(name).trim())) return true;
  // `Seguridad: resumen independiente`, `Verdict`, `Escenario objetivo`: a summary or the audit's framing.
  if (/(?:^|[\s:：(—–-])(?:summary|resumen|resumo|resum|zusammenfassung|riepilogo)\b/iu.test(name) || /^(?:verdict|veredicto|verdetto|urteil|fazit|(?:target |escenario |cenário )?(?:scenario|escenario|cenário)(?: objetivo| alvo)?(?: confirmad[oa]| confirmed)?|assumptions|supuestos|premissas)$/iu.test(withoutMarks(name).trim())) return true;
  // `Rules for Tasks Touching Fragile Areas`, `Guidelines`: how to work, not what is wrong.
  if (/^(?:(?:working |team )?(?:rules|guidelines|guardrails|conventions|agreements)|regras|diretrizes|reglas|directrices|regeln|richtlinien|règles|consignes|regole|linee guida)(?:\s+(?:for|when|to|on|de|para|ao|al|für|beim|pour|per)\b.*)?$/iu.test(withoutMarks(name).trim())) return true;
  if (isConcernSectionName(name) && !/^(?:recommendations?|remediation)/i.test(name)) return false;
  return /\b(?:recommendations?|remediation|next steps|action plan|action items|action list|prioriti[sz]ed actions?|priority fixes|fix order|(?:recommended )?priority order|order of work|(?:suggested|recommended|proposed) order|improvement opportunities|opportunities for improvement|(?:suggested|possible|proposed|recommended) (?:improvements|priorities|actions|fixes|changes)|quick wins|summary|executive summary|positive observations|strengths|what works well|overview|conclusions?|roadmap|appendix|methodology|table of contents|severity counts|priority (?:assessment|overview|ranking|table|summary|index|list)|priority matrix|prioriti[sz]ation matrix|risk matrix)\b/i.test(name) || /\bmatri[zu] de (?:prioriza[çc][ãa]o|priorizaci[óo]n|prioritats?|prioridades?|riscos?|riesgos?|risc)\b/iu.test(name);
}

/** Summaries, overviews, recommendations, next steps and conclusions in the family's other languages (`요약: 주요 위험 영역`). */
const FOREIGN_HOUSEKEEPING =
  /^(?:[\s\p{Extended_Pictographic}\uFE0F\d.)]*)(?:요약|개요|권장 ?사항|다음 단계|결론|摘要|总结|概要|概述|概览|建议优先级|修复优先级|优先级建议|建议|下一步|结论|まとめ|サマリー|要約|要旨|推奨事項|次のステップ|結論|zusammenfassung|überblick|übersicht|empfehlungen|nächste schritte|fazit|resumen|visión general|recomendaciones|próximos pasos|conclusión|resumo|visão geral|recomendações|próximos passos|conclusão|résumé|aperçu|recommandations|prochaines étapes|conclusion|melhorias (?:recomendadas|sugeridas|propostas)|mejoras (?:recomendadas|sugeridas|propuestas)|améliorations (?:recommandées|suggérées|proposées)|empfohlene (?:verbesserungen|maßnahmen)|verbesserungsvorschläge|miglioramenti (?:consigliati|suggeriti|proposti)|改进建议|优化建议|改善提案|개선 (?:제안|권장 ?사항)|riepilogo|sintesi|panoramica|raccomandazioni|prossimi passi|conclusione|резюме|итоги|сводка|обзор|рекомендации|следующие шаги|заключение|выводы|özet|öneriler|sonraki adımlar|sonuç|tóm tắt|khuyến nghị|kết luận|ringkasan|rekomendasi|kesimpulan|langkah selanjutnya)(?=$|[\s:：(（—–-])/iu;

/** A section named for what it observes or lists as it is: its head noun is an observation or an inventory. */
function describesState(name: string): boolean {
  // `Additional Observations`, `Other observations`: more of the document's concerns, after its categories.
  if (/^(?:additional|other|further|more|misc(?:ellaneous)?)\s+observations?\s*$/i.test(withoutMarks(name).trim())) return false;
  return /(?:^|\s)(?:observations?|inventory|inventories|current state|state of (?:the )?(?:codebase|project)|as-is|snapshot|(?:implementation|feature|project|prd|migration) status)\s*(?:[(（][^()（）]*[)）])?\s*$/i.test(name);
}

/** `Core Sections (Required)`, `Extended Sections (Optional)`: headings that only group categories. */
export function isWrapperSectionName(name: string): boolean {
  return /^(?:(?:core|extended|additional|optional|required|main|other)\s+)?sections?\b/i.test(name);
}

/** Latin words of a heading that no category's name is made of (`auth`, `admin`, `routes`); a parenthetical is left out. */
export function statedWords(name: string): number {
  return name
    .replace(/[(（][^()（）]*[)）]/gu, ' ')
    .toLowerCase()
    .split(/[\s/&,:+]+/)
    .map((word) => word.replace(/^[dl]['’]/, '').replace(/['’]s$/, ''))
    .filter((word) => /^\p{Script=Latin}[\p{Script=Latin}0-9'’-]*$/u.test(word) && !CATEGORY_VOCABULARY.has(word)).length;
}

/** What categories are named with, in the documents of the family, and the words that join them. */
const CATEGORY_VOCABULARY: ReadonlySet<string> = new Set(
  (
    'tech technical debt debts known bug bugs issue issues security considerations consideration concern concerns ' +
    'performance perf bottleneck bottlenecks fragile fragility area areas scaling scalability scale limit limits limitation limitations ' +
    'dependency dependencies deps risk risks missing critical features feature test tests testing untested coverage gap gaps ' +
    'high medium low moderate minor major severe priority priorities architecture architectural design reliability operational operations ' +
    'documentation docs clarity dead code commented-out incomplete placeholder error errors handling deprecated deprecation pattern patterns ' +
    'miscellaneous misc other general open remaining fixed resolved memory footprint workaround workarounds smell smells bundle build ' +
    'staleness stale quality maintainability maintenance observability logging monitoring infrastructure deployment accessibility ' +
    'configuration config compatibility hotspots churn high-churn complexity problem problems gotchas todo todos fixme fixmes hack hacks ' +
    'vulnerability vulnerabilities current future legacy item items finding findings frontend backend unit integration e2e behavior behaviour ' +
    'a an the and or of on in at for to with by from under not no vs ' +
    // German, Spanish, Portuguese, French, Italian: the template's categories and their joins.
    'technische schulden schuld bekannte fehler sicherheit sicherheitsbedenken sicherheitsaspekte sicherheitsrisiken leistung ' +
    'leistungsprobleme engpässe engpass fragile bereiche bereich skalierung skalierungsgrenzen grenzen abhängigkeiten ' +
    'risiko risiken fehlende kritische funktionen testabdeckung testlücken lücken hoch mittel niedrig kritisch architektur ' +
    'wartbarkeit zuverlässigkeit dokumentation probleme bedenken offene weitere sonstige und oder der die das den des von für mit im bei ' +
    'deuda técnica deudas errores conocidos seguridad consideraciones rendimiento cuellos botella áreas frágiles frágil límites ' +
    'escalabilidad escalado dependencias riesgo riesgos funcionalidades características críticas faltantes cobertura pruebas ' +
    'brechas alta media baja crítico crítica arquitectura mantenibilidad fiabilidad documentación problemas preocupaciones otros ' +
    'y o de del la las los el en con para ' +
    'dívida conhecidos considerações segurança gargalos desempenho limites escala dependências risco riscos ' +
    'ausentes lacunas testes média baixa manutenibilidade confiabilidade documentação preocupações outras e da do das dos ' +
    'dette technique bogues connus sécurité problèmes goulots étranglement zones fragiles évolutivité dépendances risque risques ' +
    'fonctionnalités critiques manquantes lacunes couverture élevée moyenne faible maintenabilité fiabilité préoccupations autres ' +
    'et du des le les avec pour à ' +
    // `Zones à modifier avec prudence`, `Áreas para modificar con cuidado`, `Handle with care`: the fragile areas, said so.
    'modifier prudence modificar cuidado cautela vorsicht ändern sensibles sensíveis care careful carefully modify handle ' +
    'debito tecnico noti considerazioni sicurezza prestazioni colli bottiglia aree fragili limiti scalabilità dipendenze rischio ' +
    'rischi funzionalità mancanti lacune copertura bassa critico manutenibilità affidabilità documentazione problemi ' +
    'preoccupazioni altri di della dei per'
  ).split(' '),
);

/** Words a document's own title is made of. */
const DOCUMENT_WORD = /\bconcerns?\b|\bcodebase\b|\.md\b|\b(?:audit|report|analysis|assessment)\b|懸念|关注|隐患|우려/iu;

/** A heading that names the document (`Codebase Concerns`, `CONCERNS.md — Tech Debt`, `Acme Concerns`), not a category of it (`Security Concerns`). */
function namesDocument(name: string): boolean {
  return /^concerns?$/i.test(name.trim()) || (DOCUMENT_WORD.test(name) && statedWords(name) >= 1);
}

/**
 * The `#` headings that are titles, not categories, when the document opens with a `#`: that
 * one, when it is the only `#` or names the document while no later `#` does (`# Codebase
 * Concerns` then `# Security`, `# Performance`: those are the categories); every `#`, when each
 * names a document (`# Codebase Concerns`, then `# Audit Report: Hardcoded Data`: reports one
 * after another, each a title over its own `##` categories, `reports`). The sectioned parse and
 * the walker both ask this, so that they cut a document alike.
 */
export function titleHeadings<H extends { depth: number }>(headings: readonly H[], nameOf: (heading: H) => string): { titles: readonly H[]; reports: boolean } {
  const h1s = headings.filter((h) => h.depth === 1);
  const first = h1s[0];
  if (first === undefined || headings[0] !== first) return { titles: [], reports: false };
  const names = h1s.map(nameOf);
  if (names.length > 1 && names.every(namesDocument)) return { titles: h1s, reports: true };
  const [firstName, ...later] = names;
  const isTitle = names.length === 1 || (firstName !== undefined && namesDocument(firstName) && !later.some(namesDocument));
  return { titles: isTitle ? [first] : [], reports: false };
}
