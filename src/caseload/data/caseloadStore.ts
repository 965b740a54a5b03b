/**
 * The caseload's data for the life of the app: which patients (the source), their rows, and
 * the loading progress. Lives outside React so that opening a patient and coming back keeps
 * everything; the views subscribe (useSyncExternalStore). Rows are computed once per patient
 * and data version: a patient is re-read (and its row recomputed) only after a write to it.
 *
 * Two views of the registry: "my patients" (the signed-in care manager's) and the whole
 * program. For "my patients" only the enrollment events of every enrolled patient are read
 * first (a few records each, 50 patients a request), and then the whole records of the
 * patients whose care manager is the user, or whose events could not be read (unknown is not
 * "not mine"). The rest of the program is read when the user asks for it.
 *
 * Whole records are read through the session's population (population.ts), which the review
 * queue and the Program tab share: a patient read for one view is not read again for another.
 */
import { careManagerHint } from '../../clinical/enrollment';
import { rowOptions } from '../../config/rowOptions';
import { localDateOf } from '../../clinical';
import type { CaseloadRow, PatientRecords } from '../../clinical/caseload';
import { clinicTimeZone } from '../../config/runtimeConfig';
import { batches, readEnrollmentEvents } from '../../fhir/reads/caseloadBatch';
import { findEnrolledPatients, readPatientList } from '../../fhir/reads/caseloadSources';
import type { Session } from '../../fhir/session';
import { errorMessage } from '../../shared/ErrorNote';
import { FIRST_BATCH_SIZE, populationFor, type Population } from './population';

export { BATCH_SIZE, CONCURRENCY, FIRST_BATCH_SIZE } from './population';

export type CaseloadSource = { kind: 'registry' } | { kind: 'list'; reference: string };

/** Which of the registry's patients are read and shown: the user's own, or everyone enrolled. */
export type CaseloadScope = 'mine' | 'program';

export type SourceState =
  | { status: 'finding' }
  /** `unfiltered`: the EHR ignored the membership search's code, so every Flag was paged through (and the cap counts them all). */
  | { status: 'found'; title: string; total: number; truncated: boolean; unfiltered?: boolean }
  /** The EHR refused (typically: no searches across patients): the user picks a patient list. */
  | { status: 'refused'; reason: string };

export interface CaseloadSnapshot {
  source: CaseloadSource;
  sourceState: SourceState;
  /** The view being read: 'mine' only for the registry source with a signed-in care manager. */
  scope: CaseloadScope;
  /** In the order they arrived; the grid sorts. */
  rows: readonly CaseloadRow[];
  /** Patients of this view whose records have been read (or failed). */
  loaded: number;
  /** Patients in this view; undefined while they are still being found. */
  total: number | undefined;
  /** Every patient of this view has its row. */
  complete: boolean;
  /** Milliseconds from the start of loading to the first rows and to the last (the bench and logs). */
  timings: { firstRowsMs?: number; allRowsMs?: number };
}

/** Patients per enrollment-events request (a few records each: one page). */
export const HINT_BATCH_SIZE = 50;
/**
 * Views are re-rendered at most this often while rows stream in, plus a little per row held:
 * each update hands the grid every row again (its sorting and filtering go over all of
 * them), so at a program of thousands, updates every 150 ms took the main thread from the
 * arriving batches. The first rows and the last (all read) are published at once.
 */
const PUBLISH_MS = 150;
const PUBLISH_MS_PER_ROW = 0.5;

/**
 * "My patients" reads a patient's records once the enrollment hints say the patient is the
 * user's: one network round more before the first rows. So the first enrolled patients' whole
 * records are read at once, beside their hints (their records carry the same enrollment events), into the
 * population only: a row shows when its hint says it is the user's, as every other row, so
 * the view never shows someone else's patient first. Those who are not the user's are kept
 * for the program view.
 */
export const READ_AHEAD_OF_HINTS = FIRST_BATCH_SIZE;

type Hint = 'mine' | 'other' | 'unknown';

export class CaseloadStore {
  private rows = new Map<string, CaseloadRow>();
  private order: string[] = [];
  private inOrder = new Set<string>();
  /** The store chose the view (nobody picked one): with no patient of the user's, it shows the program. */
  private autoScope: boolean;
  /** Patients of the source, in the order found. */
  private ids: string[] = [];
  private known = new Set<string>();
  private hints = new Map<string, Hint>();
  private requested = new Set<string>();
  private finding = true;
  private hintsPending = 0;
  private sourceState: SourceState = { status: 'finding' };
  private scope: CaseloadScope;
  private snapshot: CaseloadSnapshot;
  private listeners = new Set<() => void>();
  private controller: AbortController | undefined;
  private publishTimer: ReturnType<typeof setTimeout> | undefined;
  private startedAt = 0;
  private timings: CaseloadSnapshot['timings'] = {};
  private isDisposed = false;
  private readonly population: Population;
  private readonly unsubscribe: () => void;
  /** Shared by the caseload's other batched reads (the review queue's medications). */
  readonly limit;

