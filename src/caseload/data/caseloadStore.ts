/**
 * The caseload's data for the life of the app: which patients (the source), their rows, and
 * the loading progress. Lives outside React so that opening a patient and coming back keeps
 * everything; the views subscribe (useSyncExternalStore). Rows are computed once per patient
 * and data version: a patient is re-read (and its row recomputed) only after a write to it.
 */
import { rowOptions } from '../../config/rowOptions';
import { buildCaseloadRow, type CaseloadRow, failedRow, type PatientRecords } from '../../clinical/caseload';
import { batches, createLimiter, readCaseloadBatch } from '../../fhir/reads/caseloadBatch';
import { findEnrolledPatients, readPatientList } from '../../fhir/reads/caseloadSources';
import type { Session } from '../../fhir/session';
import { errorMessage } from '../../shared/ErrorNote';

export type CaseloadSource = { kind: 'registry' } | { kind: 'list'; reference: string };

export type SourceState =
  | { status: 'finding' }
  | { status: 'found'; title: string; total: number; truncated: boolean }
  /** The EHR refused (typically: no searches across patients): the user picks a patient list. */
  | { status: 'refused'; reason: string };

export interface CaseloadSnapshot {
  source: CaseloadSource;
  sourceState: SourceState;
  /** In the order they arrived; the grid sorts. */
  rows: readonly CaseloadRow[];
  /** Patients whose records have been read (or failed). */
  loaded: number;
  /** Milliseconds from the start of loading to the first rows and to the last (for the progress note). */
  timings: { firstRowsMs?: number; allRowsMs?: number };
}

/** Patients per `patient=a,b,c` request, and requests in flight at once. */
export const BATCH_SIZE = 20;
export const CONCURRENCY = 6;
/** Views are re-rendered at most this often while rows stream in. */
const PUBLISH_MS = 150;

export class CaseloadStore {
  private rows = new Map<string, CaseloadRow>();
  private order: string[] = [];
  private sourceState: SourceState = { status: 'finding' };
  private snapshot: CaseloadSnapshot;
  private listeners = new Set<() => void>();
  private controller: AbortController | undefined;
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private startedAt = 0;
  private timings: CaseloadSnapshot['timings'] = {};
  /** Shared by the caseload's other batched reads (the review queue's medications). */
  readonly limit = createLimiter(CONCURRENCY);

  constructor(
    private readonly session: Session,
    private source: CaseloadSource,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.snapshot = this.makeSnapshot();
  }

  getSnapshot = (): CaseloadSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts loading once; later calls keep what is loaded. */
  start(): void {
    if (this.controller) return;
    this.load();
  }

  /** Switches to another source and loads it from scratch. */
  setSource(source: CaseloadSource): void {
    this.controller?.abort();
    this.source = source;
    this.rows.clear();
    this.order = [];
    this.timings = {};
    this.sourceState = { status: 'finding' };
    this.publishNow();
    this.load();
  }

  /** Re-reads one patient after a write; its row is replaced when the answer comes. */
  async refreshPatient(patientId: string): Promise<void> {
    const [records] = await readCaseloadBatch(this.session.api, [patientId], this.limit);
    if (records) this.put(this.rowOf(records));
    this.publishNow();
  }

  /** Adds a patient the user just enrolled (the registry search would find them next time). */
  async addPatient(patientId: string): Promise<void> {
    if (!this.rows.has(patientId)) this.order.push(patientId);
    await this.refreshPatient(patientId);
  }

  dispose(): void {
    this.controller?.abort();
    if (this.publishTimer) clearTimeout(this.publishTimer);
  }

  private load(): void {
    const controller = new AbortController();
    this.controller = controller;
    const signal = controller.signal;
    this.startedAt = performance.now();
    const pending: Promise<void>[] = [];
    const queued = new Set<string>();
    const readPatients = (ids: string[]) => {
      const fresh = ids.filter((id) => !queued.has(id));
      fresh.forEach((id) => queued.add(id));
      for (const batch of batches(fresh, BATCH_SIZE)) pending.push(this.readBatch(batch, signal));
    };
    const finish = async (title: string, total: number, truncated: boolean) => {
      this.sourceState = { status: 'found', title, total, truncated };
      this.publish();
      await Promise.all(pending);
      if (signal.aborted) return;
      this.timings.allRowsMs ??= performance.now() - this.startedAt;
      this.publishNow();
    };
    const run = async () => {
      if (this.source.kind === 'registry') {
        const found = await findEnrolledPatients(this.session.api, readPatients, signal);
        await finish('the collaborative care registry', found.ids.length, found.truncated);
      } else {
        const list = await readPatientList(this.session.api, this.source.reference, signal);
        readPatients(list.ids);
        await finish(list.title, list.ids.length, false);
      }
    };
    run().catch((error: unknown) => {
      if (signal.aborted) return;
      this.sourceState = { status: 'refused', reason: errorMessage(error) };
      this.publishNow();
    });
  }

  private async readBatch(ids: string[], signal: AbortSignal): Promise<void> {
    try {
      const records = await readCaseloadBatch(this.session.api, ids, this.limit, signal);
      for (const r of records) this.put(this.rowOf(r));
    } catch (error) {
      if (signal.aborted) return;
      for (const id of ids) this.put(failedRow(id, errorMessage(error)));
    }
    this.timings.firstRowsMs ??= performance.now() - this.startedAt;
    this.publish();
  }

  private rowOf(records: PatientRecords): CaseloadRow {
    return buildCaseloadRow(records, rowOptions(this.session.settings, this.clock()));
  }

  private put(row: CaseloadRow): void {
    if (!this.rows.has(row.id) && !this.order.includes(row.id)) this.order.push(row.id);
    this.rows.set(row.id, row);
  }

  /** Coalesces updates: a grid re-render per batch of 20 would be wasted work at 1,000 rows. */
  private publish(): void {
    if (this.publishTimer) return;
    this.publishTimer = setTimeout(() => {
      this.publishTimer = undefined;
      this.publishNow();
    }, PUBLISH_MS);
  }

  private publishNow(): void {
    if (this.publishTimer) {
      clearTimeout(this.publishTimer);
      this.publishTimer = undefined;
    }
    this.snapshot = this.makeSnapshot();
    this.listeners.forEach((l) => l());
  }

  private makeSnapshot(): CaseloadSnapshot {
    const rows = this.order.map((id) => this.rows.get(id)).filter((r): r is CaseloadRow => r !== undefined);
    return { source: this.source, sourceState: this.sourceState, rows, loaded: rows.length, timings: { ...this.timings } };
  }
}
