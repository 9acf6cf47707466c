/**
 * `npm run scenario`: list (text and JSON), run against a cloud given with --cloud and against
 * its own in-memory cloud, exit codes (0 passed, 2 bad arguments), one line per step and the
 * `N passed, N failed` line last.
 */
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { RunningCloud } from '../../../electron/cloud/cloud.js';
import { SCENARIOS } from '../../../electron/cloud/scenarios/library/index.js';
import { attendeeDomains } from '../../../electron/cloud/seed/demo-domains.js';
import { REPO_ROOT } from '../../helpers/cli.js';
import { startTestCloud } from '../../helpers/cloud.js';

const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
const CLI = join(REPO_ROOT, 'electron/cloud/scenarios/cli.ts');

function scenarioCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [CLI, ...args], { cwd: REPO_ROOT, timeout: 90_000 }, (error, stdout, stderr) => {
      const code = error ? (error as { code?: number }).code : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1);

let cloud: RunningCloud;
/** A workshop attendee's tenant: its organisations are acme-3.example and globex-3.example. */
let attendee3: RunningCloud;
beforeAll(async () => {
  cloud = await startTestCloud();
  attendee3 = await startTestCloud({ demoDomains: attendeeDomains(3) });
});
afterAll(async () => Promise.all([cloud.close(), attendee3.close()]));

// Each case starts tsx and, for run, a cloud: seconds each on a loaded 2-core machine.
describe('npm run scenario', { timeout: 120_000 }, () => {
  it('lists every scenario, as text and as JSON', async () => {
    const text = await scenarioCli('list');
    expect(text.code).toBe(0);
    for (const s of SCENARIOS) expect(text.stdout).toContain(s.id);
    const json = await scenarioCli('list', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout).map((s: { id: string }) => s.id)).toEqual(
      SCENARIOS.map((s) => s.id),
    );
  });

  it("runs a scenario against a given cloud, on that tenant's own domains: each step with PASS, then the totals", async () => {
    const res = await scenarioCli(
      'run',
      'unknown-domain',
      '--cloud',
      attendee3.baseUrl,
      '--admin-token',
      attendee3.adminToken,
    );
    expect(res.code, res.stdout + res.stderr).toBe(0);
    // The fix adds the user's domain to attendee 3's IdP, keeping acme-3.example.
    expect(res.stdout).toContain('domains = ["acme-3.example","initech.example"]');
    expect(res.stdout).toMatch(/^PASS {2}\[symptom\] .*42029/m);
    expect(res.stdout).toMatch(/^PASS {2}\[outcome\] /m);
    expect(res.stdout).not.toMatch(/^FAIL/m);
    expect(lastLine(res.stdout)).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('runs a named fix on its own in-memory cloud, with --json', async () => {
    const res = await scenarioCli('run', 'okta-out-of-sync', '--fix', 'provision-user', '--json');
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const body = res.stdout.slice(0, res.stdout.lastIndexOf('\n', res.stdout.length - 2));
    const report = JSON.parse(body);
    expect(report).toMatchObject({ scenario: 'okta-out-of-sync', failed: 0 });
    expect(report.runs.map((r: { phase: string }) => r.phase)).toEqual(['reproduce', 'fix']);
    expect(lastLine(res.stdout)).toBe(`${report.passed} passed, 0 failed`);
  });

  it('with --pause waits for Enter after each step', async () => {
    const child = spawn(TSX, [CLI, 'run', 'idp-disabled', '--pause'], { cwd: REPO_ROOT });
    onTestFinished(() => void child.kill());
    let stdout = '';
    let prompts = 0;
    let answered = 0;
    /** The most steps printed beyond the Enters sent: 1 while each step waits for its Enter. */
    let mostAhead = 0;
    /** The steps printed when the first Enter, held back a while, was sent: only the first. */
    let printedAtFirstEnter: number | undefined;
    const printed = () => stdout.match(/^(PASS|FAIL) /gm)?.length ?? 0;
    // The step lines (stdout) and the prompts (stderr) come down two pipes, in no fixed order
    // between them: Enter goes once both the prompt and the step it follows have arrived.
    const answer = () => {
      while (answered < prompts && printed() > answered) {
        answered++;
        child.stdin.write('\n');
      }
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      mostAhead = Math.max(mostAhead, printed() - answered);
      if (printedAtFirstEnter !== undefined) answer();
    });
    child.stderr.on('data', (d: Buffer) => {
      prompts += (d.toString().match(/Enter for the next step/g) ?? []).length;
      if (prompts > 1 || printedAtFirstEnter !== undefined) return answer();
      // The first prompt: no second step may be printed while its Enter is held back.
      setTimeout(() => {
        printedAtFirstEnter = printed();
        answer();
      }, 300);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const steps = printed();
    expect(steps).toBeGreaterThan(3);
    expect(printedAtFirstEnter).toBeLessThanOrEqual(1);
    expect(mostAhead).toBe(1);
    expect(prompts).toBe(steps);
    expect(lastLine(stdout)).toBe(`${steps} passed, 0 failed`);
  });

  it('answers a bad id, a bad fix, a missing token or an unknown option with usage and exit 2', async () => {
    const cases = [
      ['run', 'no-such-scenario'],
      ['run', 'idp-disabled', '--fix', 'nope'],
      ['run', 'idp-disabled', '--cloud', cloud.baseUrl],
      ['run'],
      ['list', '--bogus'],
      ['frobnicate'],
    ];
    const results = await Promise.all(cases.map((args) => scenarioCli(...args)));
    results.forEach((res, i) => {
      expect(res.code, cases[i]!.join(' ')).toBe(2);
      expect(res.stderr).toContain('Usage: npm run scenario');
    });
  });
});
