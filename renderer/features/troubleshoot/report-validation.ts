import type { CallInput } from '../../../shared/contract/connector-contract';
import type { REPORT_PRIORITIES, REPORT_PROBLEMS } from '../../../shared/contract/connector-names';

export type ReportProblem = (typeof REPORT_PROBLEMS)[number];
export type ReportPriority = (typeof REPORT_PRIORITIES)[number];

export interface ReportForm {
  name: string;
  email: string;
  cc: string;
  problem: ReportProblem;
  priority: ReportPriority;
  comments: string;
}

export type ReportField = keyof ReportForm;
export type ReportErrors = Partial<Record<ReportField, string>>;

/** Limits of the reportIssue contract call. */
export const LIMITS = { name: 100, email: 254, cc: 1000, comments: 4000 } as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const splitAddresses = (cc: string) =>
  cc
    .split(/[,;\s]+/)
    .map((a) => a.trim())
    .filter(Boolean);

/** Field → message, in the form's order; empty when the form can be sent. */
export function validateReport(form: ReportForm): ReportErrors {
  const errors: ReportErrors = {};
  const name = form.name.trim();
  const email = form.email.trim();
  const comments = form.comments.trim();
  if (name === '') errors.name = 'Enter your name.';
  else if (name.length > LIMITS.name) errors.name = `Use at most ${LIMITS.name} characters.`;
  if (email === '') errors.email = 'Enter your email address.';
  else if (email.length > LIMITS.email || !EMAIL.test(email))
    errors.email = 'Enter a valid email address, like name@company.com.';
  if (form.cc.trim().length > LIMITS.cc) errors.cc = `Use at most ${LIMITS.cc} characters.`;
  else {
    const bad = splitAddresses(form.cc).find((a) => !EMAIL.test(a));
    if (bad) errors.cc = `"${bad}" is not a valid email address.`;
  }
  if (comments === '') errors.comments = 'Describe the problem.';
  else if (comments.length > LIMITS.comments)
    errors.comments = `Use at most ${LIMITS.comments} characters.`;
  return errors;
}

export function toReportInput(form: ReportForm): CallInput<'reportIssue'> {
  return {
    name: form.name.trim(),
    email: form.email.trim(),
    cc: splitAddresses(form.cc).join(', '),
    problem: form.problem,
    priority: form.priority,
    comments: form.comments.trim(),
  };
}
