/**
 * The registry's patients as read in this session, shared by the caseload (both views), the
 * psychiatric case review queue and the Program tab: each patient's records are read once
 * (batched `patient=a,b,c` searches through one limiter, so the views never compete for
 * the browser's six connections) and turned into what each view needs: the caseload row, the
 * program model (without visits) and the few records the quality measures reuse. The records
 * themselves are not kept (a 5,000-patient program is hundreds of megabytes of FHIR JSON):
 * the row and the program model are each built when a view first asks for them, and the
 * rest in idle time; then the records are dropped.
 *
 * Refresh path: `refresh(ids)` re-reads patients (after a write); `reload()` marks everything
 * read so far as stale, so the next `read` of a patient reads it again while its old entry
 * stays shown until the new one arrives.
 */
import type { Observation, Patient } from '@medplum/fhirtypes';
import { buildCaseloadRow, type CaseloadRow, failedRow, type PatientRecords } from '../../clinical/caseload';
import { localDateOf } from '../../clinical';
import { programPatientOfRecords, type ProgramPatient } from '../../clinical/program';
import { rowOptions } from '../../config/rowOptions';
import { clinicTimeZone } from '../../config/runtimeConfig';
import { createLimiter, readCaseloadBatch } from '../../fhir/reads/caseloadBatch';
import { MEASURE_OBSERVATION_CODES } from '../../fhir/reads/measureRecords';
import type { Session } from '../../fhir/session';
import { errorMessage } from '../../shared/ErrorNote';
import { onePer } from '../../shared/onePer';
import { yieldToPage } from '../../shared/yieldToPage';

/** Patients per `patient=a,b,c` request: a small first batch so the first rows come early. */
export const FIRST_BATCH_SIZE = 8;
/**
 * 100, not 50: the Patient and Flag searches are one request per batch whatever its size (the
 * score searches are split by their records, see `partsFor`), so this is 18% fewer requests
 * for a program, and its table filled 6% sooner (docs/performance.md).
 */
export const BATCH_SIZE = 100;
/**
 * A batch's ids joined stay under this many characters, so its URLs stay well inside the 8 KB
 * request lines gateways accept, whatever the length of this EHR's patient ids.
 */
export const MAX_BATCH_ID_CHARS = 3000;
/** Requests in flight at once: the browser keeps six connections per host over HTTP/1.1. */
export const CONCURRENCY = 6;
/** Patients whose whole records are kept for the patient view (the most recently read). */
const RECENT_RECORDS = 200;
/**
 * Batches read at once. Each batch is several searches (split to fit the server's pages), so
 * a few batches fill the connections; later batches start when one ends, and are split with
 * what the earlier answers taught (page size, records per patient).
 */
const BATCHES_IN_FLIGHT = 3;
/** Records kept waiting for idle time beyond this many patients are dropped (memory). */
const MAX_BACKLOG = 200;
/** One idle slice of program modelling (ms): short enough not to delay a response's handling. */
const SLICE_MS = 8;
/**
 * Modelling of an arrived batch between two turns of the page (ms). The views' own work on
 * the patients announced (their rows) comes on top, so a task stays well under 200 ms.
 */
const BATCH_SLICE_MS = 40;

/** What the quality measures reuse of a completely read patient. */
export interface SharedRecords {
  patient: Patient;
  observations: readonly Observation[];
}

interface Entry {
  row: CaseloadRow | undefined;
  /** Until both the row and the program model are built (then dropped). */
  records: PatientRecords | undefined;
  program: ProgramPatient | undefined;
  readonly shared: SharedRecords | undefined;
  readonly generation: number;
  /** Which read made it (they count up): an earlier read that finishes later never replaces it. */
  readonly read: number;
}

const MEASURE_CODES = new Set(MEASURE_OBSERVATION_CODES);

function sharedOf(records: PatientRecords): SharedRecords | undefined {
  if (!records.patient || records.failures.length > 0) return undefined;
  const observations = records.observations.filter((o) => o.code?.coding?.some((c) => c.code !== undefined && MEASURE_CODES.has(c.code)));
  return { patient: records.patient, observations };
}

/** The session's population (one per session: every view of the registry reads through it). */
export const populationFor = onePer((session: Session, clock: () => Date = () => new Date()) => new Population(session, clock));

type Listener = (ids: readonly string[]) => void;
type Need = 'row' | 'program';

