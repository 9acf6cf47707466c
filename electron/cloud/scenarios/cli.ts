/**
 * `npm run scenario`: list the scenario library, or run one scenario (reproduce, then a fix)
 * against a cloud of its own (in memory, port 0) or a running one, printing each step with
 * pass/fail and, last, `N passed, N failed`. Exit 0 when every step passed, 1 when one failed,
 * 2 for bad arguments.
 */
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { ScenarioRun, ScenarioStep } from '../../../shared/contract/cloud-api/cockpit.js';
import { AdminClient } from './admin-client.js';
import { findScenario, SCENARIOS } from './library/index.js';
import { ScenarioSession } from './runner.js';
import { summarize } from './summary.js';

const USAGE = `Usage: npm run scenario -- list [--json]
       npm run scenario -- run <id> [--fix <fixId>] [--cloud <url> --admin-token <t>] [--json] [--pause]
  list                 the scenarios: id, title, the symptom the client shows, the fixes
  run <id>             reset the tenant, build the starting state, show the symptom on the real
                       connector core, apply the fix (the first unless --fix), check the outcome
  --cloud <url>        run against this cloud (its tenant is reset!) instead of an in-memory one
  --admin-token <t>    that cloud's admin token (needed with --cloud)
  --json               print the runs as JSON instead of one line per step
  --pause              wait for Enter after each step (live demos)`;

class UsageError extends Error {}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        pause: { type: 'boolean', default: false },
        fix: { type: 'string' },
        cloud: { type: 'string' },
        'admin-token': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

const out = (line: string) => process.stdout.write(`${line}\n`);

function printStep(step: ScenarioStep) {
  const mark = step.ok ? 'PASS' : 'FAIL';
  out(`${mark}  [${step.kind}] ${step.title}${step.detail ? `\n        ${step.detail}` : ''}`);
}

function list(json: boolean) {
  const all = SCENARIOS.map(summarize);
  if (json) return out(JSON.stringify(all, null, 2));
  for (const s of all) {
    const code = s.symptom.code ? ` (${s.symptom.code})` : '';
    out(`${s.id.padEnd(28)} ${s.title}`);
    out(
      `${''.padEnd(28)} symptom: ${s.symptom.serviceStatus} / ${s.symptom.authenticationStatus}${code}`,
    );
    out(`${''.padEnd(28)} fixes: ${s.fixes.map((f) => f.id).join(', ')}`);
  }
}

async function run(id: string | undefined, values: ReturnType<typeof parse>['values']) {
  if (!id) throw new UsageError('run needs a scenario id (npm run scenario -- list).');
  const scenario = findScenario(id);
  if (!scenario)
    throw new UsageError(`No scenario ${id}. Known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  if (values.fix !== undefined && !scenario.fixes.some((f) => f.id === values.fix)) {
    throw new UsageError(
      `${id} has no fix ${values.fix}. Its fixes: ${scenario.fixes.map((f) => f.id).join(', ')}`,
    );
  }
  if (values.cloud !== undefined && !values['admin-token']) {
    throw new UsageError('--cloud needs --admin-token.');
  }
  const own = values.cloud === undefined;
  const adminToken = values['admin-token'] ?? randomBytes(24).toString('base64url');
  // Loaded only here: list and bad arguments answer without loading the whole cloud.
  const cloud = own
    ? await (await import('../cloud.js')).startCloud({ port: 0, db: ':memory:', adminToken })
    : null;
  const onStep = async (step: ScenarioStep) => {
    if (!values.json) printStep(step);
    if (prompt) await prompt.question('  (Enter for the next step) ');
  };
  const admin = AdminClient.withToken(cloud?.baseUrl ?? values.cloud!, adminToken);
  // A workshop attendee's tenant has its own organisations (acme-3.example, …): the scenario
  // acts on that tenant's users and apps.
  const { domains } = await admin.call('tenant');
  const onTenant = findScenario(id, domains)!;
  const prompt = values.pause
    ? createInterface({ input: process.stdin, output: process.stderr })
    : null;
  const session = new ScenarioSession(onTenant, admin, onStep);
  const runs: ScenarioRun[] = [];
  try {
    if (!values.json)
      out(`${onTenant.id}: ${onTenant.title}${own ? ` (cloud ${cloud!.baseUrl})` : ''}`);
    runs.push(await session.reproduce());
    if (runs[0]!.failed === 0) runs.push(await session.fix(values.fix));
  } finally {
    session.dispose();
    prompt?.close();
    await cloud?.close();
  }
  const passed = runs.reduce((n, r) => n + r.passed, 0);
  const failed = runs.reduce((n, r) => n + r.failed, 0);
  if (values.json) out(JSON.stringify({ scenario: scenario.id, runs, passed, failed }, null, 2));
  out(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv);
  const [command, id, ...extra] = positionals;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`);
  if (command === 'list') {
    list(values.json!);
    return 0;
  }
  if (command === 'run') return run(id, values);
  throw new UsageError(command ? `Unknown command "${command}".` : 'Say list or run.');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n${USAGE}\n`);
      process.exit(2);
    }
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
