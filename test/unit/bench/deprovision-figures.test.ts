import { describe, expect, it } from 'vitest';
import {
  deprovisionFigure,
  summarise,
  type DeprovisionSample,
} from '../../bench/deprovision/figures.js';

/**
 * 200 deactivations whose event reaches the connector 2 ms before the SCIM response reaches the
 * IdP (as the cloud does: it pushes while it answers); from the request it takes (k % 100) + 1 ms.
 */
const samples: DeprovisionSample[] = Array.from({ length: 200 }, (_, k) => {
  const sent = 1000 * k;
  const seen = sent + (k % 100) + 1;
  return { sent, answered: seen + 2, seen };
});

describe('the deprovision benchmark figure', () => {
  it('is the p99 from the SCIM request, not 0 when every event beats the SCIM response', () => {
    const summary = summarise(samples);
    expect(summary.beforeResponse).toBe(200);
    expect(summary.fromRequest.p99).toBe(99);
    expect(summary.fromRequest.p50).toBe(50);
    const figure = deprovisionFigure(summary, 1000);
    expect(figure.value).toBe(99);
    expect(figure.unit).toBe('ms');
    expect(figure.measure).toContain('from the SCIM request');
    expect(figure.note).toBe('before the SCIM response in 200 of 200');
  });

  it('keeps the time from the SCIM response signed: negative when the event came first', () => {
    const summary = summarise(samples);
    expect(summary.fromResponse.max).toBe(-2);
    expect(summary.fromResponse.p99).toBe(-2);
  });

  it('keeps sub-millisecond figures to 0.01 ms instead of rounding them to 0', () => {
    const fast = samples.map((s) => ({ ...s, seen: s.sent + 0.04, answered: s.sent + 1 }));
    expect(deprovisionFigure(summarise(fast), 5).value).toBe(0.04);
  });
});
