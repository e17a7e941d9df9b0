/**
 * Field labels as people write them, mapped to stable names. The GSD template's fields first,
 * then the variants seen in real documents (other generators, Chinese templates).
 */
import { memoized } from './memo';

const CANONICAL: Record<string, string> = {
  // Translations first: a label written the same in English keeps its English meaning.
  ...translatedFields(),
  issue: 'issue', issues: 'issue', 问题: 'problem', 'the issue': 'issue',
  files: 'files', file: 'files', location: 'files', locations: 'files', where: 'files', path: 'files', paths: 'files',
  evidence: 'files', 'affected files': 'files', 'files affected': 'files', 'key files': 'files', 文件: 'files', 位置: 'files',
  impact: 'impact', 影响: 'impact',
  'fix approach': 'fixApproach', fix: 'fixApproach', 'fix approach / recommendation': 'fixApproach', 'suggested fix': 'fixApproach', suggestion: 'fixApproach', suggestions: 'fixApproach',
  'recommended fix': 'fixApproach', 'proposed fix': 'fixApproach', solution: 'fixApproach', 'solution needed': 'fixApproach',
  'proposed solution': 'fixApproach', 'suggested solution': 'fixApproach', 'recommended solution': 'fixApproach', 'possible solution': 'fixApproach', 修复方案: 'fixApproach', 修复: 'fixApproach', 解决方案: 'fixApproach',
  risk: 'risk', risks: 'risk', 风险: 'risk',
  symptoms: 'symptoms', symptom: 'symptoms', 症状: 'symptoms',
  trigger: 'trigger', triggers: 'trigger',
  workaround: 'workaround', workarounds: 'workaround',
  'current mitigation': 'currentMitigation', mitigation: 'mitigation', mitigations: 'mitigation',
  recommendations: 'recommendations', recommendation: 'recommendations', 'suggested action': 'recommendations',
  'suggested improvement': 'recommendations', 建议: 'recommendations',
  problem: 'problem', 
  cause: 'cause', 'root cause': 'rootCause', 原因: 'cause',
  'improvement path': 'improvementPath',
  'why fragile': 'whyFragile', 'safe modification': 'safeModification', 'safe change strategy': 'safeModification',
  'test coverage': 'testCoverage', 'test coverage gaps': 'testCoverage',
  'current capacity': 'currentCapacity', limit: 'limit', 'scaling path': 'scalingPath',
  'migration plan': 'migrationPlan',
  blocks: 'blocks',
  "what's not tested": 'whatsNotTested', 'what is not tested': 'whatsNotTested', "what's not covered": 'whatsNotTested',
  priority: 'priority', 优先级: 'priority',
  severity: 'severity', 'risk level': 'severity', 严重性: 'severity', 严重程度: 'severity',
  status: 'status', 状态: 'status',
  action: 'recommendations', actions: 'recommendations', 'recommended fix or action': 'recommendations',
  assessment: 'assessment', 'last scan': 'evidence', 'recommended action': 'recommendations', 'recommended actions': 'recommendations',
  description: 'description', details: 'description', 描述: 'description', summary: 'description',
  likelihood: 'likelihood', probability: 'likelihood',
  'fix applied': 'fixApplied',
  'current state': 'currentState', current: 'currentState',
  difficulty: 'difficulty', effort: 'effort',
  why: 'why', 'why it exists': 'why',
  code: 'code', example: 'example', examples: 'example',
  commit: 'commit', commits: 'commit', category: 'category', area: 'area', component: 'component',
  complexity: 'complexity',
  // A field of the cited lines (`- Lines: 62-65` after `- File:`): given to the one file named.
  line: 'lines', lines: 'lines', 'line numbers': 'lines', 'line number': 'lines', 라인: 'lines', 행: 'lines', 줄: 'lines',
  行: 'lines', 行号: 'lines', 行番号: 'lines', zeile: 'lines', zeilen: 'lines', línea: 'lines', líneas: 'lines',
  linha: 'lines', linhas: 'lines', ligne: 'lines', lignes: 'lines', riga: 'lines', righe: 'lines',
  // Other languages, for the fields features read (files, severity, status, fix).
  datei: 'files', dateien: 'files', archivo: 'files', archivos: 'files', fichier: 'files', arquivo: 'files', 파일: 'files', ファイル: 'files', 対象ファイル: 'files',
  schweregrad: 'severity', severidad: 'severity', gravité: 'severity', 심각도: 'severity', 深刻度: 'severity', 重要度: 'severity', 严重级别: 'severity',
  priorität: 'priority', prioridad: 'priority', prioridade: 'priority', priorité: 'priority', 우선순위: 'priority', 優先度: 'priority',
  estado: 'status', estat: 'status', zustand: 'status', statut: 'status', 상태: 'status', 状況: 'status', ステータス: 'status',
  empfehlung: 'recommendations', recomendación: 'recommendations', recommandation: 'recommendations', 권장: 'recommendations', 推奨: 'recommendations',
  lösung: 'fixApproach', solución: 'fixApproach', correctif: 'fixApproach', 해결책: 'fixApproach', 対策: 'fixApproach',
};

