/**
 * One start of the web shell, measured (for startup.ts and compare.ts): spawn to the frame that
 * draws the sign-in page in Chromium (timed inside the page: paint-probe.ts), the phases on the
 * way, the web shell's CPU at the paint, then a first sign-in and the host's memory.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { expect, type Browser } from '@playwright/test';
import { IdpLoginPage } from '../../e2e/pages/idp-login.page.js';
import { PrivateAccessPage } from '../../e2e/pages/private-access.page.js';
import { SignInPage } from '../../e2e/pages/sign-in.page.js';
import { DEMO_PASSWORD } from '../../e2e/support/harness.js';
import { startWebShellProcess, type WebShellStartupTimes } from '../../e2e/support/web-shell.js';
import { installPaintProbe, PAINT_BINDING, readPaintProbe } from './paint-probe.js';

const mib = (bytes: number | null) => (bytes ? +(bytes / 2 ** 20).toFixed(1) : null);

/**
 * The CPU time (user + system, ms) a process has used so far, every thread of it (the bundled
 * cloud's worker included): on a shared machine steadier than the wall clock. NaN off Linux.
 */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime in 10 ms ticks
  } catch {
    return NaN;
  }
}

/** Epoch ms of a performance.now() of this process. */
const epoch = (t: number) => performance.timeOrigin + t;

/** One start; `bundle` another build of the web shell (this checkout's by default). */
export async function measure(browser: Browser, extraArgs: string[] = [], bundle?: string) {
  const context = await browser.newContext();
  await installPaintProbe(context);
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  // The CPU the web shell has used when the page paints the sign-in page (the page calls back).
  let cpuAtPaint = NaN;
  let pid = 0;
  await page.exposeFunction(PAINT_BINDING, () => void (cpuAtPaint = cpuMsOf(pid)));
  // The window loads as soon as the web shell listens, while its bundled cloud starts; first
  // paint is the sign-in page drawn from the service's state, whenever that comes.
  let startup: WebShellStartupTimes | undefined;
  let painted: Promise<number> | undefined;
  const shell = await startWebShellProcess(extraArgs, {
    ...(bundle ? { bundle } : {}),
    onListening: (url, shellPid, times) => {
      pid = shellPid;
      startup = times;
      painted = page
        .goto(url)
        .then(() => expect(signIn.heading).toBeVisible())
        .then(() => performance.now());
    },
  }).catch(async (e: unknown) => {
    await context.close();
    throw e;
  });
  try {
    const seenByPlaywright = await painted!;
    const moments = await readPaintProbe(page);
    const rssBeforeSignIn = shell.rssBytes();
    const spawned = epoch(shell.spawnedAt);
    const since = (at: number) => Math.round(at - spawned);

    const popup = page.waitForEvent('popup');
    const signInStart = performance.now();
    await signIn.start('erin@globex.example');
    await new IdpLoginPage(await popup).signIn('erin@globex.example', DEMO_PASSWORD);
    await expect(new PrivateAccessPage(page).serviceStatus).toHaveText('On');
    /** The first sign-in also loads the sign-in modules the start left out (lazy imports). */
    const firstSignInMs = Math.round(performance.now() - signInStart);
    await page.waitForTimeout(1000);

    return {
      startToFirstPaintMs: since(moments.signInPainted),
      cpuToFirstPaintMs: cpuAtPaint,
      loadAverage: +loadavg()[0]!.toFixed(2),
      /** Milestones to first paint, ms since the spawn (the process's and the page's clocks). */
      phases: {
        processStarted: since(startup!.timeOrigin),
        nodeBootstrapped: since(startup!.timeOrigin + startup!.nodeBootstrappedMs),
        bundleLoaded: since(startup!.timeOrigin + startup!.mainEvaluatedMs),
        listening: since(startup!.timeOrigin + startup!.listeningMs),
        navigationStart: since(moments.navigationStart),
        htmlFirstByte: since(moments.htmlFirstByte),
        assetsLoaded: since(moments.assetsLoaded),
        reactMounted: since(moments.reactMounted),
        bridgeOpen: since(moments.bridgeOpen),
        firstState: since(moments.firstState),
        signInPainted: since(moments.signInPainted),
        /** The host's connector service had a state to show; its bundled cloud started. */
        connectorReady: since(startup!.timeOrigin + shell.startup.connectorReadyMs!),
        cloudStarted: since(startup!.timeOrigin + (shell.startup.cloudStartedMs ?? NaN)),
        /** When the Playwright assertion (polling) saw it: later, by up to its poll interval. */
        seenByPlaywright: since(epoch(seenByPlaywright)),
      },
      processReadyMs: Math.round(shell.readyAt - shell.spawnedAt),
      firstSignInMs,
      rssBeforeSignInMiB: mib(rssBeforeSignIn),
      rssAfterSignInMiB: mib(shell.rssBytes()),
    };
  } finally {
    await context.close();
    const code = await shell.stop();
    if (code !== 0) {
      console.error(`The web shell did not close cleanly on SIGTERM (exit ${code}).`);
      process.exitCode = 1;
    }
  }
}

export type Run = Awaited<ReturnType<typeof measure>>;

/** `runs` starts, one after the other; the run with the median first paint stands for them. */
export async function measureRuns(browser: Browser, runs: number, extraArgs: string[] = []) {
  const all: Run[] = [];
  for (let i = 0; i < runs; i++) all.push(await measure(browser, extraArgs));
  const sorted = [...all].sort((a, b) => a.startToFirstPaintMs - b.startToFirstPaintMs);
  return {
    median: sorted[Math.floor((sorted.length - 1) / 2)]!,
    firstPaintsMs: all.map((r) => r.startToFirstPaintMs),
  };
}
