import type { Observation } from '@medplum/fhirtypes';
import type { ContactModality, ContactOutcome, ContactType } from './codes.ts';

/** A contact as the care manager logs it (the form's values). */
export interface ContactDetails {
  /** FHIR dateTime in the clinic's offset, `2026-03-05T14:30:00-05:00`. */
  readonly when: string;
  readonly type: ContactType;
  readonly modality: ContactModality;
  readonly minutes: number;
  readonly outcome: ContactOutcome;
  readonly scaleGiven: boolean;
  /** The time belongs to a separately billed service: it does not count toward CoCM minutes. */
  readonly separatelyBilled: boolean;
  readonly note: string;
}

/** A logged contact read back from the EHR. */
export interface Contact extends ContactDetails {
  /** `Observation/123`: versions of one record share it. */
  readonly id: string;
  /** For ordering copies of one record (meta.lastUpdated, else a numeric versionId). */
  readonly version: number;
  /** The server's version id (for If-Match on a correction or removal). */
  readonly versionId: string | undefined;
  /** Our identifier value (the contact's UUID), when the record carries it. */
  readonly contactId: string | undefined;
  /** The clinic's calendar date of the contact, yyyy-MM-dd. */
  readonly localDate: string;
  readonly instant: number;
  readonly effective: string;
  /** `Practitioner/123`. */
  readonly performer: string | undefined;
  readonly enteredInError: boolean;
  /** Changed after it was first saved (status corrected or amended). */
  readonly corrected: boolean;
  /** The record as read, the base of a correction or removal. */
  readonly resource: Observation;
}
