import type { Observation } from '@medplum/fhirtypes';
import { INSTRUMENTS } from '../instruments/definitions.ts';
import { SURVEY_CATEGORY, totalCoding } from './codes.ts';
import { recordIdentifier } from './identifiers.ts';
import { encounterReference, patientReference, userReference } from './references.ts';
import { scoreOf } from './score.ts';
import { totalKey } from './specs.ts';
import { fhirDateTime } from './time.ts';
import type { AdministeredInstrument, CompletedScreening, RecordClock } from './types.ts';

const PERFORMER_TYPES = ['Practitioner', 'PractitionerRole', 'Organization', 'CareTeam', 'Patient', 'RelatedPerson'];

/**
 * The total-score Observation (US Core screening assessment, QI-Core
 * ObservationScreeningAssessment: what CMS159 reads): what makes the score
 * searchable and trendable in the EHR. `derivedFrom` points at the saved form; it is left out
 * only when the EHR would not take the form. Undefined for GAD-2, which has no verified code.
 */
export function buildTotalObservation(screening: CompletedScreening, administered: AdministeredInstrument, clock: RecordClock, derivedFrom?: string): Observation | undefined {
  const definition = INSTRUMENTS[administered.instrument];
  if (!definition.totalCode) return undefined;
  const score = scoreOf(administered);
  const interpretation = score.severity?.label ?? (score.screen ? `${score.screen === 'positive' ? 'Positive' : 'Negative'} screen` : undefined);
  const encounter = encounterReference(screening.encounterId);
  const performer = userReference<NonNullable<Observation['performer']>[number]>(screening.author, PERFORMER_TYPES);
  const when = fhirDateTime(clock.now, clock.utcOffsetMinutes);
  return {
    resourceType: 'Observation',
    identifier: [recordIdentifier(screening.screeningId, totalKey(administered.instrument))],
    status: 'final',
    category: [{ coding: [SURVEY_CATEGORY] }],
    code: { coding: [totalCoding(administered.instrument, definition.totalCode)], text: `${definition.name} total score` },
    subject: patientReference(screening.patientId),
    ...(encounter ? { encounter } : {}),
    effectiveDateTime: when,
    issued: clock.now.toISOString(),
    ...(performer ? { performer: [performer] } : {}),
    // An integer, not a Quantity: CMS159's logic compares the PHQ-9 with integers (`> 9`,
    // `< 5`), and a Quantity total does not count there (docs/ecqm.md).
    valueInteger: score.total,
    ...(interpretation ? { interpretation: [{ text: interpretation }] } : {}),
    ...(derivedFrom ? { derivedFrom: [{ reference: derivedFrom }] } : {}),
  };
}
