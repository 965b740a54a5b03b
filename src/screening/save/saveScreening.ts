/**
 * Saves a finished screening to the EHR, record by record, never twice. Forms go first
 * because each score Observation names its form in `derivedFrom`; the safety Flag goes
 * alongside the forms, since it must not wait on anything. Each record ends saved, already
 * there, not allowed (known before, or learned now from a refusal), failed (with words) or
 * waiting for its form; a retry passes the same progress back and sends only what is left.
 */
import type { Flag, Patient, Resource } from '@medplum/fhirtypes';
import {
  buildQuestionnaireResponse,
  buildScreeningResultObservation,
  depressionScreenOf,
  screeningCodeFor,
  buildSafetyFlag,
  buildTotalObservation,
  isActiveSuicideRiskFlag,
  recordIdentifier,
  SCREENING_IDENTIFIER_SYSTEM,
  screeningRecords,
  formKey,
  totalKey,
  fhirDateTime,
  type CompletedScreening,
  type RecordClock,
  type RecordSpec,
} from '../../clinical/records';
import type { WriteCapabilities } from '../../fhir/capabilities';
import type { FhirApi } from '../../fhir/fhirApi';
import { FhirError } from '../../fhir/fhirError';
import { createOnce } from '../../fhir/writes';
import type { RecordProgress } from '../model/draft';
import { FLAG_ALREADY_ACTIVE, NO_SCREENING_AGE, SESSION_ENDED, TOO_YOUNG_FOR_CMS2, ageUnreadable, failureReason, waitingReason } from './saveWords';

export type RecordOutcome =
  | { status: 'saved'; reference?: string; existing?: boolean }
  | { status: 'already-there'; reference?: string; reason: string }
  | { status: 'not-allowed'; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'waiting'; reason: string };

export interface WrittenRecord {
  key: string;
  resourceType: string;
  reference?: string;
}

export interface SaveReport {
  specs: RecordSpec[];
  outcomes: Record<string, RecordOutcome>;
  /** Nothing is left to retry: each record is saved, already there or not allowed. */
  finished: boolean;
  /** A 401: the user must relaunch before a retry can work. */
  sessionEnded: boolean;
  /** What this run wrote (or found already written), for the patient view to refresh. */
  written: WrittenRecord[];
}

export interface SaveDeps {
  api: FhirApi;
  capabilities: WriteCapabilities;
  /** Called as each record's progress changes, so the draft can keep it across a reload. */
  onProgress: (key: string, progress: RecordProgress | undefined) => void;
}

const DONE = new Set(['saved', 'already-there', 'not-allowed']);

