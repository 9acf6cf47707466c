import { useState, type FormEvent } from 'react';

/** Asks for the admin token (printed by the cloud at start, or given with --admin-token). */
export function SignIn({ onSignIn }: { onSignIn(token: string): Promise<void> }) {
  const [token, setToken] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = token.trim();
    if (!value) return;
    setToken('');
    void onSignIn(value);
  };
  return (
    <section aria-labelledby="sign-in-title" className="card">
      <h2 id="sign-in-title">Sign in</h2>
      <form className="row" onSubmit={submit}>
        <label htmlFor="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autoComplete="off"
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
      <p className="muted">
        The token is kept in this tab&apos;s session storage only and sent as a bearer token to{' '}
        <code>/api/admin</code>.
      </p>
    </section>
  );
}
