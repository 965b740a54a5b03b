import type { Observation } from '@medplum/fhirtypes';
import { INSTRUMENTS } from '../instruments/definitions.ts';
import type { InstrumentId } from '../instruments/types.ts';
import { parseFhirDate } from '../time/fhirDate.ts';
import { type AnswerLike, readAnswer, readTotalValue } from './answers.ts';
import { type CodeRole, FAMILY_OF, type Family, FULL_INSTRUMENT, SCREENER, loincCodes, roleOfCodes } from './codes.ts';
import { addItemEvidence, addProblem, hasItemEvidence, mergeReading, newReading, type Reading } from './reading.ts';
import { compareStrings, normalizeReference } from './references.ts';
import type { AdministrationStatus, IgnoredRecord, UnreadableRecord } from './types.ts';

interface ClassifiedObservation {
  readonly ref: string;
  readonly obs: Observation;
  readonly role: CodeRole;
  readonly status: AdministrationStatus;
  readonly statusProblem: string | undefined;
  readonly effective: string | undefined;
  readonly effectiveProblem: string | undefined;
  readonly localDate: string | undefined;
  readonly derivedFrom: readonly string[];
}

export interface ObservationOutcome {
  /** Readings built from Observations alone (not attached to a form). */
  readings: Reading[];
  unreadable: UnreadableRecord[];
  ignored: IgnoredRecord[];
}

/**
 * Turns Observations into readings and attaches the ones that belong to a form:
 *  - a panel (44249-1 ...) with its hasMember items and total is one administration;
 *  - an Observation derivedFrom a QuestionnaireResponse we read joins that form's reading;
 *  - item Observations on their own (an item-9 Observation beside a total) join the total of
 *    the same instrument and local date, or else form an items-only administration, so a
 *    positive item 9 is never lost.
 * `observations` are the records with their 'Observation/x' references; `formReadings` maps
 * 'QuestionnaireResponse/x' to the readings of that form; it is mutated.
 */
export function readObservations(
  observations: readonly { readonly ref: string; readonly resource: Observation }[],
  formReadings: ReadonlyMap<string, readonly Reading[]>,
): ObservationOutcome {
  const out: ObservationOutcome = { readings: [], unreadable: [], ignored: [] };
  const classified: ClassifiedObservation[] = [];
  const byRef = new Map<string, ClassifiedObservation>();
  for (const { ref, resource } of observations) {
    const c = classify(resource, ref, out);
    if (c) {
      classified.push(c);
      byRef.set(ref, c);
    }
  }
  const consumed = new Set<string>();

  // 1. Panels with their members.
  for (const panel of classified.filter((c) => c.role.role === 'panel')) {
    const members: ClassifiedObservation[] = [];
    const lost: string[] = [];
    for (const m of Array.isArray(panel.obs.hasMember) ? panel.obs.hasMember : []) {
      const ref = normalizeReference(m?.reference);
      const member = ref ? byRef.get(ref) : undefined;
      if (member && member.role.role !== 'panel') members.push(member);
      else if (ref && !member) lost.push(ref);
    }
    for (const m of members) consumed.add(m.ref);
    consumed.add(panel.ref);
    const instrument = instrumentFor(panel, members);
    const reading = readingFrom(panel, instrument);
    addComponents(reading, panel);
    addValue(reading, panel);
    for (const m of members) addMember(reading, m);
    if (lost.length > 0) addProblem(reading, `panel lists ${lost.length} member Observation(s) that were not found`);
    if (isEmpty(reading)) {
      out.unreadable.push({ reference: panel.ref, reason: `${INSTRUMENTS[instrument].name} panel has no readable members` });
      continue;
    }
    attachOrKeep(reading, panel, formReadings, out);
  }

  // 2. Totals not inside a panel.
  for (const total of classified.filter((c) => c.role.role === 'total' && !consumed.has(c.ref))) {
    consumed.add(total.ref);
    const instrument = (total.role as { instrument: InstrumentId }).instrument;
    const reading = readingFrom(total, instrument);
    addValue(reading, total);
    addComponents(reading, total);
    if (reading.totals.every((t) => t.value === undefined) && !hasItemEvidence(reading)) {
      const why = reading.totals[0]?.problem ?? 'no value';
      out.unreadable.push({ reference: total.ref, reason: `${INSTRUMENTS[instrument].name} total: ${why}` });
      continue;
    }
    attachOrKeep(reading, total, formReadings, out);
  }

  // 3. Loose item (and difficulty) Observations.
  const loose = classified.filter((c) => !consumed.has(c.ref) && (c.role.role === 'item' || c.role.role === 'difficulty')).sort((a, b) => compareStrings(a.ref, b.ref));
  const itemGroups = new Map<string, { family: Family; members: ClassifiedObservation[] }>();
  for (const item of loose) {
    const family: Family = item.role.role === 'item' ? item.role.family : 'phq';
    const form = item.derivedFrom.map((r) => formReadings.get(r)?.find((x) => FAMILY_OF[x.instrument] === family)).find(Boolean);
    const target = form ?? sameDayReading(item, family, out.readings) ?? sameDayReading(item, family, allFormReadings(formReadings));
    if (target) {
      const piece = readingFrom(item, target.instrument);
      addMember(piece, item);
      mergeReading(target, piece);
      continue;
    }
    const key = `${family}|${item.localDate ?? item.effective ?? item.ref}`;
    const group = itemGroups.get(key) ?? { family, members: [] };
    group.members.push(item);
    itemGroups.set(key, group);
  }
  for (const { family, members } of [...itemGroups.values()]) {
    const items = members.filter((m) => m.role.role === 'item');
    if (items.length === 0) {
      for (const m of members) out.ignored.push({ reference: m.ref, reason: 'difficulty answer with no PHQ-9 beside it' });
      continue;
    }
    const beyond = items.some((m) => m.role.role === 'item' && m.role.itemNumber > 2);
    const instrument = beyond ? FULL_INSTRUMENT[family] : SCREENER[family];
    const [first, ...rest] = members.sort((a, b) => rank(a) - rank(b) || compareStrings(a.ref, b.ref)) as [ClassifiedObservation, ...ClassifiedObservation[]];
    const reading = readingFrom(first, instrument);
    addMember(reading, first);
    for (const m of rest) {
      const piece = readingFrom(m, instrument);
      addMember(piece, m);
      mergeReading(reading, piece);
    }
    addProblem(reading, 'recorded only as item Observations, without a total or form');
    out.readings.push(reading);
  }
  return out;
}

