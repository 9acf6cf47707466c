import { useState, type FormEvent } from 'react';
import type { Decision, TraceEntry } from '../../../../shared/model/policy.js';
import type { DirectoryUserView } from '../../api/views';
import { Table } from '../../components/Table';
import { useConsole } from '../../context';

/** "department=Finance" lines → {department: ['Finance']} (a name may repeat). */
export function parseAttributes(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const name = line.slice(0, at).trim();
    (out[name] ??= []).push(line.slice(at + 1).trim());
  }
  return out;
}

/** The attributes an IdP sends for a directory user (department, title, groups). */
const attributesOf = (u: DirectoryUserView): string =>
  [
    ...(u.department ? [`department=${u.department}`] : []),
    ...(u.title ? [`title=${u.title}`] : []),
    ...u.groups.map((g) => `groups=${g.name}`),
  ].join('\n');

const criteriaOf = (e: TraceEntry) =>
  e.criteria
    ?.map(
      (c) =>
        `${c.objectType} ${c.lhsName ?? c.lhs} = ${c.rhsName ?? c.rhs}: ${c.result} (${c.reason})`,
    )
    .join('\n');

/**
 * A what-if decision: would this user, signed in through this IdP with these attributes,
 * reach fqdn:port? Shows the outcome, its code and the policy trace, step by step.
 */
export function DecisionTest() {
  const { api, run, idps, idp } = useConsole();
  const [form, setForm] = useState({
    idpId: idp?.id ?? '',
    userName: 'alice@acme.example',
    attributes: '',
    fqdn: 'payroll.acme.example',
    port: '443',
  });
  const [decision, setDecision] = useState<Decision | null>(null);
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [name]: e.target.value }));

  const fromDirectory = () =>
    run(async () => {
      const users = await api.call('listDirectoryUsers', {
        params: { id: form.idpId },
      });
      const user = users.find(
        (u) => u.userName.toLowerCase() === form.userName.trim().toLowerCase(),
      );
      if (!user) throw new Error(`${form.userName} is not in this IdP's directory.`);
      setForm((f) => ({ ...f, attributes: attributesOf(user) }));
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      setDecision(
        await api.call('evaluatePolicy', {
          body: {
            idpId: form.idpId,
            userName: form.userName,
            attributes: parseAttributes(form.attributes),
            fqdn: form.fqdn,
            port: Number(form.port),
            trace: true,
          },
        }),
      );
    });
  };

  return (
    <section className="card" aria-labelledby="decision-title">
      <h3 id="decision-title">Test a decision</h3>
      <form onSubmit={submit}>
        <div className="grid">
          <div className="field">
            <label htmlFor="eval-idp">IdP</label>
            <select id="eval-idp" value={form.idpId} onChange={set('idpId')}>
              {idps.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="eval-user">User</label>
            <input id="eval-user" type="text" value={form.userName} onChange={set('userName')} />
          </div>
          <div className="field">
            <label htmlFor="eval-fqdn">Application (FQDN)</label>
            <input id="eval-fqdn" type="text" value={form.fqdn} onChange={set('fqdn')} />
          </div>
          <div className="field">
            <label htmlFor="eval-port">Port</label>
            <input
              id="eval-port"
              type="number"
              min={1}
              max={65535}
              value={form.port}
              onChange={set('port')}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="eval-attributes">Attributes (one name=value a line)</label>
          <textarea
            id="eval-attributes"
            rows={4}
            value={form.attributes}
            onChange={set('attributes')}
          />
        </div>
        <div className="row">
          <button type="button" onClick={() => void fromDirectory()}>
            Use the directory&apos;s attributes
          </button>
          <button type="submit" className="primary">
            Test decision
          </button>
        </div>
      </form>
      {decision ? (
        <div aria-label="Decision" role="group">
          <p>
            <span className={decision.outcome === 'allowed' ? 'badge on' : 'badge bad'}>
              {decision.outcome}
            </span>{' '}
            <code>{decision.code ?? 'no code (bypassed)'}</code> {decision.message}
          </p>
          <Table<TraceEntry & { n: number }>
            label="Decision trace"
            rows={decision.trace.map((t, n) => ({ ...t, n }))}
            rowKey={(t) => String(t.n)}
            empty="No trace."
            columns={[
              { header: 'Step', cell: (t) => t.step },
              { header: 'Result', cell: (t) => t.result },
              { header: 'What happened', cell: (t) => t.message },
              {
                header: 'Criteria',
                cell: (t) => <span className="pre-line">{criteriaOf(t) ?? '—'}</span>,
              },
            ]}
          />
        </div>
      ) : null}
    </section>
  );
}
