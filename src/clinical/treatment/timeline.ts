/**
 * The psychotropic medication timeline: orders of the same drug merged into episodes of
 * continuous use with their dose steps, and the events a consultant looks for on the chart:
 * start, dose change, switch, augmentation, stop. Rules and windows: docs/treatment-codes.md.
 */
import type { IgnoredRecord, UnreadableRecord } from '../read/types.ts';
import { ANTIDEPRESSANT_CLASSES, PSYCHOTROPIC_CLASS_LABELS, type PsychotropicClass } from './codes/medicationCodes.ts';
import { type Dose, doseChangeWords, sameDose } from './dose.ts';
import type { DatePoint, MedicationOrder, MedicationReadResult } from './medicationOrders.ts';
import type { DrugIdentity } from './recognizeMedication.ts';

const DAY = 86_400_000;
/** A new order starting within this long after the last one ended continues the same episode (a renewal). */
export const RENEWAL_GAP_DAYS = 14;
/** A stopped order without a stop date is taken to last until the next order of the drug, if that comes within this. */
export const UNDATED_STOP_HORIZON_DAYS = 365;
/** One drug stopping within this window around another's start (same group) is a switch. */
export const SWITCH_WINDOW_DAYS = { before: 14, after: 28 };
/** An added drug is augmentation only if the antidepressant it joins continues at least this long. */
export const AUGMENTATION_OVERLAP_DAYS = 28;

export type TreatmentEventKind = 'start' | 'dose-change' | 'switch' | 'augmentation' | 'stop';

export interface TreatmentEvent {
  kind: TreatmentEventKind;
  instant: number;
  localDate: string | undefined;
  /** Drug the event is about (the new drug for a switch). */
  drug: string;
  /** Short, for a chart marker: "sertraline 50→100 mg". */
  label: string;
  /** A sentence for the events table and tooltips. */
  description: string;
  references: string[];
}

export interface DoseStep {
  from: DatePoint;
  dose: Dose | undefined;
  reference: string;
}

export interface MedicationEpisode {
  id: string;
  drug: DrugIdentity;
  /** Names the orders used, as written. */
  names: string[];
  start: DatePoint;
  /** Known end; may lie after `now` (a planned end). */
  end: DatePoint | undefined;
  /** Stopped, but no record says when. */
  stopDateUnknown: boolean;
  steps: DoseStep[];
  orders: MedicationOrder[];
  problems: string[];
}

export interface MedicationTimeline {
  /** Psychotropic episodes, oldest first. */
  episodes: MedicationEpisode[];
  /** Up to `now`, oldest first. */
  events: TreatmentEvent[];
  /** Psychotropic orders with no start date (listed, not placed in time). */
  undated: MedicationOrder[];
  /** Every other medication, newest first. */
  others: MedicationOrder[];
  ignored: IgnoredRecord[];
  unreadable: UnreadableRecord[];
}

type Group = PsychotropicClass | 'antidepressant';

function groupOf(cls: PsychotropicClass): Group {
  return ANTIDEPRESSANT_CLASSES.has(cls) ? 'antidepressant' : cls;
}

/** Classes that, added to a continuing antidepressant, are augmentation rather than a new treatment. */
const AUGMENTING: ReadonlySet<PsychotropicClass> = new Set(['ssri', 'snri', 'other-antidepressant', 'tricyclic', 'antipsychotic', 'mood-stabilizer', 'anxiolytic']);

function isOpen(order: MedicationOrder): boolean {
  return !order.end && !order.endUnknown;
}

function date(point: DatePoint): string {
  return point.localDate ?? point.written;
}

function withDose(name: string, dose: Dose | undefined): string {
  return dose ? `${name} ${dose.label}` : name;
}

/** "the 50 mg order of 2025-01-06": how a clinician names an order. */
function orderWords(order: MedicationOrder): string {
  return `the ${order.dose ? `${order.dose.label} ` : ''}order of ${order.start ? date(order.start) : 'unknown date'}`;
}

function byStart(a: MedicationOrder, b: MedicationOrder): number {
  return (a.start?.instant ?? 0) - (b.start?.instant ?? 0) || a.reference.localeCompare(b.reference);
}

/** Whether `next` continues the episode whose newest order is `latest`. */
function continues(latest: MedicationOrder, next: MedicationOrder): boolean {
  const nextStart = (next.start as DatePoint).instant;
  if (isOpen(latest)) return true;
  if (latest.end) return nextStart <= latest.end.instant + RENEWAL_GAP_DAYS * DAY;
  return nextStart - (latest.start as DatePoint).instant <= UNDATED_STOP_HORIZON_DAYS * DAY;
}

