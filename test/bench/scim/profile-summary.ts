/**
 * `tsx test/bench/scim/profile-summary.ts <dir | file.cpuprofile> [--phase lookup] [--top 15]
 * [--inclusive] [--parts [--ops n]] [--part name]`: the functions (and modules) with the most self time (with --inclusive: the
 * functions with the most total time, their callees' included) in a V8 CPU profile of the cloud, written
 * by `npm run bench:scim -- --server-cpu-prof <dir>`. With --phase, only the samples taken during
 * the benchmark phases whose names start with it count (windows from <dir>/phases.json; the
 * profile's timestamps and the benchmark's process.hrtime are both CLOCK_MONOTONIC on Linux).
 * With --parts, the busy samples by part of a SCIM request (profile-parts.ts), in µs per operation
 * too when --ops gives the phases' operation count; --part counts only one part's samples.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { partOf } from './profile-parts.js';
import { int, table } from './stats.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface Profile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface PhaseWindow {
  name: string;
  startUs: number;
  endUs: number;
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function main() {
  const { values, positionals } = parseArgs({
    options: {
      phase: { type: 'string' },
      top: { type: 'string', default: '15' },
      inclusive: { type: 'boolean', default: false },
      parts: { type: 'boolean', default: false },
      /** Only the samples of this part (profile-parts.ts), e.g. to see what a part is made of. */
      part: { type: 'string' },
      ops: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const target = positionals[0];
  if (!target)
    throw new Error('Usage: profile-summary.ts <dir | file.cpuprofile> [--phase name] [--top 15]');
  let file = target;
  let dir = dirname(target);
  if (statSync(target).isDirectory()) {
    dir = target;
    // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread (tsx also
    // runs a loader worker, which gets a profile of its own). Take the newest main-thread one.
    const profiles = readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(target, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    const main = profiles.find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)) ?? profiles[0];
    if (!main) throw new Error(`No .cpuprofile in ${target}.`);
    file = main;
  }
  const top = Number(values.top);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

  let windows: PhaseWindow[] | undefined;
  if (values.phase !== undefined) {
    const all = JSON.parse(readFileSync(join(dir, 'phases.json'), 'utf8')) as PhaseWindow[];
    windows = all.filter((p) => p.name.startsWith(values.phase!));
    if (windows.length === 0) {
      throw new Error(
        `No phase named ${values.phase}…; phases: ${all.map((p) => p.name).join(', ')}`,
      );
    }
  }

  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const keyOf = (frame: CallFrame) => `${frame.functionName || '(anonymous)'}\t${where(frame)}`;
  /** With --inclusive: every function on the sample's stack, once (recursion counted once). */
  const stackKeys = (id: number) => {
    const keys = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parents.get(n)) {
      keys.add(keyOf(frames.get(n)!));
    }
    return keys;
  };
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  const byPart = new Map<string, number>();
  const partOfNode = new Map<number, string>();
  const stackOf = (id: number) => {
    const stack = [];
    for (let n: number | undefined = id; n !== undefined; n = parents.get(n)) {
      const f = frames.get(n)!;
      stack.push({ functionName: f.functionName, where: f.url ? shortUrl(f.url) : '' });
    }
    return stack;
  };
  let t = profile.startTime;
  let counted = 0;
  let countedUs = 0;
  for (let s = 0; s < profile.samples.length; s++) {
    const delta = profile.timeDeltas[s] ?? 0;
    t += delta;
    if (windows && !windows.some((w) => t >= w.startUs && t <= w.endUs)) continue;
    const frame = frames.get(profile.samples[s]!);
    if (!frame) continue;
    // A sample stands for the time until the next one.
    const us = profile.timeDeltas[s + 1] ?? delta;
    const id = profile.samples[s]!;
    let part = partOfNode.get(id);
    if (part === undefined) partOfNode.set(id, (part = partOf(stackOf(id))));
    if (values.part !== undefined && part !== values.part) continue;
    for (const key of values.inclusive ? stackKeys(profile.samples[s]!) : [keyOf(frame)]) {
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    }
    const mod = moduleOf(frame);
    byModule.set(mod, (byModule.get(mod) ?? 0) + us);
    byPart.set(part, (byPart.get(part) ?? 0) + us);
    counted++;
    countedUs += us;
  }

  console.log(`Profile ${file}`);
  console.log(
    windows
      ? `Phases ${windows.map((w) => `${w.name} (${((w.endUs - w.startUs) / 1e6).toFixed(2)} s)`).join(', ')}: ${int(counted)} samples, ${(countedUs / 1e6).toFixed(2)} s sampled`
      : `Whole run: ${int(counted)} samples, ${(countedUs / 1e6).toFixed(2)} s`,
  );
  if (counted === 0) {
    console.log(
      'No samples in the window: were the profile and phases.json written by the same run?',
    );
    return;
  }
  const rows = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, us], k) => [
        String(k + 1),
        (us / 1000).toFixed(0),
        `${((us / countedUs) * 100).toFixed(1)}%`,
        ...key.split('\t'),
      ]);
  const time = values.inclusive ? 'total' : 'self';
  console.log(`\nTop ${top} functions by ${time} time\n`);
  console.log(table(['#', `${time} ms`, `${time} %`, 'function', 'where'], rows(byFunction, top)));
  console.log('\nSelf time by module\n');
  console.log(table(['#', 'self ms', 'self %', 'module'], rows(byModule, 12)));
  if (values.parts) printParts(byPart, values.ops === undefined ? undefined : Number(values.ops));
}

