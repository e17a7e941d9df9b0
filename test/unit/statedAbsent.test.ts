import { test } from 'node:test';
import assert from 'node:assert/strict';
import { saysAbsent } from '../../server/src/core/extract/statedAbsent';
import { parseConcernsDocument } from '../../server/src/core/parse/document';
import { resolveDocument } from '../../server/src/core/resolve/document';
import { ReferenceResolver } from '../../server/src/core/resolve/resolver';
import { memoryWorkspace } from './helpers/memoryWorkspace';

/** Whether the backticked path in `line` is said to be absent. */
function absent(line: string): boolean {
  const start = line.indexOf('`');
  const end = line.indexOf('`', start + 1) + 1;
  return saysAbsent(line, start, end);
}

void test('the words beside a path that say it is not there', () => {
  for (const line of [
    '- Risk: No `.env.example` or configuration system',
    '- Issue: there is no `tests/` folder',
    '- Issue: The repo lacks a `Dockerfile`',
    '- Issue: Missing `CONTRIBUTING.md`',
    '- Fix: Create `src/config.ts` that reads from the environment',
    '- Issue: Add a new `src/lib/validation.ts` module',
    '- Issue: `src/lib/env.ts` does not exist',
    "- Issue: `src/lib/env.ts` doesn't exist yet",
    '- Files: `docs/API.md` (missing)',
    '- Files: `tests/e2e/` is missing',
    '- Files: `CHANGELOG.md` — not found',
    '- Problema: `src/config.ts` não existe',
    '- Problema: sem `README.md`',
    '- 问题：`config/prod.yaml` 不存在',
    '- Problem: `config/prod.yaml` existiert nicht',
    '- Issue: the backend lives in a `server/` folder that does not exist in this repo',
    '- Problema: `config/prod.yaml` non esiste',
    '- `firestore.indexes.json`이 저장소에 없어, 인덱스 누락을 잡을 수 없습니다',
    '- 문제: `config/prod.yaml` 파일이 존재하지 않음',
    '- 問題: `config/prod.yaml`は存在しません',
    '- 問題: `tests/`がないため回帰を検出できない',
  ]) assert.equal(absent(line), true, line);
});

void test('a path the words say nothing about stays an ordinary reference', () => {
  for (const line of [
    '- Issue: No tests for `src/old.ts`',
    '- Files: `src/old.ts`',
    '- Issue: `src/auth.ts` has no rate limit',
    '- Issue: the token in `src/auth.ts` is missing an expiry check',
    '- Issue: no validation in `api/routes.py` handlers',
    '- Issue: `src/app.ts` (line 40) never checks the result',
    '- 문제: `src/auth.ts`에 요청 제한이 없습니다',
    '- 問題: `src/auth.ts`にはレート制限がない',
    '- 問題: `src/auth.ts`がないと起動しない箇所がある',
  ]) assert.equal(absent(line), false, line);
});

void test('a missing file the document says is absent is proposed, not broken; one that exists is found', () => {
  const text = [
    '# Codebase Concerns',
    '',
    '## Tech Debt',
    '',
    '**No configuration:**',
    '- Issue: No `.env.example`; `src/lib/env.ts` does not exist; no tests for `src/gone.ts`',
    '- Files: `src/app.ts`, `src/removed.ts`',
    '- Note: no `README.md`',
    '- Problem: `README.md` expects tests, but no `tests/` folder, `*.test.py`/`*.spec.py` files, or `.github/workflows/` pipeline exist; see `src/old2.ts`, `src/app.ts`',
    '',
  ].join('\n');
  const workspace = memoryWorkspace({ 'src/app.ts': 'a\n', 'README.md': 'r\n' });
  const [concern] = resolveDocument(parseConcernsDocument(text), new ReferenceResolver(workspace), { root: '' }).concerns;
  const status = Object.fromEntries(concern!.references.map((r) => [r.path, r.status]));
  assert.deepEqual(status, {
    '.env.example': 'proposed',
    'src/lib/env.ts': 'proposed',
    'src/gone.ts': 'missing',
    'src/app.ts': 'ok',
    'src/removed.ts': 'missing',
    'tests/': 'proposed',
    '*.test.py': 'proposed',
    '*.spec.py': 'proposed',
    '.github/workflows/': 'proposed',
    'src/old2.ts': 'missing',
    // Said to be absent, but there: the document is out of date, and the file is what it is about.
    'README.md': 'ok',
  });
});
