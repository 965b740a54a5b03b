import type { Observation, Questionnaire, QuestionnaireResponse } from '@medplum/fhirtypes';
import { type ReportSource, reportSourceOfObservation, reportSourceOfResponse } from '../patientReports/reportSource.ts';
import { resolveSettings, type SettingsOverride } from '../settings.ts';
import { assemble } from './assemble.ts';
import { dedupe } from './dedupe.ts';
import { readObservations } from './observation.ts';
import { buildQuestionnaireIndex } from './questionnaireIndex.ts';
import { readQuestionnaireResponse } from './questionnaireResponse.ts';
import type { Reading } from './reading.ts';
import { compareStrings, referenceOf, stableJson } from './references.ts';
import type { Administration, IgnoredRecord, ReadResult, UnreadableRecord } from './types.ts';

export interface ReadInput {
  readonly questionnaireResponses?: readonly QuestionnaireResponse[];
  readonly observations?: readonly Observation[];
  /** Questionnaires the responses name (the app's own forms are always known). */
  readonly questionnaires?: readonly Questionnaire[];
}

export interface ReadOptions {
  readonly settings?: SettingsOverride;
}

/**
 * Reads a patient's PHQ/GAD records into one score history. Pure and total: whatever the
 * input, it returns; records it cannot use are listed in `unreadable` (with the reason) or
 * `ignored` (not ours, entered in error), never dropped silently.
 */
export function readAdministrations(input: ReadInput, options: ReadOptions = {}): ReadResult {
  const settings = resolveSettings(options.settings);
  const unreadable: UnreadableRecord[] = [];
  const ignored: IgnoredRecord[] = [];

  const responses = uniqueResources(input.questionnaireResponses, 'QuestionnaireResponse', unreadable);
  const observations = uniqueResources(input.observations, 'Observation', unreadable);
  const index = buildQuestionnaireIndex(Array.isArray(input.questionnaires) ? input.questionnaires : []);

  const formReadings = new Map<string, Reading[]>();
  const readings: Reading[] = [];
  for (const { ref, resource: qr } of responses) {
    try {
      const outcome = readQuestionnaireResponse(qr, index, ref);
      formReadings.set(ref, outcome.readings);
      for (const r of outcome.readings) readings.push(r);
      for (const u of outcome.unreadable) unreadable.push(u);
      for (const i of outcome.ignored) ignored.push(i);
    } catch (error) {
      unreadable.push({ reference: ref, reason: `could not be read (${errorText(error)})` });
    }
  }

  try {
    const outcome = readObservations(observations, formReadings);
    for (const r of outcome.readings) readings.push(r);
    for (const u of outcome.unreadable) unreadable.push(u);
    for (const i of outcome.ignored) ignored.push(i);
  } catch (error) {
    for (const { ref } of observations) unreadable.push({ reference: ref, reason: `could not be read (${errorText(error)})` });
  }

  // Who gave each administration, from its records (a patient-authored form, a total performed by the patient).
  const givenBy = new Map<string, ReportSource>();
  for (const { ref, resource } of responses) givenBy.set(ref, reportSourceOfResponse(resource));
  for (const { ref, resource } of observations) givenBy.set(ref, reportSourceOfObservation(resource));
  const candidates = readings.map((reading) => ({ reading, administration: assemble(reading, settings, givenBy) }));
  const administrations = dedupe(candidates, settings, givenBy).map((c) => c.administration);

  return {
    administrations: administrations.sort(compareAdministrations),
    unreadable: unreadable.sort((a, b) => compareStrings(a.reference, b.reference) || compareStrings(a.reason, b.reason)),
    ignored: ignored.sort((a, b) => compareStrings(a.reference, b.reference) || compareStrings(a.reason, b.reason)),
  };
}

/** In time order; undated records last; ties broken by instrument and id, never by input order. */
export function compareAdministrations(a: Administration, b: Administration): number {
  if (a.instant !== b.instant) {
    if (a.instant === undefined) return 1;
    if (b.instant === undefined) return -1;
    return a.instant - b.instant;
  }
  return compareStrings(a.instrument, b.instrument) || compareStrings(a.id, b.id);
}

/**
 * Drops non-resources, and keeps one copy per reference (paging overlaps repeat records).
 * When copies differ, the newest version wins; equal versions fall back to content order so
 * the choice never depends on input order. In reference order, with the reference.
 */
function uniqueResources<T extends { resourceType?: string; id?: string; meta?: { versionId?: string; lastUpdated?: string } }>(
  list: readonly T[] | undefined,
  type: string,
  unreadable: UnreadableRecord[],
): { ref: string; resource: T }[] {
  const entries: { ref: string; resource: T }[] = [];
  for (const resource of Array.isArray(list) ? list : []) {
    if (!resource || typeof resource !== 'object' || resource.resourceType !== type) {
      const got = resource === null ? 'null' : typeof resource === 'object' ? (resource as { resourceType?: unknown }).resourceType : typeof resource;
      unreadable.push({ reference: `${type}/(not a resource)`, reason: `expected a ${type}, got ${String(got)}` });
      continue;
    }
    entries.push({ ref: referenceOf(resource), resource });
  }
  // In reference order; the sort is stable, so copies of one record stay in input order and
  // the fold below keeps what keeping the first and replacing it by any newer one would.
  // (Sorted pairs, not a Map and a sort of its keys: records are read per patient.)
  entries.sort(compareEntries);
  let kept = 0;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    const last = kept > 0 ? entries[kept - 1]! : undefined;
    if (last !== undefined && last.ref === entry.ref) {
      if (isNewer(entry.resource, last.resource)) entries[kept - 1] = entry;
    } else entries[kept++] = entry;
  }
  entries.length = kept;
  return entries;
}

function compareEntries(a: { ref: string }, b: { ref: string }): number {
  return compareStrings(a.ref, b.ref);
}

function isNewer(a: { meta?: { versionId?: string; lastUpdated?: string } }, b: { meta?: { versionId?: string; lastUpdated?: string } }): boolean {
  const va = Number(a.meta?.versionId);
  const vb = Number(b.meta?.versionId);
  if (Number.isFinite(va) && Number.isFinite(vb) && va !== vb) return va > vb;
  const la = a.meta?.lastUpdated ?? '';
  const lb = b.meta?.lastUpdated ?? '';
  if (la !== lb) return la > lb;
  return stableJson(a) > stableJson(b);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
