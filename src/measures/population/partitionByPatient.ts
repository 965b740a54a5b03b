/**
 * The first pass over a population too large to hold: every NDJSON line is read once and
 * appended to one of B bucket files chosen by a stable hash of its patient's id, so each
 * bucket holds whole patients (all of a patient's resources land in the same bucket) and can
 * be evaluated on its own. `shard` keeps only the patients of one of N disjoint shards (the
 * same hash), so N machines can each take one. A line that is not JSON, or not a resource,
 * is reported with its file and line and skipped; the run goes on.
 */
import type { Resource } from '@medplum/fhirtypes';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { listFiles, loadFile } from '../../../sandbox/data/load';
import { fnv1a } from '../../clinical/read/references';
import { ownerOf } from '../ecqm/patientBundles';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export interface BrokenLine {
  file: string;
  line: number;
  reason: string;
}

export interface Partition {
  buckets: string[];
  /** Patients (Patient resources) kept, in this shard. */
  patients: number;
  resources: number;
  broken: BrokenLine[];
}

/** FNV-1a over the id: stable on every machine and run, so shards never overlap. */
export function patientHash(id: string): number {
  return fnv1a(id);
}

export function inShard(patientId: string, shard: Shard | undefined): boolean {
  return !shard || patientHash(patientId) % shard.count === shard.index - 1;
}

export interface PartitionOptions {
  buckets: number;
  shard?: Shard;
  onFile?: (done: number, total: number) => void;
  /** Each resource of no patient (Questionnaire, Practitioner, ...), for the reference data. */
  onShared?: (resource: Resource) => void;
}

export async function partitionByPatient(input: string, workDir: string, options: PartitionOptions): Promise<Partition> {
  await mkdir(workDir, { recursive: true });
  const files = (await stat(input)).isDirectory() ? await listFiles(input) : [input];
  const streams: WriteStream[] = [];
  const buckets: string[] = [];
  for (let b = 0; b < options.buckets; b++) {
    buckets.push(join(workDir, `bucket-${String(b).padStart(4, '0')}.ndjson`));
    streams.push(createWriteStream(buckets[b]!));
  }
  const out: Partition = { buckets, patients: 0, resources: 0, broken: [] };
  const put = async (resource: Resource, text: string): Promise<void> => {
    const owner = ownerOf(resource);
    // Resources of no patient are in no bucket: the eCQMs read none, the program measures some as reference data.
    if (!owner) return options.onShared?.(resource);
    if (!inShard(owner, options.shard)) return;
    const stream = streams[(patientHash(owner) >>> 8) % options.buckets]!;
    out.resources++;
    if (resource.resourceType === 'Patient') out.patients++;
    if (!stream.write(`${text}\n`)) await new Promise<void>((r) => stream.once('drain', () => r()));
  };
  for (const [i, file] of files.entries()) {
    if (/\.(ndjson|jsonl)$/i.test(file)) {
      let line = 0;
      for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        line++;
        if (!text.trim()) continue;
        let resource: Resource;
        try {
          resource = JSON.parse(text) as Resource;
        } catch (error) {
          out.broken.push({ file, line, reason: `not JSON (${error instanceof Error ? error.message : String(error)})` });
          continue;
        }
        if (!resource || typeof resource !== 'object' || typeof resource.resourceType !== 'string') {
          out.broken.push({ file, line, reason: 'not a FHIR resource (no resourceType)' });
          continue;
        }
        await put(resource, text);
      }
    } else {
      // A JSON Bundle: small enough to read whole (the sandbox's loader, with its checks).
      try {
        for (const resource of await loadFile(file)) await put(resource, JSON.stringify(resource));
      } catch (error) {
        out.broken.push({ file, line: 0, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    options.onFile?.(i + 1, files.length);
  }
  await Promise.all(streams.map((s) => new Promise<void>((ok, fail) => s.end((e?: Error | null) => (e ? fail(e) : ok())))));
  return out;
}