export class Population {
  private entries = new Map<string, Entry>();
  private pending = new Set<string>();
  private queue: string[] = [];
  private inFlight = 0;
  private firstBatchSent = false;
  private generation = 0;
  private reads = 0;
  private backlog: string[] = [];
  private idleScheduled = false;
  /** Set while a view waits for program models: they are then built as batches arrive. */
  private programWanted = false;
  private listeners = new Set<Listener>();
  /** Whole records of the patients read last, for opening a chart at once (bounded: RECENT_RECORDS). */
  private recent = new Map<string, PatientRecords>();
  /** Shared by the registry's other batched reads (the review queue's medications, visits). */
  readonly limit = createLimiter(CONCURRENCY);

  constructor(
    private readonly session: Session,
    private readonly clock: () => Date,
  ) {}

  /** Called with the ids whose entries changed (after each batch). */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Read in this session, not stale, and what the view needs (`row` or `program`) is built or
   * can be: a patient whose records were dropped before one of them was built (memory, see
   * MAX_BACKLOG) is read again by the view that needs it.
   */
  isFresh(id: string, need: Need): boolean {
    const entry = this.entries.get(id);
    return entry !== undefined && entry.generation === this.generation && (entry.records !== undefined || entry[need] !== undefined);
  }

  /** A recently read patient's whole records (none failed), while among the last RECENT_RECORDS read. */
  recordsOf(id: string): PatientRecords | undefined {
    return this.recent.get(id);
  }

  /** The patient's caseload row (built now if still pending). */
  row(id: string): CaseloadRow | undefined {
    const entry = this.entries.get(id);
    if (entry && !entry.row) this.buildRow(entry);
    return entry?.row;
  }

  /** The patient's program model without visits (built now if still pending). */
  program(id: string): ProgramPatient | undefined {
    const entry = this.entries.get(id);
    if (entry && !entry.program) this.buildProgram(entry);
    return entry?.program;
  }

  /** The Patient and measure Observations of a completely read patient (the eCQM run reuses them). */
  shared(id: string): SharedRecords | undefined {
    return this.entries.get(id)?.shared;
  }

  /** From now on, program models are built as each batch arrives (the Program tab is waiting). */
  wantProgram(): void {
    this.programWanted = true;
    this.drainPrograms();
  }

  /**
   * Reads the patients not read yet (or stale), in bounded batches; patients already read or
   * being read are not read again. Entries are announced to subscribers as batches arrive.
   */
  read(ids: readonly string[], need: Need): void {
    const fresh = ids.filter((id) => !this.pending.has(id) && !this.isFresh(id, need));
    if (fresh.length === 0) return;
    fresh.forEach((id) => this.pending.add(id));
    this.queue.push(...fresh);
    this.pump();
  }

  /** Re-reads patients now (after a write to them), whatever was read before. */
  async refresh(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    // The user waits on it (after a write): ahead of any background batch.
    await this.readBatch([...ids], true);
  }

  /** Everything read so far is stale: the next `read` of each patient reads it again. */
  reload(): void {
    this.generation++;
  }

  private pump(): void {
    while (this.inFlight < BATCHES_IN_FLIGHT && this.queue.length > 0) {
      const first = !this.firstBatchSent;
      this.firstBatchSent = true;
      const batch = this.queue.splice(0, batchLength(this.queue, first ? FIRST_BATCH_SIZE : BATCH_SIZE));
      this.inFlight++;
      void this.readBatch(batch, first).finally(() => {
        this.inFlight--;
        this.pump();
        this.scheduleIdle();
      });
    }
  }

  /** `urgent`: the first rows' batch or a refresh, whose searches go ahead of any queued for the connections. */
  private async readBatch(ids: string[], urgent = false): Promise<void> {
    const generation = this.generation;
    const read = ++this.reads;
    let list: PatientRecords[];
    let problem: string | undefined;
    try {
      list = await readCaseloadBatch(this.session.api, ids, urgent ? (task) => this.limit(task, 'urgent') : this.limit);
    } catch (error) {
      problem = errorMessage(error);
      list = ids.map((id) => ({ patientId: id, patient: undefined, observations: [], questionnaireResponses: [], questionnaires: [], flags: [], failures: [problem as string] }));
    }
    // A batch's program models and the views' rows for it were one task of 250 to 450 ms (50
    // patients): the patients are taken in slices, each announced before the page gets a turn.
    let changed: string[] = [];
    let until = performance.now() + BATCH_SLICE_MS;
    for (const [i, records] of list.entries()) {
      // A later read of this patient (a refresh after a write) finished while this batch waited.
      if ((this.entries.get(records.patientId)?.read ?? -1) > read) continue;
      const entry: Entry = { row: problem ? failedRow(records.patientId, problem) : undefined, records, program: undefined, shared: sharedOf(records), generation, read };
      this.entries.set(records.patientId, entry);
      this.pending.delete(records.patientId);
      if (this.programWanted) this.buildProgram(entry);
      this.keepRecent(records, problem);
      changed.push(records.patientId);
      if (performance.now() < until || i === list.length - 1) continue;
      this.announce(changed);
      changed = [];
      await yieldToPage();
      until = performance.now() + BATCH_SLICE_MS;
    }
    this.announce(changed);
  }