/**
 * The template's fields as its translations write them (German, Spanish, Portuguese, French,
 * Italian, Korean, Japanese, Chinese, and for the fields features read, Russian, Vietnamese,
 * Indonesian, Turkish, Polish): `**Fix-Ansatz:**`, `- Arquivos:`, `- **수정 방안**:`.
 * One line per field: its name, then the labels, `|`-separated, lower case.
 */
function translatedFields(): Record<string, string> {
  const table: Record<string, string> = {
    problem:
      'problem|probleme|befund|problema|problemas|cuestión|questão|problème|anomalie|questione|문제|이슈|문제점|問題|課題|问题描述|проблема|суть проблемы|vấn đề|mô tả vấn đề|masalah|permasalahan|sorun',
    files:
      'betroffene dateien|dateipfade|fundstelle|fundstellen|archivos afectados|ubicación|ubicacion|ficheros|fichero|arquivos|arquivos afetados|localização|localizacao|fichiers|fichiers concernés|emplacement|file coinvolti|posizione|percorso|관련 파일|대상 파일|파일 경로|위치|該当ファイル|関連ファイル|場所|ファイルパス|涉及文件|相关文件|文件路径|受影响文件|файлы|файл|затронутые файлы|расположение|tệp|tệp tin|tập tin|vị trí|tệp liên quan|file liên quan|berkas|berkas terkait|file terkait|lokasi|dosya|dosyalar|etkilenen dosyalar|konum|plik|pliki|lokalizacja',
    impact: 'auswirkung|auswirkungen|folgen|impacto|impacte|conséquence|conséquences|impatto|영향|영향도|影響|影响范围|влияние|последствия|воздействие|tác động|ảnh hưởng|dampak|etki|wpływ|skutki',
    fixApproach:
      'fix-ansatz|fix ansatz|lösungsansatz|lösungsweg|behebung|korrektur|abhilfe|enfoque de solución|enfoque de corrección|solución propuesta|corrección|abordagem de correção|abordagem de correcao|abordagem|correção|solução|solução proposta|approche de correction|approche de résolution|solution proposée|correction|approccio di correzione|approccio alla correzione|soluzione|correzione|수정 방안|수정 방법|해결 방안|해결 방법|개선 방안|수정|修正方針|修正方法|対応方針|対応策|解決策|修正案|修复方法|修复方式|修复建议|解决办法|решение|исправление|способ исправления|cách khắc phục|hướng khắc phục|giải pháp|cách sửa|hướng xử lý|solusi|perbaikan|pendekatan perbaikan|çözüm|düzeltme|düzeltme yaklaşımı|rozwiązanie|poprawka|sposób naprawy',
    symptoms: 'symptome|symptom|síntomas|síntoma|sintomas|sintoma|symptômes|symptôme|sintomi|sintomo|증상|症状',
    trigger: 'auslöser|disparador|desencadenante|gatilho|gatillo|déclencheur|innesco|attivazione|트리거|발생 조건|재현 방법|トリガー|発生条件|再現手順|触发条件|触发',
    workaround:
      'umgehung|notlösung|workaround aktuell|solución temporal|contorno|contorno atual|solução alternativa|solution de contournement|contournement|soluzione temporanea|aggiramento|임시 해결책|우회 방법|우회책|回避策|暫定対応|临时方案|变通方法|规避方法',
    risk: 'risiko|risiken|riesgo|riesgos|risco|riscos|risque|risques|rischio|rischi|위험|리스크|リスク|危険|риск|риски|rủi ro|rủi ro còn lại|risiko|ryzyko',
    currentMitigation:
      'aktuelle mitigation|aktuelle absicherung|aktuelle maßnahmen|aktuelle gegenmaßnahme|mitigación actual|mitigação atual|atenuación actual|atténuation actuelle|mesures actuelles|mitigazione attuale|현재 완화책|현재 완화 조치|현재 대응|現在の緩和策|現状の対策|現在の対策|当前缓解措施|当前措施|现有缓解措施',
    recommendations:
      'empfehlungen|empfohlen|recomendaciones|recomendación|recomendações|recomendação|recommandations|raccomandazioni|raccomandazione|권장 사항|권장사항|권고|권고 사항|추천|推奨事項|推奨対応|提案|建议措施|推荐|рекомендация|рекомендации|khuyến nghị|đề xuất|kiến nghị|rekomendasi|saran|öneri|öneriler|rekomendacje|zalecenia|zalecenie',
    cause: 'ursache|causa|causas|cause|cause première|원인|原因|根本原因|причина|nguyên nhân|penyebab|neden|przyczyna',
    rootCause: 'grundursache|hauptursache|causa raíz|causa raiz|cause racine|causa principale|causa radice|근본 원인|根本原因',
    improvementPath:
      'verbesserungspfad|verbesserungsweg|optimierung|ruta de mejora|camino de mejora|caminho de melhoria|piste d’amélioration|piste d\'amélioration|voie d’amélioration|voie d\'amélioration|percorso di miglioramento|개선 경로|개선 방향|改善策|改善方針|改善パス|改进路径|优化方向|优化路径',
    whyFragile:
      'warum fragil|warum zerbrechlich|por qué es frágil|por qué frágil|por que frágil|por que é frágil|pourquoi fragile|pourquoi c’est fragile|perché fragile|perché è fragile|취약한 이유|왜 취약한가|脆弱な理由|脆弱性の理由|为何脆弱|脆弱原因',
    safeModification:
      'sichere änderung|sichere anpassung|sichere modifikation|modificación segura|modificação segura|modification sûre|modification sécurisée|modifica sicura|안전한 수정|안전한 수정 방법|안전한 변경|安全な修正|安全な変更方法|安全な変更|安全修改|安全修改方式',
    testCoverage:
      'testabdeckung|cobertura de pruebas|cobertura de tests|cobertura de testes|cobertura de teste|couverture de tests|couverture des tests|copertura dei test|copertura test|테스트 커버리지|테스트 범위|テストカバレッジ|テスト範囲|测试覆盖|测试覆盖率',
    priority: 'prioridad|prioridade|priorité|priorità|우선 순위|優先順位|優先度|优先级|приоритет|ưu tiên|mức ưu tiên|độ ưu tiên|prioritas|öncelik|priorytet',
    severity: 'schwere|gravedad|severidade|gravidade|sévérité|gravità|severità|중요도|위험도|심각성|严重度|серьёзность|серьезность|критичность|важность|mức độ|mức độ nghiêm trọng|tingkat keparahan|keparahan|önem derecesi|ciddiyet|waga|istotność|krytyczność',
    status: 'estatus|situação|situacao|état|stato|진행 상태|状態|状态|статус|состояние|trạng thái|tình trạng|durum|stan',
    currentCapacity: 'aktuelle kapazität|capacidad actual|capacidade atual|capacité actuelle|capacità attuale|현재 용량|現在の容量|当前容量',
    limit: 'grenze|limite|límite|limite atual|한계|上限|限界|限制',
    scalingPath: 'skalierungspfad|ruta de escalado|caminho de escala|voie de mise à l’échelle|percorso di scalabilità|확장 경로|スケーリングパス|拡張方針|扩展路径',
    migrationPlan: 'migrationsplan|plan de migración|plano de migração|plan de migration|piano di migrazione|마이그레이션 계획|移行計画|迁移计划',
    blocks: 'blockiert|bloquea|bloqueia|bloque|blocca|차단|ブロック|阻塞',
    whatsNotTested:
      'was nicht getestet ist|was ist nicht getestet|nicht getestet|qué no está probado|lo que no está probado|o que não está testado|ce qui n’est pas testé|ce qui n\'est pas testé|cosa non è testato|테스트되지 않은 것|테스트되지 않은 부분|미검증 영역|テストされていない内容|未テスト|未测试内容|未覆盖',
    description: 'beschreibung|descripción|descrição|descripcion|description du problème|descrizione|설명|説明|詳細|详情|说明|описание|mô tả|chi tiết|ngữ cảnh|deskripsi|açıklama|opis',
  };
  // Where it shows (read as the concern's files, as `**Evidence:**` is), and what to do.
  table.files += '|доказательства|bằng chứng|kiểm chứng|bukti|kanıt|dowody|evidencia|evidencias|evidência|evidências|preuve|preuves|beleg|belege|nachweis|prova|prove|근거|증거|証拠|根拠|证据|依据';
  table.recommendations += '|acción|acciones|acción recomendada|ação|ações|ação recomendada|aktion|maßnahme|maßnahmen|azione|azioni|조치|대응 방안|対応|措施|行动';
  const out: Record<string, string> = {};
  for (const [name, labels] of Object.entries(table)) for (const label of labels.split('|')) out[label] ??= name;
  return out;
}

