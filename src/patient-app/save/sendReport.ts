/**
 * Sends what the patient answered, each record once: the clinic's save path (forms, totals,
 * the safety Flag, each with a stable identifier and If-None-Exist) plus the messages to the
 * care team: an urgent one for a positive item 9, and the answers as text where the EHR
 * takes no forms from the app. A retry passes the same progress back and sends only what is
 * left, so a lost connection never makes a second copy.
 */
import type { Resource } from '@medplum/fhirtypes';
import {
  ANSWERS_MESSAGE_SPEC,
  buildAnswersMessage,
  buildSafetyMessage,
  recordIdentifier,
  SAFETY_MESSAGE_SPEC,
  safetyItemScore,
  type CompletedScreening,
  type RecordClock,
  type RecordSpec,
} from '../../clinical/records';
import { FhirError } from '../../fhir/fhirError';
import { createOnce } from '../../fhir/writes';
import { type RecordOutcome, saveScreening, type SaveDeps } from '../../screening/save/saveScreening';
import type { RecordProgress } from '../../screening/model/draft';

export interface SendResult {
  outcomes: Record<string, RecordOutcome>;
  specs: RecordSpec[];
  /** Nothing is left to send: each record is saved, already there or not allowed. */
  finished: boolean;
  sessionEnded: boolean;
  /** The answers reached the team (as forms or as a message). */
  answersDelivered: boolean;
  /** For a positive item 9: the team was told (a Flag or a message is saved). */
  teamTold: boolean;
}

const DONE = new Set(['saved', 'already-there', 'not-allowed']);

async function writeMessage(
  spec: RecordSpec,
  build: () => Resource | undefined,
  screeningId: string,
  progress: Readonly<Record<string, RecordProgress>>,
  deps: SaveDeps,
): Promise<RecordOutcome> {
  const prior = progress[spec.key];
  if (prior?.status === 'saved') return { status: 'saved', ...(prior.reference ? { reference: prior.reference } : {}), existing: true };
  const verdict = deps.capabilities.getSnapshot().verdict(spec);
  if (verdict.status === 'not-allowed') return { status: 'not-allowed', reason: verdict.reason };
  const resource = build();
  if (!resource) return { status: 'not-allowed', reason: 'nothing to send' };
  const searchFirst = prior?.status === 'attempted' && deps.capabilities.getSnapshot().conditionalCreate(spec.resourceType) !== true;
  deps.onProgress(spec.key, { status: 'attempted' });
  try {
    const result = await createOnce(deps.api, resource, recordIdentifier(screeningId, spec.key), { searchFirst });
    deps.onProgress(spec.key, { status: 'saved', ...(result.reference ? { reference: result.reference } : {}) });
    return { status: 'saved', ...(result.reference ? { reference: result.reference } : {}) };
  } catch (error) {
    const learned = deps.capabilities.learnFromError(spec, error);
    if (learned?.status === 'not-allowed') {
      deps.onProgress(spec.key, undefined);
      return { status: 'not-allowed', reason: learned.reason };
    }
    return { status: 'failed', reason: error instanceof FhirError ? error.kind : 'unexpected' };
  }
}

export async function sendReport(
  screening: CompletedScreening,
  clock: RecordClock,
  progress: Readonly<Record<string, RecordProgress>>,
  deps: SaveDeps & { careManager?: string },
): Promise<SendResult> {
  const positive = (safetyItemScore(screening) ?? 0) > 0;
  // The urgent message goes alongside the forms: it waits on nothing.
  const safetyMessage = positive
    ? writeMessage(SAFETY_MESSAGE_SPEC, () => buildSafetyMessage(screening, clock, deps.careManager), screening.screeningId, progress, deps)
    : Promise.resolve(undefined);
  const [saved, safety] = await Promise.all([saveScreening(screening, clock, progress, deps), safetyMessage]);
  const outcomes: Record<string, RecordOutcome> = { ...saved.outcomes };
  const specs = [...saved.specs];
  if (safety) {
    outcomes[SAFETY_MESSAGE_SPEC.key] = safety;
    specs.push(SAFETY_MESSAGE_SPEC);
  }
  const forms = saved.specs.filter((s) => s.kind === 'form');
  const formsSaved = forms.length > 0 && forms.every((s) => outcomes[s.key]?.status === 'saved');
  const formsRefused = forms.filter((s) => outcomes[s.key]?.status === 'not-allowed');
  if (formsRefused.length > 0) {
    // The EHR takes no forms from the app: the answers go to the team as text.
    const notSaved = saved.specs.filter((s) => outcomes[s.key]?.status === 'not-allowed').map((s) => s.label);
    outcomes[ANSWERS_MESSAGE_SPEC.key] = await writeMessage(
      ANSWERS_MESSAGE_SPEC,
      () => buildAnswersMessage(screening, clock, deps.careManager, notSaved),
      screening.screeningId,
      progress,
      deps,
    );
    specs.push(ANSWERS_MESSAGE_SPEC);
  }
  const isSaved = (key: string) => outcomes[key]?.status === 'saved' || outcomes[key]?.status === 'already-there';
  const finished = specs.every((s) => DONE.has(outcomes[s.key]?.status ?? ''));
  return {
    outcomes,
    specs,
    finished,
    sessionEnded: saved.sessionEnded,
    answersDelivered: formsSaved || isSaved(ANSWERS_MESSAGE_SPEC.key),
    teamTold: positive && (isSaved('safety-flag') || isSaved(SAFETY_MESSAGE_SPEC.key)),
  };
}
