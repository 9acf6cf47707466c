import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { REPORT_PRIORITIES, REPORT_PROBLEMS } from '../../../shared/contract/connector-names';
import { Code } from '../../components/Code';
import { Button } from '../../components/Button';
import { describeError } from '../../../shared/errors';
import { Modal } from '../../components/Modal';
import { useActions, useConnector, type CallError } from '../../store';
import { ErrorPanel } from '../errors/ErrorPanel';
import {
  LIMITS,
  toReportInput,
  validateReport,
  type ReportErrors,
  type ReportField,
  type ReportForm,
} from './report-validation';

type Outcome = { ok: true; id: string } | { ok: false; error: CallError };

/** The real client's text when a report fails (domain.md §1.6). */
const FAILED_TEXT = 'Failed to report issue.';

/** Report an Issue (domain.md §1.7): logs are always attached by the core. */
export function ReportIssueDialog() {
  const { closeDialog, call } = useActions();
  const username = useConnector((s) => s.snapshot?.username ?? '');
  const displayName = useConnector((s) => s.snapshot?.session?.attributes?.displayName?.[0] ?? '');
  const [form, setForm] = useState<ReportForm>({
    name: displayName,
    email: username,
    cc: '',
    problem: 'Other',
    priority: 'Normal',
    comments: '',
  });
  const [errors, setErrors] = useState<ReportErrors>({});
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const update = <K extends ReportField>(field: K, value: ReportForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validateReport(form);
    setErrors(found);
    const firstBad = (Object.keys(found) as ReportField[])[0];
    if (firstBad) {
      formRef.current?.querySelector<HTMLElement>(`[name="${firstBad}"]`)?.focus();
      return;
    }
    setSending(true);
    const result = await call('reportIssue', toReportInput(form));
    setSending(false);
    setOutcome(
      result.ok
        ? { ok: true, id: result.value.id }
        : { ok: false, error: { ...result.error, at: Date.now() } },
    );
  };

  if (outcome?.ok) {
    return (
      <Modal title="Report an Issue" onClose={closeDialog}>
        <div className="report-success">
          <p role="status" className="report-success__text">
            Issue reported.
          </p>
          <p className="hint">
            Reference <Code>{outcome.id}</Code>. Your logs were attached; you will get an
            acknowledgement email.
          </p>
          <div className="button-row button-row--end">
            <Button variant="primary" onClick={closeDialog} data-autofocus>
              Close
            </Button>
          </div>
        </div>
      </Modal>
    );
  }

  const count = Object.values(errors).filter(Boolean).length;
  return (
    <Modal title="Report an Issue" onClose={closeDialog}>
      <form ref={formRef} className="form" onSubmit={(e) => void submit(e)} noValidate>
        {count > 0 ? (
          <p role="alert" className="form__summary">
            {count === 1
              ? 'Fix 1 field to send the report.'
              : `Fix ${count} fields to send the report.`}
          </p>
        ) : null}
        <div className="form__grid">
          <TextField
            label="Name"
            name="name"
            value={form.name}
            error={errors.name}
            maxLength={LIMITS.name}
            autoComplete="name"
            onChange={(v) => update('name', v)}
          />
          <TextField
            label="Email"
            name="email"
            type="email"
            value={form.email}
            error={errors.email}
            maxLength={LIMITS.email}
            autoComplete="email"
            onChange={(v) => update('email', v)}
          />
        </div>
        <TextField
          label="CC"
          name="cc"
          value={form.cc}
          error={errors.cc}
          hint="Other people to copy, separated by commas."
          maxLength={LIMITS.cc}
          onChange={(v) => update('cc', v)}
        />
        <div className="form__grid">
          <SelectField
            label="Problem"
            name="problem"
            value={form.problem}
            options={REPORT_PROBLEMS}
            onChange={(v) => update('problem', v)}
          />
          <SelectField
            label="Priority"
            name="priority"
            value={form.priority}
            options={REPORT_PRIORITIES}
            onChange={(v) => update('priority', v)}
          />
        </div>
        <TextField
          label="Comments"
          name="comments"
          multiline
          value={form.comments}
          error={errors.comments}
          hint={`${form.comments.trim().length} / ${LIMITS.comments} characters. Logs are attached automatically.`}
          onChange={(v) => update('comments', v)}
        />
        {outcome && !outcome.ok ? (
          <div role="alert" className="report-failure">
            {describeError(outcome.error.code).message !== FAILED_TEXT ? (
              <p className="report-failure__text">{FAILED_TEXT}</p>
            ) : null}
            <ErrorPanel
              code={outcome.error.code}
              detail={outcome.error.message}
              at={outcome.error.at}
              headingLevel={3}
              className="card--inset"
            />
          </div>
        ) : null}
        <div className="button-row button-row--end">
          <Button variant="ghost" onClick={closeDialog}>
            Cancel
          </Button>
          <Button type="submit" variant="primary" busy={sending}>
            Send
          </Button>
        </div>
      </form>
    </Modal>
  );
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  hint: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function TextField({
  label,
  name,
  value,
  error,
  hint,
  type = 'text',
  multiline = false,
  maxLength,
  autoComplete,
  onChange,
}: {
  label: string;
  name: ReportField;
  value: string;
  error?: string | undefined;
  hint?: string | undefined;
  type?: 'text' | 'email';
  multiline?: boolean;
  maxLength?: number;
  autoComplete?: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  const common = {
    id,
    name,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    required: name !== 'cc',
  };
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {multiline ? (
        <textarea {...common} rows={5} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          maxLength={maxLength}
          autoComplete={autoComplete}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

function SelectField<T extends string>({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: ReportField;
  value: T;
  options: readonly T[];
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <Field id={id} label={label} error={undefined} hint={undefined}>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </Field>
  );
}
