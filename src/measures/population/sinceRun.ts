/**
 * `--since`: a second `--fhir` run that exports only what changed (`_since`) and evaluates only
 * the patients it touches. The previous run left, in its --out folder, the export and each
 * patient's results with the export's transaction time (`.measures-run.json`). The changes
 * are merged into that export by resource (a resource with the same type and id replaces the
 * old one; a new one is added), so the folder again holds every patient's whole record; the
 * changed patients are evaluated again and the rest keep their previous results.
 *
 * Bulk Data's `_since` returns resources created or updated since the instant, never the
 * deleted ones: a resource deleted in the EHR stays in the merged export and keeps counting
 * until a full export (a run without --since) replaces the folder.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Resource } from '@medplum/fhirtypes';
import type { ProgramPatient } from '../../clinical/program';
import type { PatientResult } from '../ecqm/engine';
import type { MeasureId, MeasurementPeriod } from '../ecqm/measures';
import type { ProgramRunOptions } from '../ecqm/node/cliArgs';
import { ownerOf } from '../ecqm/patientBundles';

export const RUN_STATE_FILE = '.measures-run.json';

/** What a run keeps for the next `--since` run. */
export interface RunCache {
  kind: 'cocm-measures-run';
  /** The export's transaction time: `--since last` asks for what changed after it. */
  transactionTime: string;
  period: MeasurementPeriod;
  measures: MeasureId[];
  program: ProgramRunOptions;
  results: Partial<Record<MeasureId, PatientResult[]>>;
  programPatients: ProgramPatient[];
}

export async function readRunCache(out: string): Promise<RunCache | undefined> {
  try {
    const cache = JSON.parse(await readFile(join(out, RUN_STATE_FILE), 'utf8')) as RunCache;
    return cache.kind === 'cocm-measures-run' ? cache : undefined;
  } catch {
    return undefined;
  }
}

export async function writeRunCache(out: string, cache: RunCache): Promise<void> {
  const path = join(out, RUN_STATE_FILE);
  await writeFile(`${path}.part`, JSON.stringify(cache));
  await rename(`${path}.part`, path);
}

/** Why the previous run's results cannot be reused for this one, or undefined when they can. */
export function cacheMismatch(cache: RunCache, period: MeasurementPeriod, measures: readonly MeasureId[], program: ProgramRunOptions): string | undefined {
  if (cache.period.start !== period.start || cache.period.end !== period.end) return `the previous run was for ${cache.period.start} to ${cache.period.end}`;
  if (cache.measures.join() !== measures.join() || cache.program.enabled !== program.enabled) return 'the previous run was of other measures';
  if (program.enabled && cache.program.timeZone !== program.timeZone) return `the previous run used the time zone ${cache.program.timeZone}`;
  return undefined;
}

/** The file a --since run merges its changes into the export as (the loader reads it with the rest). */
export function changesFileName(transactionTime: string): string {
  return `changes-${transactionTime.replace(/[^0-9A-Za-z]/g, '')}.ndjson`;
}

/** A full export replaces the folder's data: the changes earlier --since runs merged go with it. */
export async function removeChanges(folder: string): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const n of names) if (/^changes-.*\.ndjson$/.test(n)) await rm(join(folder, n), { force: true });
}

const keyOf = (r: Resource): string => `${r.resourceType}/${r.id ?? ''}`;

async function readNdjson(path: string): Promise<Resource[]> {
  const out: Resource[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line.trim()) out.push(JSON.parse(line) as Resource);
  return out;
}

/**
 * Merges the changed resources (NDJSON files) into the export folder: every older line of a
 * changed resource is dropped, and the changes are written as one more file. Returns the
 * patients whose records changed.
 */
export async function mergeChanges(exportDir: string, changeFiles: readonly string[], name: string): Promise<{ patients: Set<string>; resources: number }> {
  const changes = new Map<string, Resource>();
  for (const f of changeFiles) for (const r of await readNdjson(f)) changes.set(keyOf(r), r);
  const patients = new Set<string>();
  for (const r of changes.values()) {
    const owner = ownerOf(r);
    if (owner) patients.add(owner);
  }
  if (changes.size === 0) return { patients, resources: 0 };
  for (const file of (await readdir(exportDir)).filter((f) => f.endsWith('.ndjson')).sort()) {
    const path = join(exportDir, file);
    const kept = createWriteStream(`${path}.part`);
    let dropped = 0;
    for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      let key: string | undefined;
      try {
        key = keyOf(JSON.parse(line) as Resource);
      } catch {
        key = undefined; // A broken line stays for the loader to name.
      }
      if (key && changes.has(key)) dropped++;
      else if (!kept.write(`${line}\n`)) await new Promise<void>((r) => kept.once('drain', () => r()));
    }
    await new Promise<void>((ok, fail) => kept.end((e?: Error | null) => (e ? fail(e) : ok())));
    if (dropped > 0) await rename(`${path}.part`, path);
    else await rm(`${path}.part`);
  }
  await writeFile(join(exportDir, name), [...changes.values()].map((r) => `${JSON.stringify(r)}\n`).join(''));
  return { patients, resources: changes.size };
}