export async function saveScreening(screening: CompletedScreening, clock: RecordClock, progress: Readonly<Record<string, RecordProgress>>, deps: SaveDeps): Promise<SaveReport> {
  const specs = screeningRecords(screening);
  const outcomes: Record<string, RecordOutcome> = {};
  const written: WrittenRecord[] = [];
  let sessionEnded = false;

  async function write(spec: RecordSpec, build: () => Resource | undefined): Promise<RecordOutcome> {
    const prior = progress[spec.key];
    if (prior?.status === 'saved') return { status: 'saved', ...(prior.reference ? { reference: prior.reference } : {}), existing: true };
    const verdict = deps.capabilities.getSnapshot().verdict(spec);
    if (verdict.status === 'not-allowed') return { status: 'not-allowed', reason: verdict.reason };
    if (sessionEnded) return { status: 'failed', reason: SESSION_ENDED };
    const resource = build();
    if (!resource) return { status: 'failed', reason: failureReason(undefined, spec.label) };
    // The server may ignore If-None-Exist; when an earlier answer was lost, look first.
    const searchFirst = prior?.status === 'attempted' && deps.capabilities.getSnapshot().conditionalCreate(spec.resourceType) !== true;
    deps.onProgress(spec.key, { status: 'attempted' });
    try {
      const result = await createOnce(deps.api, resource, recordIdentifier(screening.screeningId, spec.key), { searchFirst });
      const existing = result.outcome === 'existing';
      deps.onProgress(spec.key, { status: 'saved', ...(result.reference ? { reference: result.reference } : {}), existing });
      written.push({ key: spec.key, resourceType: spec.resourceType, ...(result.reference ? { reference: result.reference } : {}) });
      return { status: 'saved', ...(result.reference ? { reference: result.reference } : {}), existing };
    } catch (error) {
      const learned = deps.capabilities.learnFromError(spec, error);
      if (learned?.status === 'not-allowed') {
        // A refusal stores nothing: no look-up is needed before a later send.
        deps.onProgress(spec.key, undefined);
        return { status: 'not-allowed', reason: learned.reason };
      }
      if (error instanceof FhirError && error.kind === 'unauthorized') sessionEnded = true;
      return { status: 'failed', reason: failureReason(error, spec.label) };
    }
  }

  async function writeFlag(spec: RecordSpec): Promise<RecordOutcome> {
    const prior = progress[spec.key];
    if (prior?.status !== 'saved' && deps.capabilities.getSnapshot().verdict(spec).status !== 'not-allowed') {
      const active = await activeSuicideRiskFlag(deps.api, screening.patientId, clock.now);
      if (active) {
        const reference = active.id ? `Flag/${active.id}` : undefined;
        deps.onProgress(spec.key, { status: 'saved', ...(reference ? { reference } : {}), existing: true });
        // Our own flag from an earlier attempt of this screening is simply saved.
        const ours = (active.identifier ?? []).some((i) => i.system === SCREENING_IDENTIFIER_SYSTEM && i.value === recordIdentifier(screening.screeningId, spec.key).value);
        if (ours) return { status: 'saved', ...(reference ? { reference } : {}), existing: true };
        return { status: 'already-there', ...(reference ? { reference } : {}), reason: FLAG_ALREADY_ACTIVE };
      }
    }
    return write(spec, () => buildSafetyFlag(screening, clock));
  }

  async function writeInstrument(administered: CompletedScreening['administered'][number]): Promise<void> {
    const formSpec = specs.find((s) => s.key === formKey(administered.instrument));
    const scoreSpec = specs.find((s) => s.kind === 'score' && s.instrument === administered.instrument);
    if (!formSpec) return;
    const form = await write(formSpec, () => buildQuestionnaireResponse(screening, administered, clock));
    outcomes[formSpec.key] = form;
    if (!scoreSpec) return;
    if (form.status === 'saved' || form.status === 'not-allowed') {
      // Without a saved form (the EHR takes none) the score still stands alone.
      const derivedFrom = form.status === 'saved' ? form.reference : undefined;
      outcomes[scoreSpec.key] = await write(scoreSpec, () => buildTotalObservation(screening, administered, clock, derivedFrom));
    } else if (progress[scoreSpec.key]?.status === 'saved') {
      outcomes[scoreSpec.key] = await write(scoreSpec, () => undefined);
    } else {
      outcomes[scoreSpec.key] = sessionEnded ? { status: 'failed', reason: SESSION_ENDED } : { status: 'waiting', reason: waitingReason(scoreSpec.label, formSpec.label) };
    }
  }

  /** The birth date from the screening, or read now; undefined (with a reason) when unknown. */
  async function birthDate(): Promise<{ value?: string; failure?: RecordOutcome }> {
    if (screening.patientBirthDate) return { value: screening.patientBirthDate };
    try {
      const patient = await deps.api.read<Patient>('Patient', screening.patientId);
      return patient.birthDate ? { value: patient.birthDate } : { failure: { status: 'not-allowed', reason: NO_SCREENING_AGE } };
    } catch (error) {
      if (error instanceof FhirError && error.kind === 'unauthorized') sessionEnded = true;
      return { failure: { status: 'failed', reason: sessionEnded ? SESSION_ENDED : ageUnreadable(error) } };
    }
  }

  /** CMS2's screening result, after the PHQ's form and total (it derives from them). */
  async function writeScreeningResult(spec: RecordSpec, administered: CompletedScreening['administered'][number]): Promise<RecordOutcome> {
    const form = outcomes[formKey(administered.instrument)];
    const total = outcomes[totalKey(administered.instrument)];
    if (progress[spec.key]?.status === 'saved' || deps.capabilities.getSnapshot().verdict(spec).status === 'not-allowed') return write(spec, () => undefined);
    // It names the form and the total in derivedFrom, so it waits until both are settled.
    const unsettled = [form, total].some((o) => o && o.status !== 'saved' && o.status !== 'not-allowed');
    if (unsettled) return sessionEnded ? { status: 'failed', reason: SESSION_ENDED } : { status: 'waiting', reason: waitingReason(spec.label, formSpecLabel(administered)) };
    const born = await birthDate();
    if (born.failure) return born.failure;
    if (!screeningCodeFor(born.value, fhirDateTime(clock.now, clock.utcOffsetMinutes).slice(0, 10))) return { status: 'not-allowed', reason: TOO_YOUNG_FOR_CMS2 };
    const derivedFrom = [form, total].flatMap((o) => (o?.status === 'saved' && o.reference ? [o.reference] : []));
    return write(spec, () => buildScreeningResultObservation({ ...screening, patientBirthDate: born.value! }, clock, derivedFrom));
  }

  function formSpecLabel(administered: CompletedScreening['administered'][number]): string {
    return specs.find((s) => s.key === formKey(administered.instrument))?.label ?? 'form';
  }

  const flagSpec = specs.find((s) => s.kind === 'flag');
  const resultSpec = specs.find((s) => s.kind === 'result');
  const phq = depressionScreenOf(screening);
  await Promise.all([
    ...screening.administered.map((a) =>
      writeInstrument(a).then(async () => {
        if (resultSpec && a === phq) outcomes[resultSpec.key] = await writeScreeningResult(resultSpec, a);
      }),
    ),
    flagSpec
      ? writeFlag(flagSpec).then((o) => {
          outcomes[flagSpec.key] = o;
        })
      : Promise.resolve(),
  ]);
  return {
    specs,
    outcomes,
    finished: specs.every((s) => DONE.has(outcomes[s.key]?.status ?? '')),
    sessionEnded,
    written,
  };
}

/**
 * An active suicide-risk Flag already on the patient. Searched by patient only (R4 Flag has
 * no `status` parameter on some servers) and filtered here. A failed search is no reason to
 * withhold a safety flag, so it counts as "none found".
 */
async function activeSuicideRiskFlag(api: FhirApi, patientId: string, now: Date): Promise<Flag | undefined> {
  try {
    const found = await api.search<Flag>('Flag', { patient: patientId, _count: '100' }, { maxPages: 5 });
    return found.resources.find((f) => isActiveSuicideRiskFlag(f, now));
  } catch {
    return undefined;
  }
}
