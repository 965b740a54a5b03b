/**
 * The treatment plan, the relapse prevention plan and their clinical notes, written where
 * this EHR allows (docs/fhir-mapping.md, "Treatment plan"). Each target is checked against
 * the session's write capabilities before anything is sent; Goals and new plans go through
 * `createOnce` (identifier + If-None-Exist); a revision is a PUT with If-Match, and a 412
 * comes back with the version someone else saved, so the form can show both and keep what
 * was typed. Where CarePlan or Goal may not be written (Epic, Oracle), the caller offers the
 * plan of care note (DocumentReference) and the copy-ready text.
 */
import type { CarePlan, DocumentReference, Goal } from '@medplum/fhirtypes';
import {
  buildPatientGoal,
  buildPlanNote,
  buildRelapseCarePlan,
  buildTargetGoal,
  buildTreatmentCarePlan,
  PLAN_OF_CARE_NOTE,
  type PlanNoteInput,
  type RelapsePlanContent,
  type StoredPlan,
  type StoredTreatmentPlan,
  type TargetGoal,
  type TreatmentPlanContent,
} from '../../clinical/careplan';
import { type WriteTarget, writeCapabilitiesFor } from '../capabilities';
import { FhirError } from '../fhirError';
import { createOnce } from './createOnce';
import type { RegistryWriter } from './registry';

export const CARE_PLAN_TARGET: WriteTarget = { resourceType: 'CarePlan', label: 'care plan' };
export const GOAL_TARGET: WriteTarget = { resourceType: 'Goal', label: 'treatment goals' };
export const PLAN_NOTE_TARGET: WriteTarget = { resourceType: 'DocumentReference', codes: [PLAN_OF_CARE_NOTE], label: 'plan of care note' };

export type PlanWriteOutcome =
  | { status: 'saved'; carePlan: CarePlan }
  /** 412: someone saved the plan meanwhile. `theirs` is their version (undefined if it could not be read). */
  | { status: 'conflict'; theirs: CarePlan | undefined; reason: string }
  /** The EHR does not take it (known before sending, or learned from its answer). */
  | { status: 'not-allowed'; reason: string }
  | { status: 'failed'; reason: string };

export type NoteWriteOutcome = { status: 'saved'; document: DocumentReference } | { status: 'not-allowed'; reason: string } | { status: 'failed'; reason: string };

function wordsOf(error: unknown): string {
  return error instanceof FhirError ? error.userMessage : 'The EHR did not save it.';
}

/** Whether the plan itself (not a note) may be written here: checked before anyone types. */
export async function planWriteVerdict(writer: RegistryWriter, targets: readonly WriteTarget[]): Promise<{ allowed: true } | { allowed: false; reason: string }> {
  const store = writeCapabilitiesFor(writer);
  await store.load();
  for (const target of targets) {
    const verdict = store.getSnapshot().verdict(target);
    if (verdict.status === 'not-allowed') return { allowed: false, reason: verdict.reason };
  }
  return { allowed: true };
}

/** Runs the writes; a refusal is learned for the session and said, any other failure is said. */
export async function guarded<T>(
  writer: RegistryWriter,
  targets: readonly WriteTarget[],
  write: () => Promise<T>,
): Promise<T | { status: 'not-allowed' | 'failed'; reason: string }> {
  const verdict = await planWriteVerdict(writer, targets);
  if (!verdict.allowed) return { status: 'not-allowed', reason: verdict.reason };
  try {
    return await write();
  } catch (error) {
    const store = writeCapabilitiesFor(writer);
    const target = targets.find((t) => error instanceof FhirError && error.options.resourceType === t.resourceType) ?? targets[0];
    const learned = target ? store.learnFromError(target, error) : undefined;
    if (learned?.status === 'not-allowed') return { status: 'not-allowed', reason: learned.reason };
    return { status: 'failed', reason: wordsOf(error) };
  }
}

/** PUT with If-Match; a 412 reads what is there now, so both versions can be shown. */
async function revise(writer: RegistryWriter, plan: CarePlan & { id: string }, versionId: string | undefined): Promise<PlanWriteOutcome> {
  try {
    const result = await writer.api.update(plan, versionId ? { ifMatch: `W/"${versionId}"` } : {});
    return { status: 'saved', carePlan: result.resource ?? plan };
  } catch (error) {
    if (!(error instanceof FhirError) || error.kind !== 'precondition-failed') throw error;
    const theirs = await writer.api.read<CarePlan>('CarePlan', plan.id).catch(() => undefined);
    return { status: 'conflict', theirs, reason: 'Someone else saved this plan while you were editing it. Both versions are shown below; your changes are kept.' };
  }
}

