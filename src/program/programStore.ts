/**
 * The Program tab's data: the population's patients (their records through the session's
 * population, shared with the caseload and the review queue: a patient the caseload has read
 * is not read again) and the batched Encounter search (visits), turned into the program model
 * as batches arrive so the table fills progressively. Lives outside React like the caseload
 * store; the tab subscribes.
 */
import { withVisits, type EncounterRead, type ProgramPatient } from '../clinical/program';
import { populationFor, BATCH_SIZE, type Population } from '../caseload/data/population';
import { clinicTimeZone } from '../config/runtimeConfig';
import { batches } from '../fhir/reads/caseloadBatch';
import { findEnrolledPatients, readPatientList } from '../fhir/reads/caseloadSources';
import { readAllVisits, readEncounterBatch } from '../fhir/reads/encounterBatch';
import type { Session } from '../fhir/session';
import { errorMessage } from '../shared/ErrorNote';
import { onePer } from '../shared/onePer';
import type { Observation, Patient } from '@medplum/fhirtypes';

/** The whole program (everyone ever enrolled) or the patients of a List / Group. */
export type PopulationSource = { kind: 'program' } | { kind: 'list'; reference: string };

export interface ProgramSnapshot {
  readonly status: 'finding' | 'loading' | 'done' | 'refused';
  readonly problem: string | undefined;
  readonly title: string;
  readonly total: number | undefined;
  readonly truncated: boolean;
  /** The EHR listed visits across patients: the screening rows count everyone seen in the period. */
  readonly visitsAcrossPatients: boolean;
  readonly patients: readonly ProgramPatient[];
  /** Patients whose records and visits have both arrived (or failed). */
  readonly loaded: number;
}

/**
 * Arriving batches are published twice a second, whatever the population's size: the tab
 * computes only the new groups' figures, in slices (programCompute.ts), but each update still
 * renders the tab once, synchronously. The last update (all read) is published at once.
 */
const PUBLISH_MS = 500;

/** What the user set on the tab, kept with the data so Back from a chart returns to it. */
export interface ProgramUiState {
  startText: string;
  endText: string;
  population: string;
  stratifyBy: string;
  suppress: boolean;
}

/** One store per session: opening a chart and coming back keeps the data read (and the tab's state). */
export const programStoreFor = onePer((session: Session, visitRange: { start: string; end: string }) => new ProgramStore(session, { kind: 'program' }, visitRange));

export class ProgramStore {
  private visits = new Map<string, EncounterRead>();
  /** Each patient's model with the record model and visits it was built from: rebuilt only when either changes. */
  private built = new Map<string, { base: ProgramPatient; visits: EncounterRead | undefined; patient: ProgramPatient }>();
  private order: string[] = [];
  private snapshot: ProgramSnapshot = {
    status: 'finding',
    problem: undefined,
    title: '',
    total: undefined,
    truncated: false,
    visitsAcrossPatients: false,
    patients: [],
    loaded: 0,
  };
  private listeners = new Set<() => void>();
  private controller: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly records: Population;
  private unsubscribe: (() => void) | undefined;
  private readonly timeZone: string;
  private kept: ProgramUiState | undefined;
  /** Finding is over and every visit search has answered (records come from the population). */
  private found = false;
  private visitBatchesPending = 0;

  constructor(
    private readonly session: Session,
    private source: PopulationSource,
    private visitRange: { start: string; end: string },
    clock: () => Date = () => new Date(),
  ) {
    this.timeZone = clinicTimeZone(session.settings);
    this.records = populationFor(session, clock);
  }

