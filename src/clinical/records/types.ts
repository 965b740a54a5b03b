import type { Coding } from '@medplum/fhirtypes';
import type { InstrumentId } from '../instruments/types.ts';

/** One instrument as given at the visit: every item answered (the screen insists). */
export interface AdministeredInstrument {
  readonly instrument: InstrumentId;
  /** Item scores 0-3 in item order (index 0 is item 1). */
  readonly scores: readonly number[];
  /** PHQ-9 difficulty answer (LA code), when asked and answered. */
  readonly difficulty?: string;
}

/** A finished screening, ready to be turned into FHIR resources and note text. */
export interface CompletedScreening {
  /** UUID made once per draft and kept with it, so a resend builds the same identifiers. */
  readonly screeningId: string;
  readonly patientId: string;
  readonly encounterId?: string;
  /** The signed-in user, a relative reference (`Practitioner/123`). */
  readonly author?: string;
  /** The patient's birth date (yyyy-MM-dd), when known: picks CMS2's adult or adolescent code. */
  readonly patientBirthDate?: string;
  /** At most one PHQ (PHQ-2 or PHQ-9) and one GAD (GAD-2 or GAD-7). */
  readonly administered: readonly AdministeredInstrument[];
}

/** The clock and zone, passed in: builders read no clock. */
export interface RecordClock {
  readonly now: Date;
  /** Minutes east of UTC at `now` (the browser's: `-now.getTimezoneOffset()`). */
  readonly utcOffsetMinutes: number;
}

/** `result`: the depression screening result CMS2 counts (positive or negative finding); `message`: a Communication to the care team. */
export type RecordKind = 'form' | 'score' | 'result' | 'flag' | 'message';

/** One resource a screening produces: what the write plan weighs against the EHR's rules. */
export interface RecordSpec {
  /** Stable within the screening: `phq9-response`, `phq9-total`, `safety-flag`. */
  readonly key: string;
  readonly kind: RecordKind;
  readonly resourceType: 'QuestionnaireResponse' | 'Observation' | 'Flag' | 'Communication';
  readonly instrument?: InstrumentId;
  /** Words for the user: 'PHQ-9 answers (form)'. */
  readonly label: string;
  readonly categories?: readonly Coding[];
  readonly codes?: readonly Coding[];
}
