import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import type { KeyboardEvent } from 'react';
import { DIFFICULTY_KEYS, type Question } from '../model/flow';

export interface QuestionItemProps {
  question: Question;
  value: string | undefined;
  disabled: boolean;
  /** `viaKey`: answered with a digit key, so focus moves on to the next question. */
  onAnswer: (value: string, viaKey: boolean) => void;
  groupRef: (element: HTMLElement | null) => void;
}

const DIGITS = ['0', '1', '2', '3'];

/**
 * One question as a radio group named by its number and text; each radio named by its answer
 * text alone (the key hint beside it is hidden from screen readers). Digits 0-3 answer the
 * focused scored item, so a whole screening runs from the keyboard; the unscored difficulty
 * question takes its own letter keys, so a digit never lands on it by mistake.
 */
export function QuestionItem({ question, value, disabled, onAnswer, groupRef }: QuestionItemProps) {
  const headingId = `question-${question.key}`;
  const heading = question.number !== undefined ? `${question.number}. ${question.text}` : question.text;
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (disabled || event.altKey || event.ctrlKey || event.metaKey) return;
    const keys = question.scored ? DIGITS : DIFFICULTY_KEYS;
    const index = keys.indexOf(event.key.toLowerCase());
    const option = index >= 0 ? question.options[index] : undefined;
    if (!option) return;
    event.preventDefault();
    onAnswer(option.value, true);
  }
  return (
    <div ref={groupRef} style={{ marginBottom: 16 }} data-question={question.key}>
      <Typography
        id={headingId}
        component="h4"
        variant="body1"
        sx={{ fontWeight: 600, mb: 0.5, color: question.safety && value !== undefined && value !== '0' ? 'error.main' : undefined }}
      >
        {heading}
      </Typography>
      <RadioGroup row aria-labelledby={headingId} name={question.key} value={value ?? ''} onChange={(_, v) => onAnswer(v, false)} onKeyDown={onKeyDown}>
        {question.options.map((option, i) => (
          <FormControlLabel
            key={option.value}
            value={option.value}
            disabled={disabled}
            control={<Radio size="small" />}
            label={
              <span>
                <span aria-hidden="true" style={{ opacity: 0.6, marginRight: 4 }}>
                  {question.scored ? i : (DIFFICULTY_KEYS[i] ?? '').toUpperCase()}
                </span>
                {option.label}
              </span>
            }
          />
        ))}
      </RadioGroup>
    </div>
  );
}