  getSnapshot = (): ProgramSnapshot => this.snapshot;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    if (this.controller) return;
    // The tab is waiting: the population builds program models as batches arrive.
    this.records.wantProgram();
    this.unsubscribe = this.records.subscribe(() => this.update());
    this.load();
  }

  get ui(): ProgramUiState | undefined {
    return this.kept;
  }

  keepUi(ui: ProgramUiState): void {
    this.kept = ui;
  }

  get population(): PopulationSource {
    return this.source;
  }

  /** Another population, or the same read again ("Read again"): every patient is read again from the EHR. */
  setSource(source: PopulationSource): void {
    this.source = source;
    this.records.reload();
    this.reset();
  }

  /** Visits cover a date range; a period outside it reads the visits again for the wider range (records are kept). */
  ensureVisits(range: { start: string; end: string }): void {
    if (range.start >= this.visitRange.start && range.end <= this.visitRange.end) return;
    this.visitRange = { start: range.start < this.visitRange.start ? range.start : this.visitRange.start, end: range.end > this.visitRange.end ? range.end : this.visitRange.end };
    this.reset();
  }

  /** A patient's Patient and Observations when they were read completely: the quality measures reuse them. */
  sharedRecords(id: string): { patient: Patient; observations: readonly Observation[] } | undefined {
    return this.records.shared(id);
  }

  dispose(): void {
    this.controller?.abort();
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
  }

  private reset(): void {
    this.visits.clear();
    this.built.clear();
    this.order = [];
    this.load();
  }

  private load(): void {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    this.found = false;
    this.visitBatchesPending = 0;
    this.snapshot = { ...this.snapshot, status: 'finding', problem: undefined, total: undefined, patients: [], loaded: 0 };
    this.publishNow();
    const queued = new Set<string>();
    const read = (ids: string[], withVisits: boolean) => {
      const fresh = ids.filter((id) => !queued.has(id));
      fresh.forEach((id) => queued.add(id));
      this.order.push(...fresh);
      this.records.read(fresh, 'program');
      if (withVisits) for (const batch of batches(fresh, BATCH_SIZE)) this.readVisits(batch, signal);
    };
    const run = async () => {
      let title: string;
      let truncated = false;
      let across = false;
      if (this.source.kind === 'program') {
        // Everyone seen in the period (screening rows), where the EHR lists visits across patients.
        const allVisits = readAllVisits(this.session.api, this.visitRange, signal, (ids) => read(ids, false)).catch(() => undefined);
        const found = await findEnrolledPatients(this.session.api, (ids) => read(ids, false), signal, { includeEnded: true });
        title = 'Whole program';
        truncated = found.truncated;
        const visits = await allVisits;
        if (signal.aborted) return;
        if (visits) {
          across = true;
          for (const id of queued) this.visits.set(id, { encounters: visits.get(id) ?? [] });
        } else {
          for (const batch of batches([...queued], BATCH_SIZE)) this.readVisits(batch, signal);
        }
      } else {
        const list = await readPatientList(this.session.api, this.source.reference, signal);
        read(list.ids, true);
        title = list.title;
      }
      if (signal.aborted) return;
      this.found = true;
      this.snapshot = { ...this.snapshot, status: 'loading', title, total: queued.size, truncated, visitsAcrossPatients: across };
      this.publishNow();
    };
    run().catch((error: unknown) => {
      if (signal.aborted) return;
      this.snapshot = { ...this.snapshot, status: 'refused', problem: errorMessage(error) };
      this.publishNow();
    });
  }

  private readVisits(ids: string[], signal: AbortSignal): void {
    this.visitBatchesPending++;
    readEncounterBatch(this.session.api, ids, this.visitRange, this.records.limit, signal)
      .then((read) => {
        for (const [id, r] of read) this.visits.set(id, r);
      })
      .catch(() => undefined)
      .finally(() => {
        if (signal.aborted) return;
        this.visitBatchesPending--;
        this.update();
      });
  }

  /** Every patient's records and visits have arrived (the population may have read them for another view). */
  private complete(): boolean {
    return this.found && this.visitBatchesPending === 0 && this.order.every((id) => this.records.isFresh(id, 'program'));
  }

  /** Published at once when the last read is in, else with the next coalesced update. */
  private update(): void {
    if (this.snapshot.status === 'loading' && this.complete()) this.publishNow();
    else this.publish();
  }

  private publish(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.publishNow();
    }, PUBLISH_MS);
  }

  private publishNow(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    const patients: ProgramPatient[] = [];
    let loaded = 0;
    for (const id of this.order) {
      const base = this.records.program(id);
      if (!base) continue;
      const visits = this.visits.get(id);
      if (visits) loaded++;
      const cached = this.built.get(id);
      let p = cached?.patient;
      if (!p || cached?.base !== base || cached.visits !== visits) {
        p = withVisits(base, visits, this.timeZone);
        this.built.set(id, { base, visits, patient: p });
      }
      patients.push(p);
    }
    const done = this.snapshot.status === 'loading' && this.complete();
    this.snapshot = { ...this.snapshot, patients, loaded, ...(done ? { status: 'done' as const } : {}) };
    this.listeners.forEach((l) => l());
  }
}
