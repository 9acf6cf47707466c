/**
 * The contract's schemas are built without zod's JIT probe (`new Function`), which a strict
 * CSP (the window, the admin console, the dev mock) reports as an eval violation: loading the
 * whole contract, with nothing imported before it, never calls the Function constructor.
 */
import { expect, it } from 'vitest';

it('loads the window and cloud contracts without probing for eval', async () => {
  const RealFunction = globalThis.Function;
  const probes: unknown[][] = [];
  globalThis.Function = new Proxy(RealFunction, {
    construct(target, args) {
      probes.push(args);
      return Reflect.construct(target, args) as object;
    },
  });
  try {
    const { CONNECTOR_CALLS } = await import('../../../shared/contract/connector-contract.js');
    const { CLOUD_ROUTES } = await import('../../../shared/contract/cloud-api/index.js');
    expect(Object.keys(CONNECTOR_CALLS).length).toBeGreaterThan(0);
    expect(Object.keys(CLOUD_ROUTES).length).toBeGreaterThan(0);
    // Parsing, as the mock and the host do, must not compile either.
    CONNECTOR_CALLS.setLogLevel.parse({ level: 'debug' });
  } finally {
    globalThis.Function = RealFunction;
  }
  expect(probes).toEqual([]);
});