  constructor(
    private readonly session: Session,
    private source: CaseloadSource,
    private readonly clock: () => Date = () => new Date(),
    scope?: CaseloadScope,
  ) {
    this.scope = scope ?? (this.me ? 'mine' : 'program');
    this.autoScope = scope === undefined;
    this.population = populationFor(session, clock);
    this.limit = this.population.limit;
    this.unsubscribe = this.population.subscribe((ids) => this.arrived(ids));
    this.snapshot = this.makeSnapshot();
  }

  private get me(): string | undefined {
    const user = this.session.fhirUser;
    return user?.startsWith('Practitioner/') ? user : undefined;
  }

  /** Whether the registry is read care manager first (else every patient of the source is read). */
  private get byCareManager(): boolean {
    return this.source.kind === 'registry' && this.me !== undefined;
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

  /** Switches between "my patients" and the whole program; what is read stays. */
  setScope(scope: CaseloadScope): void {
    this.autoScope = false;
    this.changeScope(scope);
  }

  private changeScope(scope: CaseloadScope): void {
    if (scope === this.scope) return;
    this.scope = scope;
    if (scope === 'program') this.timings.allRowsMs = undefined;
    const signal = this.controller?.signal;
    if (signal)
      this.request(
        this.ids.filter((id) => this.wanted(id)),
        signal,
      );
    this.checkComplete();
    this.publishNow();
  }

  /** Switches to another source and loads it from scratch (reading every patient again). */
  setSource(source: CaseloadSource): void {
    this.controller?.abort();
    this.population.reload();
    this.source = source;
    this.rows.clear();
    this.order = [];
    this.inOrder.clear();
    this.timings = {};
    this.sourceState = { status: 'finding' };
    this.publishNow();
    this.load();
  }

  /** Re-reads one patient after a write; its row is replaced when the answer comes. */
  async refreshPatient(patientId: string): Promise<void> {
    this.requested.add(patientId);
    await this.population.refresh([patientId]);
    this.publishNow();
  }

  /** Adds a patient the user just enrolled (the registry search would find them next time). */
  async addPatient(patientId: string): Promise<void> {
    if (!this.known.has(patientId)) {
      this.known.add(patientId);
      this.ids.push(patientId);
      this.requested.add(patientId);
    }
    if (!this.inOrder.has(patientId)) {
      this.inOrder.add(patientId);
      this.order.push(patientId);
    }
    await this.refreshPatient(patientId);
  }

  /** Disposed stores read nothing more (the registry home makes a new one if mounted again). */
  get disposed(): boolean {
    return this.isDisposed;
  }

  dispose(): void {
    this.isDisposed = true;
    this.controller?.abort();
    this.unsubscribe();
    if (this.publishTimer) clearTimeout(this.publishTimer);
  }

  private load(): void {
    const controller = new AbortController();
    this.controller = controller;
    const signal = controller.signal;
    this.startedAt = performance.now();
    this.ids = [];
    this.known = new Set();
    this.hints = new Map();
    this.requested = new Set();
    this.finding = true;
    this.hintsPending = 0;
    const found = (fresh: string[]) => {
      const added = fresh.filter((id) => !this.known.has(id));
      added.forEach((id) => this.known.add(id));
      this.ids.push(...added);
      if (this.byCareManager) {
        const firstFound = this.ids.length === added.length;
        if (firstFound && this.scope === 'mine') this.population.read(added.slice(0, READ_AHEAD_OF_HINTS), 'row');
        for (const batch of batches(added, HINT_BATCH_SIZE)) this.readHints(batch, signal);
      }
      this.request(
        added.filter((id) => this.wanted(id)),
        signal,
      );
    };
    const finish = (title: string, total: number, truncated: boolean, unfiltered = false) => {
      this.finding = false;
      this.sourceState = { status: 'found', title, total, truncated, ...(unfiltered ? { unfiltered } : {}) };
      this.checkComplete();
      this.publish();
    };
    const run = async () => {
      if (this.source.kind === 'registry') {
        const result = await findEnrolledPatients(this.session.api, found, signal);
        finish('the collaborative care registry', result.ids.length, result.truncated, result.unfiltered);
      } else {
        const list = await readPatientList(this.session.api, this.source.reference, signal);
        found(list.ids);
        finish(list.title, list.ids.length, false);
      }
    };
    run().catch((error: unknown) => {
      if (signal.aborted) return;
      this.finding = false;
      this.sourceState = { status: 'refused', reason: errorMessage(error) };
      this.publishNow();
    });
  }

  /** Whether this patient's whole record is to be read now. */
  private wanted(id: string): boolean {
    if (this.requested.has(id)) return false;
    if (!this.byCareManager || this.scope === 'program') return true;
    const hint = this.hints.get(id);
    return hint === 'mine' || hint === 'unknown';
  }

  private readHints(ids: string[], signal: AbortSignal): void {
    this.hintsPending++;
    const options = rowOptions(this.session.settings, this.clock());
    const today = localDateOf(options.now, clinicTimeZone(this.session.settings));
    readEnrollmentEvents(this.session.api, ids, this.limit, signal)
      .then((events) => {
        for (const id of ids) {
          const careManager = careManagerHint(events.get(id) ?? [], { today, ...(options.registrySettings ? { settings: options.registrySettings } : {}) });
          this.hints.set(id, careManager === this.me ? 'mine' : 'other');
        }
      })
      .catch(() => {
        for (const id of ids) this.hints.set(id, 'unknown');
      })
      .finally(() => {
        this.hintsPending--;
        if (signal.aborted) return;
        this.request(
          ids.filter((id) => this.wanted(id)),
          signal,
        );
        this.checkComplete();
        this.publish();
      });
  }

  /** Asks the population for whole records; patients it has already read show at once. */
  private request(ids: string[], signal: AbortSignal): void {
    if (ids.length === 0 || signal.aborted) return;
    ids.forEach((id) => this.requested.add(id));
    const held = ids.filter((id) => this.population.isFresh(id, 'row'));
    if (held.length) this.arrived(held);
    this.population.read(ids, 'row');
  }

  /** Rows of patients the population has (re)read, for those this view asked for. */
  private arrived(ids: readonly string[]): void {
    let any = false;
    for (const id of ids) {
      if (!this.requested.has(id)) continue;
      const row = this.population.row(id);
      if (!row) continue;
      this.put(row);
      any = true;
    }
    if (!any) return;
    const first = this.timings.firstRowsMs === undefined;
    this.timings.firstRowsMs ??= performance.now() - this.startedAt;
    const wasComplete = this.timings.allRowsMs !== undefined;
    this.checkComplete();
    // checkComplete has just published the last rows.
    if (!wasComplete && this.timings.allRowsMs !== undefined) return;
    if (first) this.publishNow();
    else this.publish();
  }

  /** The patients this view shows (all of the source, or the user's and the unknown). */
  private scopeIds(): string[] {
    if (!this.byCareManager || this.scope === 'program') return this.ids;
    return this.ids.filter((id) => this.hints.get(id) !== 'other');
  }

  private isComplete(): boolean {
    if (this.finding || this.sourceState.status !== 'found') return false;
    if (this.byCareManager && this.scope === 'mine' && this.hintsPending > 0) return false;
    return this.scopeIds().every((id) => this.rows.has(id));
  }

  private checkComplete(): void {
    // A user who cares for none of the enrolled patients (a psychiatrist, a manager) sees the program.
    if (
      this.autoScope &&
      this.byCareManager &&
      this.scope === 'mine' &&
      !this.finding &&
      this.hintsPending === 0 &&
      this.sourceState.status === 'found' &&
      this.scopeIds().length === 0 &&
      this.ids.length > 0
    ) {
      this.changeScope('program');
      return;
    }
    if (this.timings.allRowsMs === undefined && this.isComplete()) {
      this.timings.allRowsMs = performance.now() - this.startedAt;
      this.publishNow();
    }
  }

  /**
   * The whole records of a recently read patient: opening that patient draws from them at
   * once (the patient view then reads the patient afresh). The population keeps them bounded.
   */
  recordsOf(patientId: string): PatientRecords | undefined {
    return this.population.recordsOf(patientId);
  }

  private put(row: CaseloadRow): void {
    if (!this.inOrder.has(row.id)) {
      this.inOrder.add(row.id);
      this.order.push(row.id);
    }
    this.rows.set(row.id, row);
  }

  /** Coalesces updates: a grid re-render per batch would be wasted work at 1,000 rows. */
  private publish(): void {
    if (this.publishTimer) return;
    this.publishTimer = setTimeout(
      () => {
        this.publishTimer = undefined;
        this.publishNow();
      },
      PUBLISH_MS + PUBLISH_MS_PER_ROW * this.rows.size,
    );
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
    const inScope = this.scopeIds();
    const hintsKnown = !(this.byCareManager && this.scope === 'mine' && (this.finding || this.hintsPending > 0));
    const complete = this.isComplete();
    return {
      source: this.source,
      sourceState: this.sourceState,
      scope: this.byCareManager ? this.scope : 'program',
      rows,
      loaded: inScope.filter((id) => this.rows.has(id)).length,
      total: this.sourceState.status === 'found' && hintsKnown ? inScope.length : undefined,
      complete,
      timings: { ...this.timings },
    };
  }
}
