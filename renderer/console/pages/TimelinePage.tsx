import { useState, type FormEvent } from 'react';
import type { TimelineEvent } from '../../../shared/contract/cloud-api/cockpit';
import { TimelinePicture } from '../../components/timeline/TimelinePicture';
import { useConsole } from '../context';
import { useLoad } from '../use-load';
import type { ConsolePage } from './page';

/** One user's timeline: every event that explains their access, on the simulated clock. */
function Timeline() {
  const { api, run, announce } = useConsole();
  const [user, setUser] = useState('');
  const [shown, setShown] = useState<{ user: string; events: TimelineEvent[] } | null>(null);
  // The users with a session are offered; any userName may be typed.
  const { data: sessions } = useLoad('timeline-users', () =>
    api.call('listSessions', { query: {} }),
  );
  const users = [...new Set((sessions ?? []).map((s) => s.userName))].sort();

  const show = (e: FormEvent) => {
    e.preventDefault();
    const name = user.trim();
    if (!name) return announce('Give a userName.');
    void run(async () => {
      const events = await api.call('timeline', { query: { user: name } });
      setShown({ user: name, events });
      announce(`${events.length} events for ${name}.`);
    });
  };

  return (
    <>
      <form className="card row" onSubmit={show}>
        <label htmlFor="timeline-user">User</label>
        <input
          id="timeline-user"
          list="timeline-user-list"
          value={user}
          onChange={(e) => setUser(e.target.value)}
          placeholder="alice@acme.example"
          autoComplete="off"
        />
        <datalist id="timeline-user-list">
          {users.map((u) => (
            <option key={u} value={u} />
          ))}
        </datalist>
        <button type="submit">Show timeline</button>
      </form>
      {shown ? (
        <div className="card">
          <TimelinePicture events={shown.events} label={`Timeline of ${shown.user}`} />
        </div>
      ) : null}
    </>
  );
}

export const timelinePage: ConsolePage = {
  id: 'timeline',
  title: 'Timeline',
  description:
    "What explains a user's access, on one time axis: the IdP, SCIM, configuration, policy, the broker and the client.",
  Component: Timeline,
};
