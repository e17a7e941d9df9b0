// The workspace `npm run try` opens: a copy of example/ in a temp folder, made a git repository
// with a short history, so that the first minute shows drift. Commit 1 is the code and the
// concerns document as written; commit 2, since then: one function moved, one cited range
// edited, one file renamed, one deleted. The tracked example/ is never opened, so nothing a
// first try does (the browser-served VS Code saves by itself) changes the project.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { copyWorkspace } from './code-server-session.mjs';
import { fixtureGit } from './git-fixture.mjs';

/** git in the demo copy (see fixtureGit), at `date` when given. */
const git = (dir, args, date) => fixtureGit(dir, args, { who: 'demo', what: 'the demo copy', date });

/** Replaces `from` by `to` in a file of the copy; the example must still read as expected. */
function edit(dir, file, from, to) {
  const abs = path.join(dir, file);
  const text = readFileSync(abs, 'utf8');
  if (!text.includes(from)) throw new Error(`the demo expects ${file} of example/ to contain ${JSON.stringify(from.split('\n')[0])}: example/ changed, update scripts/lib/demoWorkspace.mjs`);
  writeFileSync(abs, text.replace(from, to));
}

/** What commit 2 does, in words (printed by `npm run try`). */
export const DEMO_CHANGES = [
  'moved verify_api_token() to the end of web_api/auth.py (the "API token compared with ==" concern: moved)',
  'added a timeout to the urlopen call of core/payments.py:12 ("Payment calls without a timeout": changed)',
  'renamed frontend/src/lib/api.ts to apiClient.ts ("API client errors": moved to the new name)',
  'deleted core/cache.py ("Process-wide cache": gone)',
];

/**
 * Copies `exampleDir` to a fresh temp folder and commits it twice (above). Returns the copy's
 * folder and a cleanup that removes it.
 */
export function makeDemoWorkspace(exampleDir) {
  const ws = copyWorkspace(exampleDir, 'concerns-try-');
  try {
    const dir = ws.dir;
    git(dir, ['init', '-q']);
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '--no-verify', '-m', 'Code and the codebase map (CONCERNS.md)'], '2026-11-02T10:00:00Z');

    // One function moved: verify_api_token() from lines 36-40 to the end of the file.
    const fn = 'def verify_api_token(presented: str, stored: str) -> bool:\n    # Compared with ==: the time taken leaks how many leading characters match.\n    if presented == stored:\n        return True\n    return False\n\n\n';
    edit(dir, 'web_api/auth.py', fn, '');
    const auth = path.join(dir, 'web_api/auth.py');
    writeFileSync(auth, `${readFileSync(auth, 'utf8').replace(/\n*$/, '\n')}\n\n${fn.trimEnd()}\n`);
    // One cited range edited: the payment call gets its timeout (the concern may be dealt with).
    edit(dir, 'core/payments.py', '    # No timeout: a slow provider holds the worker until the load balancer gives up.\n    with urllib.request.urlopen(request) as response:', '    # Ten seconds, then the caller retries with the same idempotency key.\n    with urllib.request.urlopen(request, timeout=10) as response:');
    // One file renamed (and its import with it).
    renameSync(path.join(dir, 'frontend/src/lib/api.ts'), path.join(dir, 'frontend/src/lib/apiClient.ts'));
    edit(dir, 'frontend/src/components/Cart.tsx', "from '../lib/api';", "from '../lib/apiClient';");
    // One file deleted.
    rmSync(path.join(dir, 'core/cache.py'));
    git(dir, ['add', '-A']);
    git(dir, ['commit', '-q', '--no-verify', '-m', 'Payment timeout, API client renamed, cache removed, auth reordered'], '2026-11-20T16:00:00Z');
    if (!existsSync(path.join(dir, '.planning/codebase/CONCERNS.md'))) throw new Error('the demo copy has no .planning/codebase/CONCERNS.md');
    return ws;
  } catch (e) {
    ws.cleanup();
    throw e;
  }
}
