/**
 * What is due, in plain words, and how the answers will reach the team; Start (or Continue).
 * Where the EHR takes the answers only as a message, the patient is told before starting;
 * where it takes nothing, there is nothing to start and the screen says so.
 */
import { intervalWords, type MeasurementDue } from '../../clinical/schedule/measurementSchedule';
import { Screen } from './Screen';

export type Delivery = 'checking' | 'forms' | 'as-message' | 'cannot';

function longDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-US', { weekday: 'long', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

function dueText(due: MeasurementDue): string {
  if (due.status === 'not-scheduled' || !due.intervalDays || !due.nextDue) {
    return 'Your care team would like to know how you have been. You can answer these questions at any time.';
  }
  const every = `Your care team asks you to fill this in ${intervalWords(due.intervalDays)}`;
  if (due.status === 'due') return `${every}; due today.`;
  if (due.status === 'overdue') return `${every}; it was due on ${longDate(due.nextDue)}, so please fill it in today.`;
  return `${every}. The next one is due on ${longDate(due.nextDue)}. You can also answer now if you want your team to know how you are doing.`;
}

export interface StartScreenProps {
  due: MeasurementDue;
  delivery: Delivery;
  resuming: boolean;
  onStart: () => void;
}

export function StartScreen({ due, delivery, resuming, onStart }: StartScreenProps) {
  return (
    <Screen title={due.askNow ? 'Your questions are ready' : 'How have you been?'}>
      <p data-testid="due">{dueText(due)}</p>
      <p>16 short questions about the last 2 weeks, one at a time. It takes about 3 minutes.</p>
      {delivery === 'as-message' ? (
        <p className="pa-note">Your care team&apos;s system takes these answers as a message rather than a form. Your team will still see every answer.</p>
      ) : null}
      {delivery === 'cannot' ? (
        <p className="pa-warning" role="status">
          Your care team&apos;s system cannot receive answers from this app yet, so there is nothing to fill in here today. To tell your team how you are doing, please call them.
        </p>
      ) : (
        <div className="pa-actions">
          <button type="button" className="pa-button" onClick={onStart} disabled={delivery === 'checking'}>
            {delivery === 'checking' ? 'Getting ready…' : resuming ? 'Continue where you left off' : 'Start'}
          </button>
        </div>
      )}
    </Screen>
  );
}
