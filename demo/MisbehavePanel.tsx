import { useQueryClient } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import { misbehave, session, ticketControls } from './backend.ts';

const subscribe = (onChange: () => void) => {
  session.listeners.add(onChange);
  return () => session.listeners.delete(onChange);
};

/** Buttons that make the simulated backend misbehave (each wears off by itself), to watch the components cope. */
export function MisbehavePanel({ caseId }: { caseId: string | null }) {
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
      <fieldset className="portal__group">
        <legend>Connection</legend>
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
        </div>
      </fieldset>
      <fieldset className="portal__group">
        <legend>Answers</legend>
        <div className="portal__buttons">
          <button type="button" onClick={misbehave.errorIn200}>
            Error in a 200
          </button>
          <button type="button" onClick={misbehave.unreadableAnswer}>
            Unreadable answer
          </button>
          <button type="button" onClick={misbehave.refuseNextSend}>
            Refuse a send
          </button>
          <button type="button" onClick={misbehave.failNextDownload}>
            Fail a download
          </button>
          <button type="button" onClick={misbehave.failOlderHistory}>
            Fail older page
          </button>
        </div>
      </fieldset>
      <fieldset className="portal__group">
        <legend>Session</legend>
        <div className="portal__buttons">
          <button type="button" onClick={misbehave.expireToken}>
            Expire token
          </button>
          {expired && !autoRenew && (
            <button type="button" data-variant="primary" onClick={signIn}>
              Sign in again
            </button>
          )}
        </div>
      </fieldset>
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
      {caseId && <TicketControls key={caseId} caseId={caseId} />}
    </div>
  );
}

/** The support side completing or reopening the open ticket; the chat learns it from its next polls. */
function TicketControls({ caseId }: { caseId: string }) {
  const [completed, setCompleted] = useState(() => ticketControls.isCompleted(caseId));
  return (
    <fieldset className="portal__group">
      <legend>This ticket</legend>
      <div className="portal__buttons">
        <button
          type="button"
          onClick={() => {
            if (completed) ticketControls.reopen(caseId);
            else ticketControls.close(caseId);
            setCompleted(!completed);
          }}
        >
          {completed ? 'Reopen ticket' : 'Close ticket'}
        </button>
      </div>
    </fieldset>
  );
}
