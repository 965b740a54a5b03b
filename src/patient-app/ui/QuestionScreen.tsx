/**
 * One question per screen: the question in large type, four large answers (radio buttons:
 * arrow keys move, Space chooses), Back and Next, and where the patient is ("Question 3 of
 * 16", as text and as a progress bar).
 */
import { useState } from 'react';
import { ANSWERS, type PatientQuestion, QUESTIONS, STEM } from '../model/questions';
import { Screen } from './Screen';

export interface QuestionScreenProps {
  question: PatientQuestion;
  value: number | undefined;
  onAnswer: (score: number) => void;
  onNext: () => void;
  /** Undefined: no going back from here (the first question, or the part already sent). */
  onBack: (() => void) | undefined;
}

const PART: Record<PatientQuestion['instrument'], string> = { phq9: 'About your mood', gad7: 'About worry and nerves' };

export function QuestionScreen({ question, value, onAnswer, onNext, onBack }: QuestionScreenProps) {
  const [missing, setMissing] = useState(false);
  const number = question.index + 1;
  const name = `q-${question.item.loinc}`;
  const next = () => {
    if (value === undefined) {
      setMissing(true);
      return;
    }
    setMissing(false);
    onNext();
  };
  return (
    <Screen title={`Question ${number} of ${QUESTIONS.length}`}>
      <p className="pa-progress-text">{PART[question.instrument]}</p>
      <progress max={QUESTIONS.length} value={number - 1} aria-label={`${number - 1} of ${QUESTIONS.length} questions answered`} />
      <fieldset aria-describedby={missing ? `${name}-missing` : undefined}>
        <legend>
          <span className="pa-stem">{STEM}</span>
          <span className="pa-question">{question.item.text}</span>
        </legend>
        <div className="pa-options">
          {ANSWERS.map((answer) => (
            <label key={answer.code} className={`pa-option${value === answer.score ? ' selected' : ''}`}>
              <input
                type="radio"
                name={name}
                value={answer.score}
                checked={value === answer.score}
                onChange={() => {
                  setMissing(false);
                  onAnswer(answer.score);
                }}
              />
              {answer.display}
            </label>
          ))}
        </div>
      </fieldset>
      {missing ? (
        <p className="pa-error" id={`${name}-missing`} role="alert">
          Choose one answer to go on.
        </p>
      ) : null}
      <div className="pa-actions pa-row">
        {onBack ? (
          <button type="button" className="pa-button secondary" onClick={onBack}>
            Back
          </button>
        ) : null}
        <button type="button" className="pa-button" onClick={next}>
          Next
        </button>
      </div>
    </Screen>
  );
}
