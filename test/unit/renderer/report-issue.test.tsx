import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../../renderer/features/troubleshoot/report-validation';
import { renderApp } from './helpers';

async function openForm() {
  const app = await renderApp({ view: 'insight', scenario: 'on', page: 'troubleshoot' });
  await app.user.click(screen.getByRole('button', { name: 'Report an Issue' }));
  const dialog = screen.getByRole('dialog', { name: 'Report an Issue' });
  return { ...app, dialog };
}

describe('Report an Issue', () => {
  it('opens a dialog with the form, pre-filled, focus inside', async () => {
    const { dialog } = await openForm();
    const name = within(dialog).getByLabelText('Name') as HTMLInputElement;
    expect(name.value).toBe('Alex Morgan');
    expect((within(dialog).getByLabelText('Email') as HTMLInputElement).value).toBe(
      'alex.morgan@acme.example',
    );
    expect((within(dialog).getByLabelText('Problem') as HTMLSelectElement).value).toBe('Other');
    expect((within(dialog).getByLabelText('Priority') as HTMLSelectElement).value).toBe('Normal');
    expect(within(dialog).getByLabelText('CC')).toBeTruthy();
    expect(within(dialog).getByLabelText('Comments')).toBeTruthy();
    expect(dialog.contains(document.activeElement)).toBe(true);
  });

  it('shows validation messages and sends nothing', async () => {
    const { dialog, user, mock } = await openForm();
    await user.clear(within(dialog).getByLabelText('Name'));
    await user.clear(within(dialog).getByLabelText('Email'));
    await user.type(within(dialog).getByLabelText('Email'), 'not-an-email');
    await user.type(within(dialog).getByLabelText('CC'), 'ok@acme.example, nope');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('Fix 4 fields to send the report.');
    expect(within(dialog).getByText('Enter your name.')).toBeTruthy();
    expect(
      within(dialog).getByText('Enter a valid email address, like name@company.com.'),
    ).toBeTruthy();
    expect(within(dialog).getByText('"nope" is not a valid email address.')).toBeTruthy();
    expect(within(dialog).getByText('Describe the problem.')).toBeTruthy();
    const name = within(dialog).getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(name);
    expect(mock.calls.map((c) => c.call)).not.toContain('reportIssue');
  });

  it('sends the report and says "Issue reported."', async () => {
    const { dialog, user, mock } = await openForm();
    await user.selectOptions(within(dialog).getByLabelText('Problem'), 'Private Access');
    await user.selectOptions(within(dialog).getByLabelText('Priority'), 'High');
    await user.type(within(dialog).getByLabelText('CC'), 'it@acme.example; sec@acme.example');
    await user.type(within(dialog).getByLabelText('Comments'), 'Finance Portal is blocked.');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await within(dialog).findByText('Issue reported.')).toBeTruthy();
    expect(within(dialog).getByText('ISSUE-1041')).toBeTruthy();
    expect(mock.calls.at(-1)).toEqual({
      call: 'reportIssue',
      input: {
        name: 'Alex Morgan',
        email: 'alex.morgan@acme.example',
        cc: 'it@acme.example, sec@acme.example',
        problem: 'Private Access',
        priority: 'High',
        comments: 'Finance Portal is blocked.',
      },
    });
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says "Failed to report issue." with the code when the call fails', async () => {
    const { dialog, user, mock } = await openForm();
    mock.failNext('reportIssue', '8801', 'The support mailbox refused the report.');
    await user.type(within(dialog).getByLabelText('Comments'), 'Help.');
    await user.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(await within(dialog).findByText('Failed to report issue.')).toBeTruthy();
    expect(within(dialog).getByText('8801')).toBeTruthy();
    expect(within(dialog).getByText('The support mailbox refused the report.')).toBeTruthy();
    // The form is still there to try again.
    expect(within(dialog).getByRole('button', { name: 'Send' })).toBeTruthy();
  });

  it('Escape closes the dialog and focus returns to the button', async () => {
    const { user } = await openForm();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Report an Issue' }));
  });

  it('validateReport enforces the contract limits', () => {
    const ok = {
      name: 'A',
      email: 'a@b.co',
      cc: '',
      problem: 'Other' as const,
      priority: 'Normal' as const,
      comments: 'x',
    };
    expect(validateReport(ok)).toEqual({});
    expect(validateReport({ ...ok, name: 'n'.repeat(101) }).name).toMatch(/100/);
    expect(validateReport({ ...ok, comments: 'c'.repeat(4001) }).comments).toMatch(/4000/);
    expect(validateReport({ ...ok, cc: `${'a'.repeat(996)}@b.co` }).cc).toMatch(/1000/);
  });
});