/** Items first so a positive item 9 names the administration; deterministic either way. */
function rank(c: ClassifiedObservation): number {
  return c.role.role === 'item' ? c.role.itemNumber : 99;
}

function classify(obs: Observation, ref: string, out: ObservationOutcome): ClassifiedObservation | undefined {
  if (obs.status === 'entered-in-error' || obs.status === 'cancelled') {
    out.ignored.push({ reference: ref, reason: `status is ${obs.status}` });
    return undefined;
  }
  const codes = loincCodes(obs.code?.coding);
  const found = roleOfCodes(codes);
  if (!found) {
    const code = codes[0] ?? obs.code?.text ?? 'no code';
    out.ignored.push({ reference: ref, reason: `not a PHQ or GAD code (${code})` });
    return undefined;
  }
  let status: AdministrationStatus = 'final';
  let statusProblem: string | undefined;
  if (obs.status === 'preliminary' || obs.status === 'registered') status = 'preliminary';
  else if (obs.status !== 'final' && obs.status !== 'amended' && obs.status !== 'corrected') {
    status = 'preliminary';
    statusProblem = `Observation status "${obs.status ?? 'none'}" is not final`;
  }
  const dated = obs.effectiveDateTime ?? obs.effectiveInstant ?? (typeof obs.effectivePeriod?.start === 'string' ? obs.effectivePeriod.start : undefined);
  const effective = typeof dated === 'string' ? dated : typeof obs.issued === 'string' ? obs.issued : undefined;
  const effectiveProblem = dated === undefined && effective !== undefined ? 'no effective date; the issued time is used' : undefined;
  const derivedFrom: string[] = [];
  if (Array.isArray(obs.derivedFrom)) {
    for (const r of obs.derivedFrom) {
      const normalized = normalizeReference(r?.reference);
      if (normalized !== undefined) derivedFrom.push(normalized);
    }
  }
  return {
    ref,
    obs,
    role: found.role,
    status,
    statusProblem,
    effective,
    effectiveProblem,
    localDate: parseFhirDate(effective)?.localDate,
    derivedFrom,
  };
}

function readingFrom(c: ClassifiedObservation, instrument: InstrumentId): Reading {
  const reading = newReading({
    instrument,
    basis: 'observations',
    source: c.ref,
    effective: c.effective,
    effectiveProblem: c.effectiveProblem,
    status: c.status,
  });
  if (c.statusProblem) addProblem(reading, c.statusProblem);
  return reading;
}

function instrumentFor(panel: ClassifiedObservation, members: readonly ClassifiedObservation[]): InstrumentId {
  const named = (panel.role as { instrument: InstrumentId }).instrument;
  const family = FAMILY_OF[named];
  const beyond = [...members, panel].some((m) => m.role.role === 'item' && m.role.itemNumber > 2) || componentRoles(panel.obs).some((r) => r.role === 'item' && r.itemNumber > 2);
  return beyond ? FULL_INSTRUMENT[family] : named;
}

