import { FhirError } from '../fhirError';

/** A read failure in words, for the billing report's "may be incomplete" notes. */
export function errorForUser(error: unknown): string {
  return error instanceof FhirError ? error.userMessage : 'the EHR did not answer';
}