/** Fields whose paths name things to create: a missing path there is `proposed`, not `missing`. */
export const FIX_FIELDS: ReadonlySet<string> = new Set([
  'fixApproach', 'improvementPath', 'scalingPath', 'migrationPlan', 'recommendations', 'workaround', 'safeModification',
  'currentMitigation', 'mitigation',
]);

/** Fields shown first on a hover card, in this order. */
export const SUMMARY_FIELDS = ['issue', 'risk', 'problem', 'symptoms', 'whatsNotTested', 'description'] as const;
export const FIX_FIELD_ORDER = ['fixApproach', 'improvementPath', 'recommendations', 'migrationPlan', 'scalingPath', 'safeModification', 'workaround'] as const;

export const normaliseLabel = memoized(normaliseLabelOnce);

function normaliseLabelOnce(label: string): string {
  return label
    // `Files (4 unbounded `io.ReadAll(r.Body)` calls):` is still Files: drop from the first parenthesis.
    .replace(/(?<=\S)\s*[(（].*$/s, '')
    .replace(/[*_`~]/g, '')
    .replace(/[:：]\s*$/, '')
    // `风险一`, `问题2`: the first risk, the second problem, numbered fields of one concern.
    .replace(/(?<=\p{Script=Han})[一二三四五六七八九十\d]{1,2}$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The stable name of a field label: a well-known name, else the label in camelCase. */
export function fieldName(label: string): string {
  const key = normaliseLabel(label);
  const known = CANONICAL[key];
  if (known) return known;
  const words = key.replace(/['’]/g, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return 'field';
  return words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

export function isKnownField(label: string): boolean {
  return CANONICAL[normaliseLabel(label)] !== undefined;
}
