/**
 * The Program tab's data: the population's patients, read through the caseload's batched
 * reads (records) and the batched Encounter search (visits), turned into the program model
 * as batches arrive so the table fills progressively. Lives outside React like the caseload
 * store; the tab subscribes.
 */
import { buildProgramPatient, type EncounterRead, type ProgramPatient } from '../clinical/program';
import { BATCH_SIZE, CONCURRENCY } from '../caseload/data/caseloadStore';
import { clinicTimeZone } from '../config/runtimeConfig';
import { localDateOf } from '../clinical';
import { batches, createLimiter, readCaseloadBatch } from '../fhir/reads/caseloadBatch';
import { findEnrolledPatients, readPatientList } from '../fhir/reads/caseloadSources';
import { readAllVisits, readEncounterBatch } from '../fhir/reads/encounterBatch';
import type { Session } from '../fhir/session';
import { errorMessage } from '../shared/ErrorNote';
import type { PatientRecords } from '../clinical/caseload';
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

const PUBLISH_MS = 200;

/** What the user set on the tab, kept with the data so Back from a chart returns to it. */
export interface ProgramUiState {
  startText: string;
  endText: string;
  population: string;
  stratifyBy: string;
  suppress: boolean;
}

const stores = new WeakMap<Session, ProgramStore>();

/** One store per session: opening a chart and coming back keeps the data read (and the tab's state). */
export function programStoreFor(session: Session, visitRange: { start: string; end: string }): ProgramStore {
  let store = stores.get(session);
  if (!store) {
    store = new ProgramStore(session, { kind: 'program' }, visitRange);
    stores.set(session, store);
  }
  return store;
}

export class ProgramStore {
  private records = new Map<string, PatientRecords>();
  private visits = new Map<string, EncounterRead>();
  /** Each patient's model with the records and visits it was built from: rebuilt only when either changes. */
  private built = new Map<string, { records: PatientRecords; visits: EncounterRead | undefined; patient: ProgramPatient }>();
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
  private readonly limit = createLimiter(CONCURRENCY);
  private readonly timeZone: string;
  private kept: ProgramUiState | undefined;

  constructor(
    private readonly session: Session,
    private source: PopulationSource,
    private visitRange: { start: string; end: string },
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.timeZone = clinicTimeZone(session.settings);
  }

  getSnapshot = (): ProgramSnapshot => this.snapshot;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    if (!this.controller) this.load();
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

  setSource(source: PopulationSource): void {
    this.source = source;
    this.records.clear();
    this.visits.clear();
    this.built.clear();
    this.order = [];
    this.load();
  }

  /** Visits cover a date range; a period outside it reads the population again for the wider range. */
  ensureVisits(range: { start: string; end: string }): void {
    if (range.start >= this.visitRange.start && range.end <= this.visitRange.end) return;
    this.visitRange = { start: range.start < this.visitRange.start ? range.start : this.visitRange.start, end: range.end > this.visitRange.end ? range.end : this.visitRange.end };
    this.setSource(this.source);
  }

  /** A patient's Patient and Observations when they were read completely: the quality measures reuse them. */
  sharedRecords(id: string): { patient: Patient; observations: readonly Observation[] } | undefined {
    const r = this.records.get(id);
    return r?.patient && r.failures.length === 0 ? { patient: r.patient, observations: r.observations } : undefined;
  }

  dispose(): void {
    this.controller?.abort();
    if (this.timer) clearTimeout(this.timer);
  }

  private load(): void {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const { signal } = controller;
    this.snapshot = { ...this.snapshot, status: 'finding', problem: undefined, total: undefined, patients: [], loaded: 0 };
    this.publishNow();
    const queued = new Set<string>();
    const pending: Promise<unknown>[] = [];
    const read = (ids: string[], withVisits: boolean) => {
      const fresh = ids.filter((id) => !queued.has(id));
      fresh.forEach((id) => queued.add(id));
      this.order.push(...fresh);
      for (const batch of batches(fresh, BATCH_SIZE)) {
        pending.push(this.readRecords(batch, signal));
        if (withVisits) pending.push(this.readVisits(batch, signal));
      }
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
          for (const batch of batches([...queued], BATCH_SIZE)) pending.push(this.readVisits(batch, signal));
        }
      } else {
        const list = await readPatientList(this.session.api, this.source.reference, signal);
        read(list.ids, true);
        title = list.title;
      }
      this.snapshot = { ...this.snapshot, status: 'loading', title, total: queued.size, truncated, visitsAcrossPatients: across };
      this.publish();
      await Promise.all(pending);
      if (signal.aborted) return;
      this.snapshot = { ...this.snapshot, status: 'done' };
      this.publishNow();
    };
    run().catch((error: unknown) => {
      if (signal.aborted) return;
      this.snapshot = { ...this.snapshot, status: 'refused', problem: errorMessage(error) };
      this.publishNow();
    });
  }

  private async readRecords(ids: string[], signal: AbortSignal): Promise<void> {
    try {
      const list = await readCaseloadBatch(this.session.api, ids, this.limit, signal);
      for (const r of list) this.records.set(r.patientId, r);
    } catch (error) {
      if (signal.aborted) return;
      for (const id of ids)
        this.records.set(id, { patientId: id, patient: undefined, observations: [], questionnaireResponses: [], questionnaires: [], flags: [], failures: [errorMessage(error)] });
    }
    this.publish();
  }

  private async readVisits(ids: string[], signal: AbortSignal): Promise<void> {
    try {
      const read = await readEncounterBatch(this.session.api, ids, this.visitRange, this.limit, signal);
      for (const [id, r] of read) {
        this.visits.set(id, r);
      }
    } catch {
      return;
    }
    this.publish();
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
    const today = localDateOf(this.clock(), this.timeZone);
    const { registry, clinical } = this.session.settings.program;
    const patients: ProgramPatient[] = [];
    let loaded = 0;
    for (const id of this.order) {
      const records = this.records.get(id);
      if (!records) continue;
      const visits = this.visits.get(id);
      if (visits) loaded++;
      const cached = this.built.get(id);
      let p = cached?.patient;
      if (!cached || cached.records !== records || cached.visits !== visits) {
        p = buildProgramPatient(records, visits, {
          today,
          timeZone: this.timeZone,
          ...(registry ? { registrySettings: registry } : {}),
          ...(clinical?.countPreliminaryInCourse ? { countPreliminary: true } : {}),
        });
        this.built.set(id, { records, visits, patient: p });
      }
      if (p) patients.push(p);
    }
    this.snapshot = { ...this.snapshot, patients, loaded };
    this.listeners.forEach((l) => l());
  }
}
