// `concerns index`: the concerns model of a repository on stdout, for people and for tools.
// Drift (where each reference's code is now, by git history) is computed when the root is a git repository.
import { runCliWithDrift } from './cli';

void runCliWithDrift(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
