/**
 * Bulk Data export jobs (FHIR Bulk Data Access 2.0, "Export"): a kick-off makes a job that
 * writes one NDJSON file per resource type (split every FILE_LINES lines) into a private
 * temporary folder, a little at a time so the server keeps answering; the status URL reports
 * progress until the files are ready; DELETE removes the job and its files.
 */
import type { Resource } from '@medplum/fhirtypes';
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patientIdFromReference, patientOf } from '../fhir/compartment.ts';

/** Lines per output file: big types come in several files (parallel and resumable downloads). */
export const FILE_LINES = 20_000;
/** Resources written between yields to the event loop. */
const SLICE = 2_000;

export interface ExportRequest {
  /** The kick-off URL as received (the manifest's `request`). */
  request: string;
  clientId: string;
  types: readonly string[];
  /** Only resources whose meta.lastUpdated is at or after this instant (ms). */
  sinceMs?: number;
  /** Only these patients' resources (a Group export); all patients when absent. */
  patients?: ReadonlySet<string>;
}

export interface ExportFile {
  type: string;
  name: string;
  count: number;
}

export interface ExportJob extends ExportRequest {
  id: string;
  transactionTime: string;
  /** 0..1 of the resources looked at. */
  progress: number;
  /** Not before this time (ms), however fast the files were written: a real export takes a while. */
  readyAt: number;
  status: 'running' | 'done' | 'failed';
  error?: string;
  files: ExportFile[];
  dir: string;
}

export interface ExportSource {
  all(resourceType: string): Iterable<Resource>;
  /** Stored resources per type: the job's progress counts against them. */
  counts(): Record<string, number>;
}

/**
 * The job's progress as the status URL reports it, in percent: the share of resources looked
 * at, held back by the minimum duration (a real export takes a while), at most 99 until done.
 */
export function jobPercent(job: ExportJob, now: number): number {
  const started = Date.parse(job.transactionTime);
  const share = Math.min(job.progress, (now - started) / Math.max(1, job.readyAt - started));
  return Math.min(99, Math.max(0, Math.floor(share * 100)));
}

export class BulkExports {
  private readonly jobs = new Map<string, ExportJob>();
  private root: string | undefined;

  constructor(
    private readonly source: ExportSource,
    private readonly options: { minDurationMs: number; now: () => number },
  ) {}

  get(id: string): ExportJob | undefined {
    return this.jobs.get(id);
  }

  async start(request: ExportRequest): Promise<ExportJob> {
    this.root ??= await mkdtemp(join(tmpdir(), 'cocm-bulk-'));
    const id = randomBytes(12).toString('base64url');
    const now = this.options.now();
    const job: ExportJob = {
      ...request,
      id,
      transactionTime: new Date(now).toISOString(),
      progress: 0,
      readyAt: now + this.options.minDurationMs,
      status: 'running',
      files: [],
      dir: join(this.root, id),
    };
    this.jobs.set(id, job);
    void this.run(job).catch((error: unknown) => {
      job.status = 'failed';
      job.error = error instanceof Error ? error.message : String(error);
    });
    return job;
  }

  async delete(id: string): Promise<boolean> {
    const job = this.jobs.get(id);
    if (!job) return false;
    this.jobs.delete(id);
    job.status = 'failed';
    await rm(job.dir, { recursive: true, force: true });
    return true;
  }

  async close(): Promise<void> {
    this.jobs.clear();
    if (this.root) await rm(this.root, { recursive: true, force: true });
  }

  private async run(job: ExportJob): Promise<void> {
    await mkdir(job.dir, { recursive: true });
    const counts = this.source.counts();
    const total = Math.max(
      1,
      job.types.reduce((n, type) => n + (counts[type] ?? 0), 0),
    );
    let looked = 0;
    // Straight from the store, type by type (no copy of a type's resources): a resource
    // updated while the job runs may come in its newer version, which a later _since export
    // sends again anyway.
    for (const type of job.types) {
      let out: { stream: WriteStream; file: ExportFile } | undefined;
      for (const resource of this.source.all(type)) {
        if (!this.jobs.has(job.id)) {
          out?.stream.destroy();
          return;
        }
        if (this.included(job, type, resource)) {
          if (!out || out.file.count >= FILE_LINES) {
            if (out) await closeStream(out.stream);
            const file: ExportFile = { type, name: `${type}.${job.files.filter((f) => f.type === type).length + 1}.ndjson`, count: 0 };
            job.files.push(file);
            out = { stream: createWriteStream(join(job.dir, file.name)), file };
          }
          if (!out.stream.write(`${JSON.stringify(resource)}\n`)) await new Promise<void>((r) => out!.stream.once('drain', () => r()));
          out.file.count++;
        }
        looked++;
        if (looked % SLICE === 0) {
          job.progress = looked / total;
          await new Promise((r) => setImmediate(r));
        }
      }
      if (out) await closeStream(out.stream);
    }
    job.progress = 1;
    job.status = 'done';
  }

  private included(job: ExportJob, type: string, resource: Resource): boolean {
    if (job.sinceMs !== undefined) {
      const updated = Date.parse(resource.meta?.lastUpdated ?? '');
      if (Number.isFinite(updated) && updated < job.sinceMs) return false;
    }
    if (!job.patients) return true;
    const patient = type === 'Patient' ? resource.id : type === 'Coverage' ? beneficiaryOf(resource) : patientOf(resource);
    return patient !== undefined && job.patients.has(patient);
  }
}

function beneficiaryOf(resource: Resource): string | undefined {
  return patientIdFromReference((resource as { beneficiary?: { reference?: string } }).beneficiary?.reference);
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
  });
}
