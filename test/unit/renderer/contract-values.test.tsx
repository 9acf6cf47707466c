import { describe, expect, it } from 'vitest';
import * as values from '../../../renderer/lib/contract-values';
import {
  CONNECTOR_CALLS,
  CONNECTOR_EVENTS,
  LOG_LEVELS,
  REPORT_PRIORITIES,
  REPORT_PROBLEMS,
} from '../../../shared/contract/connector-contract';

describe('renderer copies of the contract lists', () => {
  it('equal the contract at run time too', () => {
    expect(values.REPORT_PROBLEMS).toEqual(REPORT_PROBLEMS);
    expect(values.REPORT_PRIORITIES).toEqual(REPORT_PRIORITIES);
    expect(values.LOG_LEVELS).toEqual(LOG_LEVELS);
    expect(values.CONNECTOR_EVENTS).toEqual(CONNECTOR_EVENTS);
    expect([...values.CONNECTOR_CALL_NAMES].sort()).toEqual(Object.keys(CONNECTOR_CALLS).sort());
    expect(values.isConnectorCall('toString')).toBe(false);
  });
});
