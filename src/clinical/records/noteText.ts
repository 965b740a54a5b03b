import { INSTRUMENTS, PHQ9_DIFFICULTY } from '../instruments/definitions.ts';
import { safetyAnswerText } from './flag.ts';
import { safetyItemScore, scoreOf, scoreText } from './score.ts';
import { localDateTimeText } from './time.ts';
import type { AdministeredInstrument, CompletedScreening, RecordClock } from './types.ts';

export interface NoteOptions {
  /** Labels of records the EHR did not (or will not) take from the app: the reader must act. */
  readonly notSaved?: readonly string[];
}

function instrumentLines(administered: AdministeredInstrument): string[] {
  const score = scoreOf(administered);
  const lines = [scoreText(score)];
  for (const item of score.definition.items) {
    const value = administered.scores[item.number - 1];
    const answer = score.definition.answers.find((a) => a.score === value);
    lines.push(`  ${item.number}. ${item.text}: ${answer ? `${answer.display} (${value})` : 'not answered'}`);
  }
  if (administered.difficulty) {
    const difficulty = PHQ9_DIFFICULTY.answers.find((a) => a.code === administered.difficulty);
    if (difficulty) lines.push(`  Difficulty doing work, home tasks or getting along with others: ${difficulty.display}`);
  }
  return lines;
}

/**
 * Plain text of the result for the EHR note: always offered, and the only record when the
 * EHR takes nothing from the app. It names what the app could not save, so whoever pastes it
 * knows what is left to do by hand.
 */
export function buildNoteText(screening: CompletedScreening, clock: RecordClock, options: NoteOptions = {}): string {
  const names = screening.administered.map((a) => INSTRUMENTS[a.instrument].name).join(' and ');
  const lines = [`Depression and anxiety screening (${names}), ${localDateTimeText(clock.now, clock.utcOffsetMinutes)}`];
  for (const administered of screening.administered) lines.push(...instrumentLines(administered));
  const item9 = safetyItemScore(screening);
  if (item9 !== undefined && item9 > 0) {
    lines.push(
      `SAFETY: PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered ${safetyAnswerText(item9)}. ` +
        'Suicide risk assessment needed today. 988 Suicide & Crisis Lifeline: call or text 988.',
    );
  }
  if (options.notSaved && options.notSaved.length > 0) {
    lines.push(`Not saved to the EHR by CoCM Registry (enter by hand): ${options.notSaved.join('; ')}.`);
  }
  lines.push('Recorded with CoCM Registry.');
  return lines.join('\n');
}
