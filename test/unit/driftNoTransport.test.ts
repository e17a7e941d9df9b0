// No transport, ever: a partial clone missing a blob drift needs, whose promisor remote would run
// a program (uploadpack, sshCommand, ext::), is followed without that program running; the
// reference is `unknown` (object missing). Each fixture is first shown to be hostile: plain git
// runs the program.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { runCli } from '../../server/src/cli/cli';
import { CONCERNS_PATH, PROMISOR_VARIANTS, promisorRepo } from './helpers/hostileRepo';

function plainGitDiff(root: string): void {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  spawnSync('git', ['diff', '--cached', 'HEAD~1', '--', 'src/auth.py'], { cwd: root, env: { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' }, stdio: 'ignore', timeout: 20_000 });
}

for (const variant of PROMISOR_VARIANTS) {
  void test(`concerns index, promisor remote by ${variant}: the transport never runs, the reference is unknown (object missing)`, { timeout: 60_000 }, async (t) => {
    const { repo, marker } = promisorRepo(t, variant);
    plainGitDiff(repo.root);
    assert.ok(fs.existsSync(marker), `the fixture is hostile: plain git ran the ${variant} program`);
    fs.rmSync(marker);

    let out = '';
    let err = '';
    const code = await runCli(['index', '--json'], { cwd: repo.root, out: (s: string) => (out += s), err: (s: string) => (err += s) });
    assert.equal(code, 0, err);
    assert.equal(fs.existsSync(marker), false, `the ${variant} program ran: ${fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : ''}`);
    const json = JSON.parse(out) as { documents: { path: string; concerns: { references: { location?: { state: string; note?: string } }[] }[] }[] };
    const doc = json.documents.find((d) => d.path === CONCERNS_PATH)!;
    const location = doc.concerns[0]!.references[0]!.location;
    assert.deepEqual([location?.state, location?.note], ['unknown', 'object missing']);
    assert.match(err, /unknown: object missing/);
  });
}
