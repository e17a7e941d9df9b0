/**
 * Field labels as people write them, mapped to stable names. The GSD template's fields first,
 * then the variants seen in real documents (other generators, Chinese templates).
 */
import { memoized } from './memo';

const CANONICAL: Record<string, string> = {
  issue: 'issue', issues: 'issue', 问题: 'problem', 'the issue': 'issue',
  files: 'files', file: 'files', location: 'files', locations: 'files', where: 'files', path: 'files', paths: 'files',
  evidence: 'files', 'affected files': 'files', 'files affected': 'files', 'key files': 'files', 文件: 'files', 位置: 'files',
  impact: 'impact', 影响: 'impact',
  'fix approach': 'fixApproach', fix: 'fixApproach', 'fix approach / recommendation': 'fixApproach', 'suggested fix': 'fixApproach',
  'recommended fix': 'fixApproach', 'proposed fix': 'fixApproach', solution: 'fixApproach', 修复方案: 'fixApproach', 修复: 'fixApproach', 解决方案: 'fixApproach',
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
  description: 'description', details: 'description', 描述: 'description', summary: 'description',
  likelihood: 'likelihood', probability: 'likelihood',
  'fix applied': 'fixApplied',
  'current state': 'currentState', current: 'currentState',
  difficulty: 'difficulty', effort: 'effort',
  why: 'why', 'why it exists': 'why',
  code: 'code', example: 'example', examples: 'example',
  commit: 'commit', commits: 'commit', category: 'category', area: 'area', component: 'component',
  complexity: 'complexity',
  // Other languages, for the fields features read (files, severity, status, fix).
  datei: 'files', dateien: 'files', archivo: 'files', archivos: 'files', fichier: 'files', arquivo: 'files', 파일: 'files', ファイル: 'files', 対象ファイル: 'files',
  schweregrad: 'severity', severidad: 'severity', gravité: 'severity', 심각도: 'severity', 深刻度: 'severity', 重要度: 'severity', 严重级别: 'severity',
  priorität: 'priority', prioridad: 'priority', prioridade: 'priority', priorité: 'priority', 우선순위: 'priority', 優先度: 'priority',
  estado: 'status', zustand: 'status', statut: 'status', 상태: 'status', 状況: 'status', ステータス: 'status',
  empfehlung: 'recommendations', recomendación: 'recommendations', recommandation: 'recommendations', 권장: 'recommendations', 推奨: 'recommendations',
  lösung: 'fixApproach', solución: 'fixApproach', correctif: 'fixApproach', 해결책: 'fixApproach', 対策: 'fixApproach',
};

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