function episodesOfDrug(orders: MedicationOrder[]): MedicationEpisode[] {
  const episodes: MedicationEpisode[] = [];
  let latest: MedicationOrder | undefined;
  for (const order of [...orders].sort(byStart)) {
    const start = order.start as DatePoint;
    const current = episodes[episodes.length - 1];
    if (current && latest && continues(latest, order)) {
      const step = current.steps[current.steps.length - 1] as DoseStep;
      const overlapping = isOpen(latest) || (latest.end !== undefined && latest.end.instant > start.instant + DAY);
      if (latest.endUnknown) current.problems.push(`${orderWords(latest)} is ${latest.status} without a stop date: taken to have lasted until ${orderWords(order)}`);
      if (order.dose && step.dose && !sameDose(order.dose, step.dose)) {
        current.steps.push({ from: start, dose: order.dose, reference: order.reference });
        if (overlapping) current.problems.push(`${orderWords(latest)} was still open when ${orderWords(order)} began: the newer order is taken as the current dose`);
      } else if (order.dose && !step.dose) {
        step.dose = order.dose;
      } else if (overlapping && isOpen(latest)) {
        current.problems.push(`${orderWords(order)} overlaps ${orderWords(latest)} at the same dose: counted once`);
      }
      current.orders.push(order);
      if (!current.names.includes(order.name)) current.names.push(order.name);
      latest = order;
    } else {
      episodes.push({
        id: `${(order.drug as DrugIdentity).key}#${episodes.length + 1}`,
        drug: order.drug as DrugIdentity,
        names: [order.name],
        start,
        end: undefined,
        stopDateUnknown: false,
        steps: [{ from: start, dose: order.dose, reference: order.reference }],
        orders: [order],
        problems: [],
      });
      latest = order;
    }
    // The newest order says how the episode ends (an older order left open is superseded).
    const episode = episodes[episodes.length - 1] as MedicationEpisode;
    episode.end = order.end;
    episode.stopDateUnknown = order.endUnknown;
  }
  return episodes;
}

export function isOngoing(episode: MedicationEpisode, now: Date): boolean {
  if (episode.start.instant > now.getTime()) return false;
  if (episode.stopDateUnknown) return false;
  return !episode.end || episode.end.instant > now.getTime();
}

export function currentDose(episode: MedicationEpisode, now: Date): Dose | undefined {
  const steps = episode.steps.filter((s) => s.from.instant <= now.getTime());
  return (steps[steps.length - 1] ?? episode.steps[0])?.dose;
}

function stopEvent(episode: MedicationEpisode): TreatmentEvent | undefined {
  if (!episode.end) return undefined;
  const last = episode.orders[episode.orders.length - 1] as MedicationOrder;
  return {
    kind: 'stop',
    instant: episode.end.instant,
    localDate: episode.end.localDate,
    drug: episode.drug.name,
    label: `${episode.drug.name} stopped`,
    description: `${episode.drug.name} stopped`,
    references: [last.reference],
  };
}

function overlapsAt(episode: MedicationEpisode, instant: number, forAtLeast: number): boolean {
  if (episode.start.instant >= instant - DAY) return false;
  if (episode.stopDateUnknown) return false;
  return !episode.end || episode.end.instant >= instant + forAtLeast;
}

