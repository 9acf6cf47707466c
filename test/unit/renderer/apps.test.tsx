import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { readTrace } from '../../../renderer/features/apps/trace-model';
import { renderApp, userCalls } from './helpers';

const appsTable = () => screen.getByRole('table', { name: 'Your applications' });
const row = (name: string) =>
  within(appsTable())
    .getAllByRole('row')
    .find((r) => r.textContent?.includes(name))!;
const result = () => screen.getByRole('region', { name: 'Access result' });

describe('Applications', () => {
  it('lists the apps the user can reach first, with forwarding and access result', async () => {
    const { mock } = await renderApp({ view: 'insight', scenario: 'blocked-app', page: 'apps' });
    expect(mock.calls.map((c) => c.call)).toContain('refreshApps');
    expect(within(row('Source Code (Git)')).getByText('Allowed')).toBeTruthy();
    expect(within(row('Source Code (Git)')).getByText('Forward to Private Access')).toBeTruthy();
    expect(within(row('Intranet')).getByText('Bypass')).toBeTruthy();
    expect(within(row('Intranet')).getByText('Bypassed')).toBeTruthy();
    expect(row('Intranet').querySelectorAll('td')[0]!.textContent).toBe('80, 443');
    const reachable = within(appsTable())
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.querySelector('.app-name')?.textContent);
    expect(reachable).toEqual(['Source Code (Git)', 'Jira', 'Intranet']);
  });

  it('keeps the blocked apps in a collapsed group, by reason, still with Open', async () => {
    const { user } = await renderApp({ view: 'insight', scenario: 'blocked-app', page: 'apps' });
    const toggle = screen.getByRole('button', { name: 'Blocked applications (2)' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('button', { name: 'Open Finance Portal' })).toBeNull();
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const noPolicy = screen.getByRole('table', {
      name: 'No access policy allows this application',
    });
    expect(noPolicy.parentElement!.textContent).toContain('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND');
    const finance = within(noPolicy).getAllByRole('row')[1]!;
    expect(finance.textContent).toContain('Finance Portal');
    expect(within(finance).getByText('Blocked')).toBeTruthy();
    expect(within(finance).getByRole('button', { name: 'Open Finance Portal' })).toBeTruthy();
    const rejected = screen.getByRole('table', { name: 'Blocked by access policy' });
    expect(within(rejected).getAllByRole('row')[1]!.textContent).toContain('HR Portal');
  });

  it('a blocked app shows code and message, and Why? shows the trace with the skipped SCIM rule', async () => {
    const { mock, user } = await renderApp({
      view: 'insight',
      scenario: 'blocked-app',
      page: 'apps',
    });
    await user.click(screen.getByRole('button', { name: /^Blocked applications/ }));
    await user.click(screen.getByRole('button', { name: 'Open Finance Portal' }));
    expect(mock.calls.at(-1)).toEqual({
      call: 'openApp',
      input: { app: 'finance.acme.example', port: 443 },
    });

    const alert = within(result()).getByRole('alert');
    expect(
      within(alert).getByRole('heading', { name: 'No access policy allows this application' }),
    ).toBeTruthy();
    expect(within(alert).getByText('BRK_MT_SETUP_FAIL_NO_POLICY_FOUND')).toBeTruthy();
    expect(
      within(alert).getByText('Application access is blocked by Private Access policy.'),
    ).toBeTruthy();

    const why = within(result()).getByRole('button', { name: 'Why?' });
    await user.click(why);
    const trace = within(result()).getByRole('list', { name: 'Policy trace' });
    const steps = within(trace).getAllByRole('listitem');
    expect(steps.map((s) => s.querySelector('.trace__step-label')?.textContent)).toEqual([
      'Application segment',
      'Client forwarding',
      'SCIM check',
      'Access policy',
      'Access policy',
      'Access policy',
      'Result',
    ]);
    const financeRule = steps[3]!;
    expect(within(financeRule).getByText('Rule 1: Finance team')).toBeTruthy();
    expect(financeRule.querySelector('.trace__head')?.textContent).toContain('Skipped');
    const criteria = within(financeRule).getByRole('table');
    const scimRow = within(criteria)
      .getAllByRole('row')
      .find((r) => r.textContent?.includes('SCIM group'))!;
    expect(within(scimRow).getByText('Skipped')).toBeTruthy();
    expect(
      within(scimRow).getByText(/session authenticated before SCIM Attributes for Policy/),
    ).toBeTruthy();
    expect(within(steps[4]!).getByText('SAML attribute: userType = Contractor')).toBeTruthy();
    expect(within(steps[4]!).getAllByText('Failed')).toHaveLength(1);
    expect(within(steps[5]!).getByText('No access rule matched: implicit block')).toBeTruthy();
  });

  it('an allowed app opens a connection with live bytes and a Close button', async () => {
    const { mock, user } = await renderApp({ view: 'insight', scenario: 'on', page: 'apps' });
    const connections = () => screen.getByRole('table', { name: 'Application connections' });
    expect(within(connections()).getAllByRole('row')).toHaveLength(2); // header + git
    await user.click(within(row('Jira')).getByRole('button', { name: 'Open Jira' }));
    expect(within(result()).getByRole('heading', { level: 2 }).textContent).toContain('Allowed');
    expect(within(connections()).getAllByRole('row')).toHaveLength(3);
    const jira = within(connections())
      .getAllByRole('row')
      .find((r) => r.textContent?.includes('jira.acme.example'))!;
    expect(within(jira).getAllByText('0 B')).toHaveLength(2);
    act(() =>
      mock.update((s) => ({
        ...s,
        connections: s.connections.map((c) =>
          c.app === 'jira.acme.example'
            ? { ...c, bytesSent: 2048, bytesReceived: 5 * 1024 * 1024 }
            : c,
        ),
      })),
    );
    expect(within(jira).getByText('2.0 KB')).toBeTruthy();
    expect(within(jira).getByText('5.0 MB')).toBeTruthy();
    await user.click(within(jira).getByRole('button', { name: 'Close connection to Jira' }));
    expect(userCalls(mock).at(-1)).toBe('closeConnection');
    expect(within(connections()).getAllByRole('row')).toHaveLength(2);
  });

  it('opens an application by address and reports one no segment covers', async () => {
    const { user } = await renderApp({ view: 'insight', scenario: 'on', page: 'apps' });
    await user.type(screen.getByLabelText('Application address'), 'Unknown.ACME.example');
    await user.clear(screen.getByLabelText('Port'));
    await user.type(screen.getByLabelText('Port'), '8443');
    await user.click(screen.getByRole('button', { name: 'Open application' }));
    expect(within(result()).getByText('BRK_MT_SETUP_FAIL_APP_NOT_FOUND')).toBeTruthy();
    expect(within(result()).getByText('unknown.acme.example')).toBeTruthy();
  });

  it('validates the address and port', async () => {
    const { mock, user } = await renderApp({ view: 'insight', scenario: 'on', page: 'apps' });
    await user.click(screen.getByRole('button', { name: 'Open application' }));
    expect(screen.getByText('Enter a host name, for example git.acme.example.')).toBeTruthy();
    expect(screen.getByLabelText('Application address').getAttribute('aria-invalid')).toBe('true');
    await user.type(screen.getByLabelText('Application address'), 'git.acme.example');
    await user.clear(screen.getByLabelText('Port'));
    await user.type(screen.getByLabelText('Port'), '70000');
    await user.click(screen.getByRole('button', { name: 'Open application' }));
    expect(screen.getByText('Enter a port between 1 and 65535.')).toBeTruthy();
    expect(userCalls(mock)).not.toContain('openApp');
  });

  it('an openApp failure keeps its code', async () => {
    const { mock, user } = await renderApp({ view: 'insight', scenario: 'on', page: 'apps' });
    mock.failNext('openApp', 'SESSION_INVALID', 'Sign in first.');
    await user.click(within(row('Jira')).getByRole('button', { name: 'Open Jira' }));
    expect(within(result()).getByRole('heading', { name: 'Not signed in' })).toBeTruthy();
    expect(within(result()).getByText('SESSION_INVALID')).toBeTruthy();
  });

  it('readTrace falls back to raw JSON for a shape it does not know', () => {
    expect(readTrace({ rules: [] })).toBeNull();
    expect(readTrace([{ nope: 1 }])).toBeNull();
    expect(readTrace([{ step: 'custom_step', result: 'weird', message: 'm' }])).toEqual([
      expect.objectContaining({ stepLabel: 'Custom step', resultLabel: 'Weird', tone: 'neutral' }),
    ]);
  });
});
