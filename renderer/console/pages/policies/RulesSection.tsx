import { useState } from 'react';
import { POLICY_TYPES, type PolicyRule, type PolicyType } from '../../../../shared/model/policy.js';
import { JsonEditor } from '../../components/JsonEditor';
import { Table } from '../../components/Table';
import { useConsole } from '../../context';
import { useLoad } from '../../use-load';
import { criteriaText, editableRule, type Names } from './criteria';

const TYPE_LABEL: Record<PolicyType, string> = {
  access: 'Access policy',
  forwarding: 'Client forwarding policy',
  timeout: 'Timeout policy',
};

const actionText = (r: PolicyRule) =>
  'reauthTimeoutSeconds' in r
    ? `${r.action}, reauth ${r.reauthTimeoutSeconds === -1 ? 'never' : `${r.reauthTimeoutSeconds / 3600} h`}, idle ${r.idleTimeoutSeconds === -1 ? 'default' : `${r.idleTimeoutSeconds / 60} min`}`
    : r.action;

/** The rules of one policy type, in order: view their criteria, edit, add, delete. */
export function RulesSection({ names, onChanged }: { names: Names; onChanged(): void }) {
  const { api, run, announce } = useConsole();
  const [type, setType] = useState<PolicyType>('access');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const { data, reload } = useLoad(type, () => api.call('listRules', { params: { type } }));
  const rule = data?.find((r) => r.id === editing);
  const act = (done: string, action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      announce(done);
      setEditing(null);
      reload();
      onChanged();
    });

  return (
    <section className="card" aria-labelledby="rules-title">
      <h3 id="rules-title">Rules</h3>
      <div className="row">
        <label htmlFor="rule-type">Policy</label>
        <select
          id="rule-type"
          value={type}
          onChange={(e) => {
            setType(e.target.value as PolicyType);
            setEditing(null);
          }}
        >
          {POLICY_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABEL[t]}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setEditing('new')}>
          Add a rule
        </button>
      </div>
      <Table<PolicyRule>
        label={`${TYPE_LABEL[type]} rules`}
        rows={data}
        rowKey={(r) => r.id}
        empty="No rule: the defaults apply."
        columns={[
          { header: 'Order', cell: (r) => r.ruleOrder },
          { header: 'Name', cell: (r) => r.name },
          { header: 'Action', cell: actionText },
          { header: 'Criteria', cell: (r) => criteriaText(r, names) },
          {
            header: 'Actions',
            hidden: true,
            className: 'actions',
            cell: (r) => (
              <>
                <button
                  type="button"
                  aria-label={`Edit rule ${r.name}`}
                  onClick={() => setEditing(r.id)}
                >
                  Edit
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={`Delete rule ${r.name}`}
                  onClick={() =>
                    void act(`Deleted rule ${r.name}.`, () =>
                      api.call('deleteRule', { params: { type, id: r.id } }),
                    )
                  }
                >
                  Delete
                </button>
              </>
            ),
          },
        ]}
      />
      {rule ? (
        <div className="panel">
          <JsonEditor
            key={rule.id}
            label={`Rule ${rule.name} (JSON)`}
            initial={editableRule(rule)}
            submitLabel="Save rule"
            onCancel={() => setEditing(null)}
            onSubmit={(body) =>
              act(`Saved rule ${rule.name}.`, () =>
                api.call('updateRule', { params: { type, id: rule.id }, body }),
              )
            }
          />
        </div>
      ) : null}
      {editing === 'new' ? (
        <div className="panel">
          <JsonEditor
            key={`new-${type}`}
            label={`New ${TYPE_LABEL[type].toLowerCase()} rule (JSON)`}
            initial={{ name: 'New rule', operator: 'AND', conditions: [] }}
            submitLabel="Add rule"
            onCancel={() => setEditing(null)}
            onSubmit={(body) =>
              act('Rule added.', () => api.call('createRule', { params: { type }, body }))
            }
            rows={8}
          />
        </div>
      ) : null}
    </section>
  );
}
