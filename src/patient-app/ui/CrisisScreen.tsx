/**
 * Shown at once when the patient answers item 9 with anything but "Not at all": help now,
 * before and whatever the save does. The team's status line follows the save but the
 * guidance never waits for it. An element with role `alert` that names 988 (README contract).
 */
import { Screen } from './Screen';

export type TeamNotice = 'sending' | 'told' | 'not-told';

const NOTICE: Record<TeamNotice, string> = {
  sending: 'Your care team will be told about this answer so they can reach out to you. Sending it now…',
  told: 'Your care team has been told about this answer and will reach out to you.',
  'not-told':
    'We could not tell your care team from this app. Please call your care team today, or call or text 988 now. Your answers are kept on this phone and will be sent when you go on.',
};

export function CrisisScreen({ notice, onContinue }: { notice: TeamNotice; onContinue: () => void }) {
  return (
    <Screen title="You are not alone. Help is here now.">
      <div className="pa-crisis" role="alert">
        <p>You said you have had thoughts that you would be better off dead, or of hurting yourself. Talking to someone can help, right now.</p>
        <div className="pa-actions">
          <a className="pa-button crisis" href="tel:988">
            Call 988
          </a>
          <a className="pa-button crisis" href="sms:988">
            Text 988
          </a>
          <a className="pa-button secondary" href="https://988lifeline.org/chat" target="_blank" rel="noreferrer">
            Chat at 988lifeline.org
          </a>
        </div>
        <p>988 is the Suicide &amp; Crisis Lifeline: free, private, any time of day or night.</p>
        <p>
          <strong>
            If you are in immediate danger, call <a href="tel:911">911</a>.
          </strong>
        </p>
      </div>
      <p className="pa-status" aria-live="polite">
        {NOTICE[notice]}
      </p>
      <div className="pa-actions">
        <button type="button" className="pa-button secondary" onClick={onContinue}>
          Continue with the questions
        </button>
      </div>
    </Screen>
  );
}
