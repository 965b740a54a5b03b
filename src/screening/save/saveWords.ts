/** What a failed save says, per record, in words for the person at the visit. */
import { FhirError } from '../../fhir/fhirError';

export const SESSION_ENDED =
  'Your EHR session ended before this was saved. Open CoCM Registry again from the EHR: the answers are kept in this window, and saving again will not make copies.';

export function failureReason(error: unknown, label: string): string {
  if (!(error instanceof FhirError)) return `The ${label} was not saved because of an unexpected problem. Retry; if it fails again, use the note text.`;
  const status = error.status ? ` (error ${error.status})` : '';
  switch (error.kind) {
    case 'unauthorized':
      return SESSION_ENDED;
    case 'timeout':
      return `The EHR did not answer in time, so it is not known whether the ${label} was saved. Retry: it will not be saved twice.`;
    case 'network':
      return `The app could not reach the EHR to save the ${label}. Check the connection and retry: it will not be saved twice.`;
    case 'rate-limited':
      return `The EHR is busy and did not save the ${label}. Retry ${error.options.retryAfterSeconds ? `in ${error.options.retryAfterSeconds} seconds` : 'shortly'}.`;
    case 'server':
      return `The EHR had a problem saving the ${label}${status}. Retry in a moment.`;
    default:
      return `The EHR did not save the ${label}${status}. Retry; if it fails again, use the note text.`;
  }
}

export function waitingReason(label: string, formLabel: string): string {
  return `The ${label} was not sent yet: it links to the ${formLabel}, which is not saved. Retry saves both.`;
}

export const FLAG_ALREADY_ACTIVE = 'The patient already has an active suicide-risk flag in the EHR, so no second one was added.';

export const NO_SCREENING_AGE =
  'The patient has no birth date in the EHR, so the screening result the CMS2 quality measure counts was not saved (CMS2 needs the age). The scores are saved.';

export const TOO_YOUNG_FOR_CMS2 = 'The CMS2 quality measure counts screenings from age 12, so no separate screening result was saved. The scores are saved.';

export function ageUnreadable(error: unknown): string {
  const why = error instanceof FhirError ? ` (${error.userMessage})` : '';
  return `The patient's age could not be read from the EHR${why}, so the depression screening result for CMS2 was not saved yet. Retry: it will not be saved twice.`;
}
