/** The end of the questionnaire: ready to send, sending, sent (thank you), or not sent yet (try again). */
import { Screen } from './Screen';

export function ReviewScreen({ onSend, onBack }: { onSend: () => void; onBack: (() => void) | undefined }) {
  return (
    <Screen title="That was the last question">
      <p>Send your answers to your care team now.</p>
      <div className="pa-actions">
        <button type="button" className="pa-button" onClick={onSend}>
          Send my answers
        </button>
        {onBack ? (
          <button type="button" className="pa-button secondary" onClick={onBack}>
            Go back to change an answer
          </button>
        ) : null}
      </div>
    </Screen>
  );
}

export function SendingScreen() {
  return (
    <Screen title="Sending your answers…">
      <p role="status">This takes a few seconds. Please keep this page open.</p>
    </Screen>
  );
}

export interface SentScreenProps {
  asMessage: boolean;
  /** The team's system took nothing (it refused when the app tried). */
  notDelivered: boolean;
  /** Scores, only where the program lets the patient see them. */
  scores: readonly string[] | undefined;
  nextDue: string | undefined;
}

export function SentScreen({ asMessage, notDelivered, scores, nextDue }: SentScreenProps) {
  if (notDelivered) {
    return (
      <Screen title="Your answers could not be sent">
        <p>Your care team&apos;s system did not accept answers from this app. Please call your care team to tell them how you are doing.</p>
      </Screen>
    );
  }
  return (
    <Screen title="Thank you">
      <p data-testid="sent">Your answers were sent to your care team{asMessage ? ' as a message' : ''}.</p>
      {scores && scores.length > 0 ? (
        <ul className="pa-answers" aria-label="Your scores">
          {scores.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : (
        <p>Your care team will look at your answers and talk with you about them.</p>
      )}
      {nextDue ? <p>Your next check-in is due on {new Date(`${nextDue}T12:00:00Z`).toLocaleDateString('en-US', { month: 'long', day: 'numeric', timeZone: 'UTC' })}.</p> : null}
      <p>You can close this page now.</p>
    </Screen>
  );
}

export function NotSentScreen({ sessionEnded, onRetry }: { sessionEnded: boolean; onRetry: () => void }) {
  if (sessionEnded) {
    return (
      <Screen title="Your sign-in has ended">
        <p>Your answers are kept on this phone. Open your questions again from your patient portal in this browser, and send them from there. They will not be sent twice.</p>
      </Screen>
    );
  }
  return (
    <Screen title="Your answers have not been sent yet">
      <p role="status">We could not reach your care team&apos;s system. Check that your phone is online, then try again.</p>
      <p>Your answers are kept on this phone, and trying again will not send them twice.</p>
      <div className="pa-actions">
        <button type="button" className="pa-button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </Screen>
  );
}