/** Busy time (idle left out) by part, as shares and, given the operation count, µs per op. */
function printParts(byPart: Map<string, number>, ops: number | undefined) {
  const busy = [...byPart].filter(([p]) => p !== '(idle)');
  const busyUs = busy.reduce((sum, [, us]) => sum + us, 0);
  const rows = busy
    .sort((a, b) => b[1] - a[1])
    .map(([part, us]) => [
      part,
      (us / 1000).toFixed(0),
      `${((us / busyUs) * 100).toFixed(1)}%`,
      ops ? (us / ops).toFixed(1) : '',
    ]);
  rows.push([
    'busy, in all',
    (busyUs / 1000).toFixed(0),
    '100%',
    ops ? (busyUs / ops).toFixed(1) : '',
  ]);
  console.log(`\nBusy time by part (profile-parts.ts; idle left out)\n`);
  console.log(table(['part', 'ms', 'share', 'µs per op'], rows));
}

function shortUrl(url: string): string {
  let u = url.startsWith('file://') ? fileURLToPath(url) : url;
  if (u.startsWith(REPO_ROOT + '/')) u = u.slice(REPO_ROOT.length + 1);
  return u.replace(/^node_modules\//, '');
}

function where(f: CallFrame): string {
  if (!f.url) return '(native)';
  const u = shortUrl(f.url);
  // tsx compiles the project's .ts files on load: their positions are in the compiled code.
  const compiled = /\.[cm]?tsx?$/.test(u) && !u.includes('node_modules');
  return `${u}${compiled ? ' (compiled) ' : ':'}${f.lineNumber + 1}:${f.columnNumber + 1}`;
}

function moduleOf(f: CallFrame): string {
  if (!f.url) return f.functionName.startsWith('(') ? f.functionName : '(native)';
  const inNodeModules = f.url.lastIndexOf('node_modules/');
  if (inNodeModules >= 0) {
    const pkg = /^(@[^/]+\/)?[^/]+/.exec(f.url.slice(inNodeModules + 'node_modules/'.length));
    return `npm:${pkg?.[0] ?? '?'}`;
  }
  const u = shortUrl(f.url);
  // node:internal/deps/undici/... and the like: group by the first two segments.
  if (u.startsWith('node:')) return u.split('/').slice(0, 2).join('/');
  return u;
}

main();
