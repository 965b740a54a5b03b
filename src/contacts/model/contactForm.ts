/**
 * The contact form's values (strings, as typed) and their check: what is missing or wrong, in
 * words next to the field, or the contact's details ready to build the record. Pure.
 */
import { type ContactDetails, type ContactModality, type ContactOutcome, type ContactType, fhirDateTimeInZone, instantOfWallClock, wallClockOf } from '../../clinical/contacts';

export interface ContactFormValues {
  /** yyyy-MM-dd on the clinic's wall clock. */
  date: string;
  /** HH:mm on the clinic's wall clock. */
  time: string;
  type: ContactType;
  modality: ContactModality;
  minutes: string;
  outcome: ContactOutcome;
  scaleGiven: boolean;
  separatelyBilled: boolean;
  note: string;
}

export type FormErrors = Partial<Record<'date' | 'time' | 'minutes' | 'note', string>>;

export const MAX_MINUTES = 600;
export const MAX_NOTE = 1000;

export function emptyContactForm(now: Date, timeZone: string): ContactFormValues {
  const { date, time } = wallClockOf(now.getTime(), timeZone);
  return { date, time, type: 'follow-up', modality: 'phone', minutes: '', outcome: 'completed', scaleGiven: false, separatelyBilled: false, note: '' };
}

/** The form filled from a logged contact (to correct it). */
export function formFromContact(details: ContactDetails, timeZone: string): ContactFormValues {
  const instant = Date.parse(details.when);
  const clock = Number.isFinite(instant) ? wallClockOf(instant, timeZone) : { date: details.when.slice(0, 10), time: '' };
  return {
    ...clock,
    type: details.type,
    modality: details.modality,
    minutes: String(details.minutes),
    outcome: details.outcome,
    scaleGiven: details.scaleGiven,
    separatelyBilled: details.separatelyBilled,
    note: details.note,
  };
}

export function checkContactForm(values: ContactFormValues, timeZone: string, now: Date): { errors: FormErrors; details?: ContactDetails } {
  const errors: FormErrors = {};
  const instant = instantOfWallClock(values.date, values.time, timeZone);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) errors.date = 'Enter the date of the contact.';
  else if (!/^\d{2}:\d{2}$/.test(values.time)) errors.time = 'Enter the time of the contact.';
  else if (instant === undefined) errors.date = 'This is not a date.';
  // A contact is logged after it happens; a few minutes of clock difference are tolerated.
  else if (instant > now.getTime() + 5 * 60_000) errors.date = 'The contact cannot be in the future.';
  const minutes = values.minutes.trim();
  if (!/^\d+$/.test(minutes)) errors.minutes = values.outcome === 'completed' ? 'Enter the minutes spent, a whole number.' : 'Enter the minutes spent (0 if none).';
  else if (Number(minutes) > MAX_MINUTES) errors.minutes = `At most ${MAX_MINUTES} minutes in one contact.`;
  else if (Number(minutes) === 0 && values.outcome === 'completed') errors.minutes = 'A completed contact takes at least 1 minute.';
  if (values.note.length > MAX_NOTE) errors.note = `Keep the note under ${MAX_NOTE} characters; the full note belongs in the chart.`;
  if (Object.keys(errors).length > 0 || instant === undefined) return { errors };
  return {
    errors,
    details: {
      when: fhirDateTimeInZone(instant, timeZone),
      type: values.type,
      modality: values.modality,
      minutes: Number(minutes),
      outcome: values.outcome,
      scaleGiven: values.scaleGiven,
      separatelyBilled: values.separatelyBilled,
      note: values.note.trim(),
    },
  };
}
