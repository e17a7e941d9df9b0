// `concerns index`: the concerns model of a repository on stdout, for people and for tools.
import { runCli } from './cli';

process.exitCode = runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