/** The Observation's own value, as a total (on a total or a panel with a value). */
function addValue(reading: Reading, c: ClassifiedObservation): void {
  const obs = c.obs;
  const hasValue = hasValueElement(obs);
  if (!hasValue) {
    if (c.role.role === 'total') {
      const reason = obs.dataAbsentReason?.coding?.[0]?.code ?? obs.dataAbsentReason?.text;
      reading.totals.push({ value: undefined, problem: reason ? `no value (${reason})` : 'no value', source: c.ref, kind: 'observation' });
    }
    return;
  }
  const t = readTotalValue(obs as unknown as AnswerLike);
  reading.totals.push({ value: t.value, problem: t.problem, source: c.ref, kind: 'observation' });
}

/** Whether the record has any value[x] (own keys only, as Object.keys), without listing its keys. */
function hasValueElement(obs: Observation): boolean {
  for (const key in obs) if (key.startsWith('value') && Object.prototype.hasOwnProperty.call(obs, key)) return true;
  return false;
}

function componentRoles(obs: Observation): CodeRole[] {
  return (Array.isArray(obs.component) ? obs.component : []).map((comp) => roleOfCodes(loincCodes(comp?.code?.coding))?.role).filter((r): r is CodeRole => r !== undefined);
}

/** Some EHRs put the items as components of the total or panel Observation. */
function addComponents(reading: Reading, c: ClassifiedObservation): void {
  const family = FAMILY_OF[reading.instrument];
  for (const comp of Array.isArray(c.obs.component) ? c.obs.component : []) {
    const role = roleOfCodes(loincCodes(comp?.code?.coding))?.role;
    if (role?.role === 'item' && role.family === family) {
      addItemEvidence(reading, role.itemNumber, { answer: readAnswer(comp as unknown as AnswerLike), source: c.ref, primary: true });
    } else if (role?.role === 'total' && role.instrument === reading.instrument) {
      const t = readTotalValue(comp as unknown as AnswerLike);
      reading.totals.push({ value: t.value, problem: t.problem, source: c.ref, kind: 'observation' });
    }
  }
}

/** A member or loose Observation: an item answer, a total, or the difficulty answer. */
function addMember(reading: Reading, m: ClassifiedObservation): void {
  reading.sources.add(m.ref);
  const role = m.role;
  if (role.role === 'item') {
    if (role.family !== FAMILY_OF[reading.instrument]) {
      addProblem(reading, `${m.ref} is not an item of the ${INSTRUMENTS[reading.instrument].name}; ignored`);
      return;
    }
    if (!m.obs.valueCodeableConcept && !hasValueElement(m.obs)) {
      addProblem(reading, `${INSTRUMENTS[reading.instrument].name} item ${role.itemNumber} in ${m.ref} has no value`);
      return;
    }
    addItemEvidence(reading, role.itemNumber, { answer: readAnswer(m.obs as unknown as AnswerLike), source: m.ref, primary: true });
  } else if (role.role === 'total') {
    if (role.instrument === reading.instrument) addValue(reading, m);
  } else if (role.role === 'difficulty') {
    const cc = m.obs.valueCodeableConcept;
    reading.difficulty ??= cc?.coding?.[0]?.display ?? cc?.text ?? m.obs.valueString;
  }
}

function isEmpty(reading: Reading): boolean {
  return !hasItemEvidence(reading) && reading.totals.every((t) => t.value === undefined);
}

/** A reading derivedFrom a form we read joins it; otherwise it stands on its own. */
function attachOrKeep(reading: Reading, c: ClassifiedObservation, formReadings: ReadonlyMap<string, readonly Reading[]>, out: ObservationOutcome): void {
  for (const ref of c.derivedFrom) {
    const form = formReadings.get(ref)?.find((r) => r.instrument === reading.instrument);
    if (form) {
      mergeReading(form, reading);
      return;
    }
  }
  out.readings.push(reading);
}

function allFormReadings(formReadings: ReadonlyMap<string, readonly Reading[]>): Reading[] {
  return [...formReadings.values()].flat();
}

/**
 * The reading of the same family recorded on the same local date: exact same timestamp first,
 * then the closest in time; ties go to the smaller reference so input order never matters.
 */
function sameDayReading(item: ClassifiedObservation, family: Family, readings: readonly Reading[]): Reading | undefined {
  if (item.localDate === undefined) return undefined;
  const itemInstant = parseFhirDate(item.effective)?.instant ?? 0;
  const candidates = readings
    .filter((r) => FAMILY_OF[r.instrument] === family && parseFhirDate(r.effective)?.localDate === item.localDate)
    .filter((r) => item.role.role !== 'item' || item.role.itemNumber <= INSTRUMENTS[r.instrument].items.length)
    .map((r) => ({
      r,
      exact: r.effective === item.effective ? 0 : 1,
      distance: Math.abs((parseFhirDate(r.effective)?.instant ?? 0) - itemInstant),
    }))
    .sort((a, b) => a.exact - b.exact || a.distance - b.distance || compareStrings(a.r.primarySource, b.r.primarySource));
  return candidates[0]?.r;
}