  /** Tells the views which patients' entries are new, and queues what they leave unbuilt for idle time. */
  private announce(changed: readonly string[]): void {
    if (changed.length === 0) return;
    // The views build what they show now (rows, program models); the rest waits for idle time.
    this.listeners.forEach((l) => l(changed));
    for (const id of changed) if (this.entries.get(id)?.records) this.backlog.push(id);
    // Memory stays bounded when idle time does not come (a long load on a busy machine): the
    // oldest waiting records are dropped, unbuilt parts and all (never built on the main thread
    // for a view that did not ask; such a patient is read again if that view asks later).
    while (this.backlog.length > MAX_BACKLOG) this.dropNext();
    this.scheduleIdle();
  }

  private buildRow(entry: Entry): void {
    if (!entry.records) return;
    entry.row = buildCaseloadRow(entry.records, rowOptions(this.session.settings, this.clock()));
    if (entry.program) entry.records = undefined;
  }

  private buildProgram(entry: Entry): void {
    if (!entry.records) return;
    const { registry, clinical } = this.session.settings.program;
    const timeZone = clinicTimeZone(this.session.settings);
    entry.program = programPatientOfRecords(entry.records, {
      today: localDateOf(this.clock(), timeZone),
      timeZone,
      ...(registry ? { registrySettings: registry } : {}),
      ...(clinical?.countPreliminaryInCourse ? { countPreliminary: true } : {}),
    });
    if (entry.row) entry.records = undefined;
  }

  private keepRecent(records: PatientRecords, problem: string | undefined): void {
    this.recent.delete(records.patientId);
    if (problem || !records.patient || records.failures.length > 0) return;
    this.recent.set(records.patientId, records);
    if (this.recent.size > RECENT_RECORDS) this.recent.delete(this.recent.keys().next().value as string);
  }

  /** Builds what the next waiting patient still lacks (row, program model), then drops its records. */
  private modelNext(): void {
    const id = this.backlog.shift();
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (!entry?.records) return;
    if (!entry.row) this.buildRow(entry);
    if (!entry.program) this.buildProgram(entry);
  }

  private dropNext(): void {
    const id = this.backlog.shift();
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (entry) entry.records = undefined;
  }

  private drainPrograms(): void {
    for (const id of this.backlog) {
      const entry = this.entries.get(id);
      if (entry && !entry.program) this.buildProgram(entry);
    }
  }

  /**
   * What no view asked for yet (a row, a program model) is built in short slices when the
   * page is idle, once no batch is being read: on a small machine an idle main thread does not
   * mean idle cores (the browser's network work and, in the bench, the EHR share them), and
   * that modelling was about a tenth of the CPU of a program load. Records beyond the backlog
   * are dropped meanwhile, and read again if a view asks for them later.
   */
  private scheduleIdle(): void {
    if (this.idleScheduled || this.backlog.length === 0 || this.inFlight > 0 || this.queue.length > 0) return;
    this.idleScheduled = true;
    const run = () => {
      this.idleScheduled = false;
      const until = performance.now() + SLICE_MS;
      while (this.backlog.length > 0 && performance.now() < until) this.modelNext();
      this.scheduleIdle();
    };
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number }).requestIdleCallback;
    if (idle) idle(run, { timeout: 2000 });
    else setTimeout(run, 50);
  }
}

/** How many of the queue's first ids make the next batch: at most `most`, their joined ids within MAX_BATCH_ID_CHARS (at least one). */
export function batchLength(queue: readonly string[], most: number): number {
  let chars = 0;
  let n = 0;
  while (n < Math.min(most, queue.length)) {
    chars += queue[n]!.length + 1;
    if (n > 0 && chars > MAX_BATCH_ID_CHARS) break;
    n++;
  }
  return n;
}
