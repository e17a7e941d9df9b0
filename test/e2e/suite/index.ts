// Mocha entry point run inside the VS Code extension host (extensionTestsPath).
// Both launchers (scripts/e2e.mjs: @vscode/test-electron or code-server + Chromium) load this
// compiled file (out/e2e/suite/index.js); it runs every *.test.js next to it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false, // the output goes through the launcher's log, not a terminal
    timeout: 60_000,
  });

  // CONCERNS_E2E_FILES=view,drift (set by scripts/e2e.mjs from its own environment) runs only those files.
  const only = (process.env.CONCERNS_E2E_FILES ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => only.length === 0 || only.includes(f.replace(/\.test\.js$/, '')))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  if (files.length === 0) throw new Error(`e2e: no *.test.js found in ${__dirname}`);

  const failures = await new Promise<{ passed: number; failed: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0 }));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });

  // The launcher reads this file to print its closing `e2e: N passed, N failed` line.
  const resultFile = process.env.CONCERNS_E2E_RESULT_FILE;
  if (resultFile) fs.writeFileSync(resultFile, JSON.stringify(failures) + '\n');
  console.log(`[e2e-result] ${JSON.stringify(failures)}`);

  if (failures.failed > 0) throw new Error(`${failures.failed} e2e test(s) failed`);
}
