import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../shared/contract/cloud-api/cockpit';
import { TimelinePicture } from '../../../renderer/components/timeline/TimelinePicture';
import { layoutTimeline } from '../../../renderer/components/timeline/timeline-layout';
import { renderApp } from './helpers';

const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const EVENTS: TimelineEvent[] = [
  {
    at: at(0),
    source: 'config',
    code: null,
    text: 'Okta: scimSyncEnabled false → true',
    error: false,
  },
  { at: at(1), source: 'idp', code: null, text: 'out-of-sync: 4 users', error: true },
  {
    at: at(8),
    source: 'idp',
    code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
    text: 'Signed in; not synced',
    error: true,
  },
  {
    at: at(10),
    source: 'client',
    code: 'BRK_MT_SETUP_FAIL_SCIM_INACTIVE',
    text: 'Service Status: Connection Error (sessionState)',
    error: true,
  },
];

describe('the timeline layout', () => {
  it('puts lanes in source order, events on one axis, and marks the last coded error', () => {
    const layout = layoutTimeline(EVENTS);
    expect(layout.lanes.map((l) => l.source)).toEqual(['idp', 'config', 'client']);
    const placed = layout.lanes.flatMap((l) => l.events).sort((a, b) => a.x - b.x);
    expect(placed.map((e) => e.x)).toEqual([0, 10, 80, 100]);
    expect(layout.errorMoment).toMatchObject({ source: 'client', x: 100 });
    // Without a coded error, the last error is the moment; without any, none.
    expect(layoutTimeline(EVENTS.slice(0, 2)).errorMoment).toMatchObject({ x: 100, error: true });
    expect(layoutTimeline(EVENTS.slice(0, 1)).errorMoment).toBeNull();
  });
});

describe('TimelinePicture', () => {
  it('names the error moment in its caption and lists every event in a table', async () => {
    const user = userEvent.setup();
    render(<TimelinePicture events={EVENTS} />);
    const figure = screen.getByRole('figure', { name: /What happened/ });
    expect(figure.textContent).toMatch(
      /Error BRK_MT_SETUP_FAIL_SCIM_INACTIVE at \d\d:\d\d:\d\d \(Client\): Service Status: Connection Error/,
    );
    expect(screen.queryByRole('table')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'All 4 events as a table' }));
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual([
      'Config',
      'IdP',
      'IdP',
      'Client',
    ]);
    expect(rows[3]!.textContent).toMatch(/Error: Service Status: Connection Error/);
  });

  it('says so when nothing happened', () => {
    render(<TimelinePicture events={[]} />);
    expect(screen.getByText('Nothing has happened yet for this user.')).toBeTruthy();
  });
});

describe('Troubleshoot → What happened', () => {
  it("shows the signed-in user's timeline from getTimeline, the Okta sync error marked", async () => {
    const { mock } = await renderApp({ scenario: 'okta-sync-error', page: 'troubleshoot' });
    const section = await screen.findByRole('region', { name: 'What happened' });
    const figure = await within(section).findByRole('figure');
    expect(figure.textContent).toMatch(/Error BRK_MT_SETUP_FAIL_SCIM_INACTIVE at .* \(Client\)/);
    expect(mock.calls.some((c) => c.call === 'getTimeline')).toBe(true);
  });

  it('shows no error moment when all is well', async () => {
    await renderApp({ scenario: 'on', page: 'troubleshoot' });
    const section = await screen.findByRole('region', { name: 'What happened' });
    expect(await within(section).findByText('No error in this period.')).toBeTruthy();
  });
});
