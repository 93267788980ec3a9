// `newsroom`: the command line of Newsroom (bin/newsroom runs the build of this file). HTTP only.
import { readFile } from 'node:fs/promises';
import { runCli } from './cli';
import { promptHidden } from './prompt';

runCli(process.argv.slice(2), {
  env: process.env,
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readFile: (file) => readFile(file),
  interactive: Boolean(process.stdin.isTTY),
  promptPassword: (question) => promptHidden(question),
  progress: { isTTY: Boolean(process.stderr.isTTY), write: (text) => process.stderr.write(text) },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