async function saveGoal(writer: RegistryWriter, goal: Goal, existing: Goal | undefined): Promise<string> {
  if (existing?.id) {
    // The patient reworded their goal: the Goal changes, its identity stays.
    if (existing.description?.text !== goal.description.text) {
      const etag = existing.meta?.versionId ? `W/"${existing.meta.versionId}"` : undefined;
      await writer.api.update({ ...existing, description: goal.description, id: existing.id }, etag ? { ifMatch: etag } : {});
    }
    return `Goal/${existing.id}`;
  }
  const created = await createOnce(writer.api, goal, goal.identifier![0]!);
  if (!created.reference) throw new FhirError('invalid-response', 'The EHR saved a goal but did not say where.', { resourceType: 'Goal' });
  return created.reference;
}

export interface TreatmentPlanSave {
  readonly planId: string;
  readonly patientId: string;
  readonly start: string;
  readonly content: TreatmentPlanContent;
  readonly targets: readonly TargetGoal[];
  readonly author?: string | undefined;
  readonly when: string;
  readonly change: string;
  /** The version being revised, as read; undefined for a new plan. */
  readonly stored?: StoredTreatmentPlan | undefined;
}

/** Writes the Goals, then the CarePlan that names them (new: create once; revision: If-Match). */
export async function saveTreatmentPlan(writer: RegistryWriter, input: TreatmentPlanSave): Promise<PlanWriteOutcome> {
  const result = await guarded(writer, [CARE_PLAN_TARGET, GOAL_TARGET], async (): Promise<PlanWriteOutcome> => {
    const targetRefs: string[] = [];
    for (const target of input.targets) targetRefs.push(await saveGoal(writer, buildTargetGoal(input.planId, input.patientId, input.start, target), undefined));
    const ownRefs: string[] = [];
    for (const own of input.content.ownGoals) {
      ownRefs.push(await saveGoal(writer, buildPatientGoal(input.planId, input.patientId, input.start, own), input.stored?.ownGoalResources.get(own.key)));
    }
    const plan = buildTreatmentCarePlan({ ...input, previous: input.stored?.resource, goalReferences: [...targetRefs, ...ownRefs] });
    const outcome = input.stored ? await revise(writer, { ...plan, id: input.stored.id }, input.stored.versionId) : await createPlan(writer, plan);
    if (outcome.status === 'saved' && input.stored) await closeRemovedGoals(writer, input.stored, input.content);
    return outcome;
  });
  return result;
}

async function createPlan(writer: RegistryWriter, plan: CarePlan): Promise<PlanWriteOutcome> {
  const created = await createOnce(writer.api, plan, plan.identifier![0]!);
  return { status: 'saved', carePlan: created.resource ?? { ...plan, ...(created.id ? { id: created.id } : {}) } };
}

/** A goal taken out of the plan is closed (cancelled), not deleted: the record of it stays. */
async function closeRemovedGoals(writer: RegistryWriter, stored: StoredTreatmentPlan, content: TreatmentPlanContent): Promise<void> {
  const kept = new Set(content.ownGoals.map((g) => g.key));
  for (const [key, goal] of stored.ownGoalResources) {
    if (kept.has(key) || !goal.id || goal.lifecycleStatus === 'cancelled') continue;
    const etag = goal.meta?.versionId ? `W/"${goal.meta.versionId}"` : undefined;
    await writer.api.update({ ...goal, id: goal.id, lifecycleStatus: 'cancelled' }, etag ? { ifMatch: etag } : {}).catch(() => undefined);
  }
}

export interface RelapsePlanSave {
  readonly planId: string;
  readonly patientId: string;
  readonly start: string;
  readonly content: RelapsePlanContent;
  readonly author?: string | undefined;
  readonly when: string;
  readonly change: string;
  readonly stored?: StoredPlan | undefined;
}

export async function saveRelapsePlan(writer: RegistryWriter, input: RelapsePlanSave): Promise<PlanWriteOutcome> {
  return guarded(writer, [CARE_PLAN_TARGET], async (): Promise<PlanWriteOutcome> => {
    const plan = buildRelapseCarePlan({ ...input, previous: input.stored?.resource });
    return input.stored ? revise(writer, { ...plan, id: input.stored.id }, input.stored.versionId) : createPlan(writer, plan);
  });
}

/** The plan of care note: one per save (its noteId), never filed twice. */
export async function savePlanNote(writer: RegistryWriter, input: PlanNoteInput): Promise<NoteWriteOutcome> {
  return guarded(writer, [PLAN_NOTE_TARGET], async (): Promise<NoteWriteOutcome> => {
    const note = buildPlanNote(input);
    const created = await createOnce(writer.api, note, note.identifier![0]!);
    return { status: 'saved', document: created.resource ?? note };
  });
}
