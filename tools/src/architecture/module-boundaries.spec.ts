import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const RULE = '@nx/enforce-module-boundaries';

/**
 * Proves that the architecture rules in eslint.config.mjs bite: each probe is a small file that a
 * project could contain, linted as if it were there (by ESLint in a child process: its ESM config
 * cannot load inside jest). Without a project graph the Nx rule silently skips, so it is computed first.
 */
const FORBIDDEN: [string, string, string][] = [
  ['contracts depend on no other library', 'libs/contracts/src/probe.ts', `import { Outbox } from '@newsroom/messaging';\nvoid Outbox;`],
  ['contracts import no framework', 'libs/contracts/src/probe.ts', `import { Injectable } from '@nestjs/common';\nvoid Injectable;`],
  ['messaging depends on contracts only', 'libs/messaging/src/probe.ts', `import { loadConfig } from '@newsroom/platform';\nvoid loadConfig;`],
  ['only messaging imports kafkajs (a service)', 'libs/editorial/src/probe.ts', `import { Kafka } from 'kafkajs';\nvoid Kafka;`],
  ['only messaging imports kafkajs (an app)', 'apps/publishing/src/probe.ts', `import { Kafka } from 'kafkajs';\nvoid Kafka;`],
  ['only the newsletter imports nodemailer', 'libs/publishing/src/probe.ts', `import { createTransport } from 'nodemailer';\nvoid createTransport;`],
  ['a service never imports another service', 'libs/editorial/src/probe.ts', `import * as publishing from '@newsroom/publishing';\nvoid publishing;`],
  ['the CLI imports no service (HTTP only)', 'apps/cli/src/probe.ts', `import * as ingestion from '@newsroom/ingestion';\nvoid ingestion;`],
  ['e2e tests import contracts only', 'tests/e2e/src/probe.ts', `import { Outbox } from '@newsroom/messaging';\nvoid Outbox;`],
];
const ALLOWED: [string, string, string][] = [
  ['messaging may import kafkajs', 'libs/messaging/src/probe.ts', `import { Kafka } from 'kafkajs';\nvoid Kafka;`],
  ['the newsletter may import nodemailer', 'libs/newsletter/src/probe.ts', `import { createTransport } from 'nodemailer';\nvoid createTransport;`],
  ['a service may import contracts and messaging', 'libs/editorial/src/probe.ts', `import { parseEvent } from '@newsroom/contracts';\nimport { Outbox } from '@newsroom/messaging';\nvoid parseEvent;\nvoid Outbox;`],
  ['e2e tests may import contracts', 'tests/e2e/src/probe.ts', `import { parseEvent } from '@newsroom/contracts';\nvoid parseEvent;`],
];

const LINT_PROBES = `
const { ESLint } = require('eslint');
const probes = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const { file, code } of probes) {
    const [result] = await eslint.lintText(code, { filePath: require('node:path').resolve(file) });
    out.push(result.messages.filter((m) => m.ruleId === ${JSON.stringify(RULE)}).map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
`;

describe('module boundaries', () => {
  const results = new Map<string, string[]>();

  beforeAll(() => {
    const env = { ...process.env, NX_DAEMON: 'false' };
    execFileSync(process.execPath, [require.resolve('nx/bin/nx'), 'show', 'projects'], { cwd: ROOT, env, stdio: 'ignore' });
    const probes = [...FORBIDDEN, ...ALLOWED].map(([name, file, code]) => ({ name, file, code: `${code}\nexport const probe = 1;\n` }));
    const output = execFileSync(process.execPath, ['-e', LINT_PROBES], { cwd: ROOT, env, input: JSON.stringify(probes), encoding: 'utf8' });
    (JSON.parse(output) as string[][]).forEach((messages, i) => results.set(probes[i].name, messages));
  }, 180_000);

  it.each(FORBIDDEN.map(([name]) => name))('forbids: %s', (name) => {
    expect(results.get(name)).not.toEqual([]);
  });

  it.each(ALLOWED.map(([name]) => name))('allows: %s', (name) => {
    expect(results.get(name)).toEqual([]);
  });
});