/** Events of all episodes, with switches and augmentations recognised across drugs. */
function eventsOf(episodes: MedicationEpisode[], now: Date): TreatmentEvent[] {
  const events: TreatmentEvent[] = [];
  const switchedAway = new Set<MedicationEpisode>();
  const seenDrugs = new Set<string>();
  for (const episode of episodes) {
    const first = episode.steps[0] as DoseStep;
    const name = episode.drug.name;
    const group = groupOf(episode.drug.class);
    const previous = episodes.find(
      (p) =>
        p !== episode &&
        p.drug.key !== episode.drug.key &&
        !switchedAway.has(p) &&
        groupOf(p.drug.class) === group &&
        p.end !== undefined &&
        p.start.instant < episode.start.instant &&
        p.end.instant >= episode.start.instant - SWITCH_WINDOW_DAYS.before * DAY &&
        p.end.instant <= episode.start.instant + SWITCH_WINDOW_DAYS.after * DAY,
    );
    const base = { instant: episode.start.instant, localDate: episode.start.localDate, drug: name, references: [first.reference] };
    if (previous) {
      switchedAway.add(previous);
      events.push({
        ...base,
        kind: 'switch',
        label: `${previous.drug.name}→${withDose(name, first.dose)}`,
        description: `Switched from ${previous.drug.name} to ${withDose(name, first.dose)} (${previous.drug.name} stopped ${date(previous.end as DatePoint)})`,
        references: [first.reference, (previous.orders[previous.orders.length - 1] as MedicationOrder).reference],
      });
    } else {
      const joined = AUGMENTING.has(episode.drug.class)
        ? episodes.find(
            (a) =>
              a !== episode && a.drug.key !== episode.drug.key && ANTIDEPRESSANT_CLASSES.has(a.drug.class) && overlapsAt(a, episode.start.instant, AUGMENTATION_OVERLAP_DAYS * DAY),
          )
        : undefined;
      if (joined) {
        events.push({
          ...base,
          kind: 'augmentation',
          label: `+${withDose(name, first.dose)}`,
          description: `${withDose(name, first.dose)} added to ${joined.drug.name} (augmentation)`,
        });
      } else {
        const again = seenDrugs.has(episode.drug.key);
        events.push({
          ...base,
          kind: 'start',
          label: `${withDose(name, first.dose)} ${again ? 'restarted' : 'started'}`,
          description: `${withDose(name, first.dose)} ${again ? 'restarted' : 'started'}`,
        });
      }
    }
    seenDrugs.add(episode.drug.key);
    for (let i = 1; i < episode.steps.length; i++) {
      const from = episode.steps[i - 1]?.dose;
      const step = episode.steps[i] as DoseStep;
      if (!from || !step.dose) continue;
      const up = step.dose.amount * (step.dose.timesPerDay ?? 1) > from.amount * (from.timesPerDay ?? 1);
      events.push({
        kind: 'dose-change',
        instant: step.from.instant,
        localDate: step.from.localDate,
        drug: name,
        label: `${name} ${doseChangeWords(from, step.dose)}`,
        description: `${name} dose ${up ? 'increased' : 'decreased'} from ${from.label} to ${step.dose.label}`,
        references: [step.reference],
      });
    }
  }
  for (const episode of episodes) {
    if (switchedAway.has(episode)) continue;
    const stop = stopEvent(episode);
    if (stop) events.push(stop);
  }
  const order: Record<TreatmentEventKind, number> = { stop: 0, switch: 1, start: 2, augmentation: 3, 'dose-change': 4 };
  return events.filter((e) => e.instant <= now.getTime()).sort((a, b) => a.instant - b.instant || order[a.kind] - order[b.kind] || a.drug.localeCompare(b.drug));
}

/** Builds the timeline from read orders; `now` decides which events have happened. */
export function buildMedicationTimeline(read: MedicationReadResult, options: { now: Date }): MedicationTimeline {
  const byDrug = new Map<string, MedicationOrder[]>();
  const undated: MedicationOrder[] = [];
  const others: MedicationOrder[] = [];
  for (const order of read.orders) {
    if (!order.drug) others.push(order);
    else if (!order.start) undated.push(order);
    else byDrug.set(order.drug.key, [...(byDrug.get(order.drug.key) ?? []), order]);
  }
  const episodes = [...byDrug.values()].flatMap(episodesOfDrug).sort((a, b) => a.start.instant - b.start.instant || a.drug.key.localeCompare(b.drug.key));
  return {
    episodes,
    events: eventsOf(episodes, options.now),
    undated,
    others: others.sort((a, b) => (b.start?.instant ?? -Infinity) - (a.start?.instant ?? -Infinity)),
    ignored: read.ignored,
    unreadable: read.unreadable,
  };
}

export interface CurrentPsychotropic {
  drug: string;
  class: PsychotropicClass;
  classLabel: string;
  dose: Dose | undefined;
  /** "sertraline 100 mg". */
  label: string;
  /** Local date the current episode began. */
  since: string;
}

/** The psychotropics a patient is on at `now` (for the review queue and the view), by start. */
export function currentPsychotropics(timeline: MedicationTimeline, now: Date): CurrentPsychotropic[] {
  return timeline.episodes
    .filter((e) => isOngoing(e, now))
    .map((e) => {
      const dose = currentDose(e, now);
      return { drug: e.drug.name, class: e.drug.class, classLabel: PSYCHOTROPIC_CLASS_LABELS[e.drug.class], dose, label: withDose(e.drug.name, dose), since: date(e.start) };
    });
}
