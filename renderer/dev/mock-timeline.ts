/**
 * Canned cloud-side events for the dev mock's "What happened" (getTimeline): an Okta tenant that
 * turned SCIM Sync on after its users were assigned, as in the Okta sync error. The client's own
 * lane comes from the transitions the mock's machine makes (shared/state/transition-timeline).
 */
import type { TimelineEvent } from '../../shared/contract/cloud-api/cockpit.js';
import { CODES } from '../../shared/errors/codes.js';
import { authLabel, serviceLabel } from '../../shared/state/status.js';
import { transitionTimelineEvent } from '../../shared/state/transition-timeline.js';
import type { ClientState } from '../../shared/state/types.js';
import type { MockScenario } from './mock-fixtures.js';

const MINUTE = 60_000;

type Canned = Omit<TimelineEvent, 'at'> & { minutesAgo: number };

const OKTA_HISTORY: readonly Canned[] = [
  {
    minutesAgo: 42,
    source: 'config',
    code: null,
    text: 'Okta: scimSyncEnabled false → true',
    error: false,
  },
  {
    minutesAgo: 41,
    source: 'config',
    code: null,
    text: 'Okta: SCIM token regenerated (the old one stops working at once)',
    error: false,
  },
  {
    minutesAgo: 40,
    source: 'idp',
    code: null,
    text: 'Okta provisioning: provisioning-enabled',
    error: false,
  },
  {
    minutesAgo: 39,
    source: 'scim',
    code: null,
    text: 'GET /Users?filter=userName eq "bob@acme.example" → 200',
    error: false,
  },
  {
    minutesAgo: 30,
    source: 'config',
    code: null,
    text: 'Policy changed (version 7)',
    error: false,
  },
];

const SIGNED_IN: readonly Canned[] = [
  {
    minutesAgo: 3,
    source: 'idp',
    code: null,
    text: 'Signed in with SAML at Okta; session validated (device dev-7f3a91c2)',
    error: false,
  },
  {
    minutesAgo: 2,
    source: 'policy',
    code: CODES.OPEN_OR_ACTIVE_CONNECTION,
    text: 'intranet.acme.example:443: allowed',
    error: false,
  },
  {
    minutesAgo: 1,
    source: 'broker',
    code: null,
    text: 'Pushed to the connector: policy changed (version 7)',
    error: false,
  },
];

const SYNC_ERROR: readonly Canned[] = [
  {
    minutesAgo: 39,
    source: 'idp',
    code: null,
    text: 'Okta provisioning: out-of-sync: 4 user(s) were assigned this application before Provisioning was enabled and were not provisioned.',
    error: true,
  },
  {
    minutesAgo: 4,
    source: 'idp',
    code: CODES.BRK_MT_SETUP_FAIL_SCIM_INACTIVE,
    text: 'Signed in with SAML at Okta; session validated: not in the SCIM database (not synced): app access refused',
    error: true,
  },
];

/** The canned cloud events of a mock scenario, placed before `now`. */
export function mockCloudTimeline(scenario: MockScenario, now: number): TimelineEvent[] {
  const canned = {
    'signed-out': OKTA_HISTORY,
    'okta-sync-error': [...OKTA_HISTORY, ...SYNC_ERROR],
  }[scenario as string] ?? [...OKTA_HISTORY, ...SIGNED_IN];
  return canned.map(({ minutesAgo, ...e }) => ({
    ...e,
    at: new Date(now - minutesAgo * MINUTE).toISOString(),
  }));
}

/** The client's lane before the mock's first transition: how the scenario's state came about. */
export function mockStartTransition(state: ClientState, now: number): TimelineEvent | null {
  if (state.auth.status === 'unauthenticated') return null;
  const service = state.service;
  const failed = service.status === 'error';
  return {
    at: new Date(failed ? service.since : now - 2 * MINUTE).toISOString(),
    source: 'client',
    code: failed ? service.code : null,
    text: `Service Status: ${serviceLabel(service)}; Authentication Status: ${authLabel(state.auth)} (sessionState)`,
    error: failed,
  };
}

/** The mock's "What happened": the canned cloud lanes plus its machine's own transitions. */
export class MockTimeline {
  private readonly transitions: TimelineEvent[] = [];

  constructor(
    private readonly scenario: MockScenario,
    start: ClientState,
    now: number,
  ) {
    const first = mockStartTransition(start, now);
    if (first) this.transitions.push(first);
  }

  /** One machine transition, as the core records it. */
  record(...args: Parameters<typeof transitionTimelineEvent>): void {
    const entry = transitionTimelineEvent(...args);
    if (entry) this.transitions.push(entry);
  }

  events(now: number): TimelineEvent[] {
    const events = [...mockCloudTimeline(this.scenario, now), ...this.transitions];
    return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }
}
