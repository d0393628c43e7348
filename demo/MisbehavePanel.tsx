import { useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { misbehave, session } from './backend.ts';

const subscribe = (onChange: () => void) => {
  session.listeners.add(onChange);
  return () => session.listeners.delete(onChange);
};

/** Buttons that make the simulated backend misbehave, to watch the components cope. */
export function MisbehavePanel() {
  const expired = useSyncExternalStore(subscribe, () => session.expired);
  const autoRenew = useSyncExternalStore(subscribe, () => session.autoRenew);
  const queryClient = useQueryClient();
  const signIn = () => {
    session.signIn();
    void queryClient.refetchQueries({ type: 'active' });
  };
  return (
    <div className="portal__misbehave">
      <h2>Misbehave</h2>
      <div className="portal__buttons">
        <button type="button" onClick={misbehave.serverErrors}>
          Server errors ×3
        </button>
        <button type="button" onClick={misbehave.throttling}>
          Throttling
        </button>
        <button type="button" onClick={misbehave.slowAnswers}>
          Slow answers
        </button>
        <button type="button" onClick={misbehave.dropConnection}>
          Drop connection
        </button>
        <button type="button" onClick={misbehave.expireToken}>
          Expire token
        </button>
        {expired && !autoRenew && (
          <button type="button" data-variant="primary" onClick={signIn}>
            Sign in again
          </button>
        )}
      </div>
      <label className="portal__check">
        <input
          type="checkbox"
          checked={autoRenew}
          onChange={(e) => {
            session.autoRenew = e.target.checked;
            session.emit();
          }}
        />
        Renew the token automatically
      </label>
    </div>
  );
}
