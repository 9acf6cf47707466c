/**
 * The e2e worker's pool of web shells (test/e2e/support/shell-pool.ts): a test never gets a web
 * shell another test had, a spare is started at most once ahead, a failed start reaches the test
 * that takes it, and the spare is stopped with the worker.
 */
import { describe, expect, it } from 'vitest';
import { ShellPool } from '../../e2e/support/shell-pool.js';
import type { WebShellProcess } from '../../e2e/support/web-shell.js';

/** Fake web shells, numbered by start; `stopped` lists the pids stopped. */
function fakeShells() {
  const stopped: number[] = [];
  let started = 0;
  const start = () => {
    const pid = ++started;
    return Promise.resolve({
      pid,
      stop: () => {
        stopped.push(pid);
        return Promise.resolve(0);
      },
    } as WebShellProcess);
  };
  return { start, stopped, started: () => started };
}

describe('ShellPool', () => {
  it('gives every take a shell no take had before, the spare when there is one', async () => {
    const shells = fakeShells();
    const pool = new ShellPool(shells.start);
    const pids = [(await pool.take()).pid];
    for (let i = 0; i < 4; i++) {
      pool.prepareNext();
      pids.push((await pool.take()).pid);
    }
    pids.push((await pool.take()).pid); // no spare prepared: a new one
    expect(new Set(pids).size).toBe(pids.length);
    expect(shells.started()).toBe(pids.length);
  });

  it('starts one spare however often it is asked, and takes it rather than starting another', async () => {
    const shells = fakeShells();
    const pool = new ShellPool(shells.start);
    pool.prepareNext();
    pool.prepareNext();
    expect(shells.started()).toBe(1);
    expect((await pool.take()).pid).toBe(1);
    expect(shells.started()).toBe(1);
  });

  it('hands a failed start to the test that takes it', async () => {
    const pool = new ShellPool(() => Promise.reject(new Error('web shell did not start')));
    pool.prepareNext();
    await new Promise((r) => setTimeout(r, 0)); // an unhandled rejection would fail the run here
    await expect(pool.take()).rejects.toThrow('web shell did not start');
  });

  it('stops the spare when the worker ends, and nothing else', async () => {
    const shells = fakeShells();
    const pool = new ShellPool(shells.start);
    await pool.take();
    pool.prepareNext();
    await pool.close();
    expect(shells.stopped).toEqual([2]);
    await pool.close();
    expect(shells.stopped).toEqual([2]);
  });
});
