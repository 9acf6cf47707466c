import { useState, type FormEvent } from 'react';
import { useConsole } from '../../context';

const EMPTY = { userName: '', givenName: '', familyName: '', department: '', password: '' };
const FIELDS = [
  ['userName', 'Username (email)', 'text'],
  ['givenName', 'First name', 'text'],
  ['familyName', 'Last name', 'text'],
  ['department', 'Department', 'text'],
  ['password', 'Password', 'password'],
] as const;

/** Adds a user to the IdP's own directory (the API checks every field). */
export function NewUserForm({ idpId, onCreated }: { idpId: string; onCreated(): void }) {
  const { api, run, announce } = useConsole();
  const [user, setUser] = useState(EMPTY);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const { department, ...rest } = user;
      await api.call('createDirectoryUser', {
        params: { id: idpId },
        body: { ...rest, ...(department.trim() ? { department } : {}) },
      });
      announce(`Created ${user.userName}.`);
      setUser(EMPTY);
      onCreated();
    });
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-user-title">
      <h3 id="new-user-title">Add a user</h3>
      <div className="grid">
        {FIELDS.map(([name, label, type]) => (
          <div className="field" key={name}>
            <label htmlFor={`new-user-${name}`}>{label}</label>
            <input
              id={`new-user-${name}`}
              type={type}
              autoComplete="off"
              required={name !== 'department'}
              value={user[name]}
              onChange={(e) => setUser((u) => ({ ...u, [name]: e.target.value }))}
            />
          </div>
        ))}
      </div>
      <button type="submit">Add user</button>
    </form>
  );
}
