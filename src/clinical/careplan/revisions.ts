/**
 * What a revision changed, in the words the plan's history keeps ("Medication: sertraline
 * 50 mg -> sertraline 100 mg"). Parts and goals are matched by their stable keys, so a changed
 * dose reads as a change, not as one part removed and another added. Pure.
 */
import { OWNER_ROLE_LABEL, PART_KIND_LABEL, PART_STATUS_LABEL } from './codes.ts';
import { RELAPSE_FIELD_LABEL, RELAPSE_FIELDS, type RelapsePlanContent } from './relapsePlan.ts';
import type { TreatmentPlanContent } from './types.ts';

export function describePlanChanges(before: TreatmentPlanContent | undefined, after: TreatmentPlanContent): string[] {
  if (!before) return ['Plan written'];
  const changes: string[] = [];
  const was = new Map(before.parts.map((p) => [p.key, p]));
  for (const part of after.parts) {
    const old = was.get(part.key);
    const label = PART_KIND_LABEL[part.kind];
    if (!old) {
      changes.push(`${label} added: ${part.description.trim()}${part.recommendedBy ? ' (from a psychiatric recommendation)' : ''}`);
      continue;
    }
    if (old.description.trim() !== part.description.trim()) changes.push(`${label}: ${old.description.trim()} -> ${part.description.trim()}`);
    if (old.status !== part.status)
      changes.push(`${label} "${part.description.trim()}": ${PART_STATUS_LABEL[old.status].toLowerCase()} -> ${PART_STATUS_LABEL[part.status].toLowerCase()}`);
    if (old.owner !== part.owner) changes.push(`${label} "${part.description.trim()}" now owned by the ${OWNER_ROLE_LABEL[part.owner].toLowerCase()}`);
  }
  const kept = new Set(after.parts.map((p) => p.key));
  for (const old of before.parts) if (!kept.has(old.key)) changes.push(`${PART_KIND_LABEL[old.kind]} removed: ${old.description.trim()}`);
  const goalsBefore = new Map(before.ownGoals.map((g) => [g.key, g.text.trim()]));
  for (const goal of after.ownGoals) {
    const old = goalsBefore.get(goal.key);
    if (old === undefined) changes.push(`Patient's goal added: ${goal.text.trim()}`);
    else if (old !== goal.text.trim()) changes.push(`Patient's goal: ${old} -> ${goal.text.trim()}`);
  }
  const goalsKept = new Set(after.ownGoals.map((g) => g.key));
  for (const old of before.ownGoals) if (!goalsKept.has(old.key)) changes.push(`Patient's goal removed: ${old.text.trim()}`);
  const problemsBefore = new Set(before.problems.map((p) => p.reference));
  const problemsAfter = new Set(after.problems.map((p) => p.reference));
  for (const p of after.problems) if (!problemsBefore.has(p.reference)) changes.push(`Now addresses: ${p.text}`);
  for (const p of before.problems) if (!problemsAfter.has(p.reference)) changes.push(`No longer addresses: ${p.text}`);
  return changes;
}

export function describeRelapseChanges(before: RelapsePlanContent | undefined, after: RelapsePlanContent): string[] {
  if (!before) return ['Relapse prevention plan written'];
  return RELAPSE_FIELDS.filter((f) => before[f].trim() !== after[f].trim()).map((f) => `${RELAPSE_FIELD_LABEL[f]} changed`);
}

/** The history note of one save: "Plan changed: a; b". */
export function changeNote(changes: readonly string[]): string {
  if (changes.length === 1 && /written$/.test(changes[0] ?? '')) return changes[0] as string;
  return changes.length ? `Plan changed: ${changes.join('; ')}` : 'Plan saved without changes';
}
