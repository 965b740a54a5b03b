/**
 * Runs CMS159 and CMS2 over a population for the Program tab, outside React: reads each batch
 * of patients' measure records through src/fhir, and evaluates it in two Web Workers (one per
 * measure, so both cores work), reading the next batch while the engines run. What the Program
 * tab has already read (Patients, and the PHQ-9 Observations among its score searches) is taken
 * from it instead of being searched again. Subscribers hear each batch.
 */
import type { Observation, Patient, Resource } from '@medplum/fhirtypes';
import type { FhirApi } from '../../../fhir/fhirApi';
import { readMeasureRecords, type MeasureRecordsBatch } from '../../../fhir/reads/measureRecords';
import type { PatientResult } from '../engine';
import { MEASURE_IDS, type MeasureId, type MeasurementPeriod } from '../measures';
import { patientBundles } from '../patientBundles';
import { createWorkerRunner, type MeasureRunner } from '../worker/workerClient';

/** Patients per read and per engine call. */
export const ECQM_BATCH = 25;

/** A patient's records another part of the app read completely, to be reused. */
export interface SharedRecords {
  patient: Patient;
  observations: readonly Observation[];
}

export interface EcqmSnapshot {
  readonly status: 'idle' | 'running' | 'done' | 'failed';
  readonly done: number;
  readonly total: number;
  readonly results: Readonly<Record<MeasureId, readonly PatientResult[]>>;
  /** Resource types the EHR did not give, with its words. */
  readonly unavailable: readonly { resourceType: string; reason: string }[];
  readonly message?: string;
}

export interface EcqmRunInput {
  api: FhirApi;
  ids: readonly string[];
  period: MeasurementPeriod;
  /** The patient's records already read in full, or undefined (then everything is read here). */
  shared: (id: string) => SharedRecords | undefined;
  /** The Observation codes `shared` holds all of, for those patients. */
  sharedObservationCodes: readonly string[];
}

const IDLE: EcqmSnapshot = { status: 'idle', done: 0, total: 0, results: { CMS159: [], CMS2: [] }, unavailable: [] };

export class EcqmRun {
  private snapshot: EcqmSnapshot = IDLE;
  private listeners = new Set<() => void>();
  private controller: AbortController | undefined;
  private runners: Record<MeasureId, MeasureRunner> | undefined;
  private key = '';

  getSnapshot = (): EcqmSnapshot => this.snapshot;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts over for this population and period (nothing happens when both are unchanged). */
  start(input: EcqmRunInput): void {
    const key = `${input.period.start}/${input.period.end}/${input.ids.join(',')}`;
    if (key === this.key && this.snapshot.status !== 'failed') return;
    this.key = key;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.runners ??= { CMS159: createWorkerRunner(), CMS2: createWorkerRunner() };
    this.run(input, this.runners, controller.signal).catch((error: unknown) => {
      if (controller.signal.aborted) return;
      this.set({ ...this.snapshot, status: 'failed', message: error instanceof Error ? error.message : 'The quality measures could not be calculated.' });
    });
  }

  dispose(): void {
    this.controller?.abort();
    if (this.runners) for (const id of MEASURE_IDS) this.runners[id].dispose();
    this.runners = undefined;
    this.key = '';
  }

  private set(next: EcqmSnapshot): void {
    this.snapshot = next;
    this.listeners.forEach((l) => l());
  }

  private async read(input: EcqmRunInput, batch: readonly string[], signal: AbortSignal): Promise<{ resources: Resource[]; unavailable: MeasureRecordsBatch['unavailable'] }> {
    const shared = batch.filter((id) => input.shared(id) !== undefined);
    const rest = batch.filter((id) => input.shared(id) === undefined);
    const codes = new Set(input.sharedObservationCodes);
    const [fromShared, fromRest] = await Promise.all([
      shared.length ? readMeasureRecords(input.api, shared, undefined, signal, { patients: true, observationCodes: input.sharedObservationCodes }) : undefined,
      rest.length ? readMeasureRecords(input.api, rest, undefined, signal) : undefined,
    ]);
    const resources: Resource[] = [];
    for (const id of shared) {
      const s = input.shared(id)!;
      resources.push(s.patient, ...s.observations.filter((o) => o.code.coding?.some((c) => c.code !== undefined && codes.has(c.code))));
    }
    for (const read of [fromShared, fromRest]) if (read) for (const list of read.records.values()) resources.push(...list);
    return { resources, unavailable: [...(fromShared?.unavailable ?? []), ...(fromRest?.unavailable ?? [])] };
  }

  private async run(input: EcqmRunInput, runners: Record<MeasureId, MeasureRunner>, signal: AbortSignal): Promise<void> {
    const results: Record<MeasureId, PatientResult[]> = { CMS159: [], CMS2: [] };
    const unavailable = new Map<string, string>();
    const total = input.ids.length;
    let done = 0;
    const publish = (status: EcqmSnapshot['status']) =>
      this.set({ status, done, total, results: { CMS159: [...results.CMS159], CMS2: [...results.CMS2] }, unavailable: [...unavailable].map(([resourceType, reason]) => ({ resourceType, reason })) });
    publish('running');
    const batches: string[][] = [];
    for (let i = 0; i < input.ids.length; i += ECQM_BATCH) batches.push(input.ids.slice(i, i + ECQM_BATCH));
    // The next batch is read while the engines work on this one.
    let next = batches.length ? this.read(input, batches[0]!, signal) : undefined;
    for (let i = 0; i < batches.length; i++) {
      const read = await next!;
      signal.throwIfAborted();
      next = i + 1 < batches.length ? this.read(input, batches[i + 1]!, signal) : undefined;
      // A rejected read of the next batch is met when it is awaited, not as an unhandled rejection now.
      next?.catch(() => undefined);
      for (const u of read.unavailable) if (!unavailable.has(u.resourceType)) unavailable.set(u.resourceType, u.reason);
      const bundles = patientBundles(read.resources);
      const runs = await Promise.all(MEASURE_IDS.map((m) => runners[m].evaluate(m, bundles, input.period)));
      signal.throwIfAborted();
      MEASURE_IDS.forEach((m, j) => results[m].push(...runs[j]!.results));
      done += batches[i]!.length;
      publish('running');
    }
    publish('done');
  }
}

const runs = new WeakMap<object, EcqmRun>();

/** One run per session: going to a chart and back keeps the results (and the workers). */
export function ecqmRunFor(session: object): EcqmRun {
  let run = runs.get(session);
  if (!run) {
    run = new EcqmRun();
    runs.set(session, run);
  }
  return run;
}
