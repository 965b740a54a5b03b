/**
 * Copy-ready note text of a contact: the record when the EHR takes no contact Observation
 * from the app (Epic and Oracle Health file Observations only into mapped rows or vital signs
 * and labs), and a convenience everywhere else.
 */
import { CONTACT_MODALITY_DISPLAY, CONTACT_OUTCOME_DISPLAY, CONTACT_TYPE_DISPLAY } from './codes.ts';
import type { ContactDetails } from './types.ts';

export function contactNoteText(details: ContactDetails, options: { notSaved?: boolean } = {}): string {
  const when = details.when.slice(0, 16).replace('T', ' ');
  const lines = [`Collaborative care contact, ${when}: ${CONTACT_TYPE_DISPLAY[details.type]}, ${CONTACT_MODALITY_DISPLAY[details.modality]}`];
  const minutes = `${Math.max(0, Math.round(details.minutes))} min`;
  if (details.outcome === 'completed') lines.push(`Time: ${minutes}${details.separatelyBilled ? ' (separately billed service; not counted as CoCM time)' : ''}`);
  else lines.push(`${CONTACT_OUTCOME_DISPLAY[details.outcome]}; time spent: ${minutes}`);
  if (details.scaleGiven) lines.push('Rating scale given at this contact.');
  if (details.note.trim()) lines.push(`Note: ${details.note.trim()}`);
  if (options.notSaved) lines.push('Not saved to the EHR by CoCM Registry (enter by hand): contact record and minutes.');
  lines.push('Recorded with CoCM Registry.');
  return lines.join('\n');
}
