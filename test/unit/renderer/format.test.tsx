import { describe, expect, it } from 'vitest';
import { formatPorts, portRanges } from '../../../renderer/lib/format';

describe('portRanges / formatPorts', () => {
  it('collapses three or more consecutive ports into one range', () => {
    const dev = [443, 8080, 8081, 8082, 8083, 8084, 8085, 8086, 8087, 8088, 8089, 8090];
    expect(portRanges(dev)).toEqual(['443', '8080–8090']);
    expect(formatPorts(dev)).toBe('443, 8080–8090');
  });

  it('keeps two neighbours as two ports, sorts and drops duplicates', () => {
    expect(portRanges([443, 80])).toEqual(['80', '443']);
    expect(portRanges([22, 21, 22])).toEqual(['21', '22']);
    expect(portRanges([3, 1, 2, 5, 7, 8, 9])).toEqual(['1–3', '5', '7–9']);
  });

  it('shows a dash for no ports', () => {
    expect(portRanges([])).toEqual([]);
    expect(formatPorts([])).toBe('—');
  });
});
