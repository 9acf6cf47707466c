import { Button } from '../../components/Button';
import { useActions, useConnector } from '../../store';

/**
 * In the web shell the sign-in runs in a popup this page opens: if the browser blocked it, or
 * the user closed it before finishing, say so and offer to open it again (a click may).
 */
export function SignInWindowNotice() {
  const state = useConnector((s) => s.signInWindow);
  const { openSignInWindow } = useActions();
  if (state !== 'closed' && state !== 'blocked') return null;
  return (
    <div className="notice notice--warn sign-in-window" role="status">
      <span>
        {state === 'blocked'
          ? 'Your browser blocked the sign-in window.'
          : 'The sign-in window was closed before the sign-in finished.'}
      </span>
      <Button onClick={openSignInWindow}>Open Sign-In Window</Button>
    </div>
  );
}
