/**
 * `npm run measures -- --fhir URL --group ID --client-id ID --key FILE`: the measures' data
 * straight from an EHR by Bulk Data export. Discovers the token endpoint, asks only for the
 * resource types the measures read (and only those the server has), exports them to a folder
 * with a progress bar per stage, and hands the folder to the same loader as `--data`.
 */
import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MEASURE_SEARCHES } from '../../fhir/reads/measureRecords';
import { progressBar } from '../ecqm/node/progressBar';
import { BackendAuth, readPrivateKey } from './backendAuth';
import { BulkError } from './bulkError';
import { exportToFolder, type ExportResult } from './bulkExport';

export interface FhirSourceOptions {
  fhir: string;
  group?: string;
  clientId: string;
  key: string;
  kid?: string;
  /** The export lands in `<out>/export`. */
  out: string;
  /** Only what changed since this FHIR instant (`_since`), into `<out>/<folder>`. */
  since?: string;
  /** The folder under `out` (default `export`). */
  folder?: string;
  /** Also what the CoCM program measures read (QuestionnaireResponses, Flags, and the Questionnaires that score local forms). */
  program?: boolean;
}

/** What the measures retrieve (CMS159, CMS2), plus the Patient. */
export const MEASURE_EXPORT_TYPES: readonly string[] = ['Patient', ...MEASURE_SEARCHES.map((s) => s.type)];

/** What the program measures read besides (scores kept as QuestionnaireResponses; registry Flags). */
export const PROGRAM_EXPORT_TYPES: readonly string[] = ['QuestionnaireResponse', 'Flag'];

/**
 * In no patient's compartment, so not in a Group export: read by a plain search into
 * `reference.<Type>.ndjson` beside the export (`--data` reads it too). Questionnaires score
 * the PHQ-9 and GAD-7 kept in local forms (needed); Practitioners and Organizations name the
 * care managers, PCPs and clinics of the strata (without them the strata show references).
 */
export const REFERENCE_TYPES: readonly { type: string; needed: boolean }[] = [
  { type: 'Questionnaire', needed: true },
  { type: 'Practitioner', needed: false },
  { type: 'Organization', needed: false },
];

export interface FhirExport extends ExportResult {
  folder: string;
  /** Types the measures read that this server does not have: their parts of each measure cannot count. */
  missingTypes: string[];
}

export async function exportForMeasures(options: FhirSourceOptions): Promise<FhirExport> {
  const base = options.fhir.replace(/\/+$/, '');
  const tokenUrl = await discoverTokenUrl(base);
  const served = await serverTypes(base);
  const wanted = [...MEASURE_EXPORT_TYPES, ...(options.program ? PROGRAM_EXPORT_TYPES : [])];
  const types = wanted.filter((t) => served.has(t));
  if (!types.includes('Patient')) throw new BulkError(`${base} offers no Patient resources, so no measure can be run`);
  const missingTypes = wanted.filter((t) => !served.has(t));
  const references = options.program ? REFERENCE_TYPES.filter((r) => served.has(r.type)) : [];
  const scope = [...types, ...(options.group ? ['Group'] : []), ...references.map((r) => r.type)].map((t) => `system/${t}.rs`).join(' ');
  const auth = new BackendAuth({ tokenUrl, clientId: options.clientId, key: await readPrivateKey(options.key, options.kid), scope });
  const folder = join(options.out, options.folder ?? 'export');
  const waiting = progressBar('Export'.padEnd(9), '% (server)');
  const download = progressBar('Download'.padEnd(9), 'files');
  const result = await exportToFolder({
    fhirBase: base,
    ...(options.group ? { group: options.group } : {}),
    types,
    ...(options.since ? { since: options.since } : {}),
    outDir: folder,
    auth,
    onProgress: (e) => {
      if (e.stage === 'kick-off' && e.resumed) process.stderr.write('Resuming the export this folder began earlier (finished files are kept)\n');
      if (e.stage === 'waiting') waiting.update(Number(/(\d+)\s*%/.exec(e.progress ?? '')?.[1] ?? 0), 100);
      if (e.stage === 'download') {
        waiting.finish();
        download.update(e.done, e.total);
      }
    },
  });
  waiting.finish();
  download.finish();
  for (const r of references) {
    try {
      await searchToFile(`${base}/${r.type}?_count=200`, auth, join(folder, `reference.${r.type}.ndjson`));
    } catch (error) {
      if (r.needed) throw error;
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}; the strata show references instead of names\n`);
    }
  }
  if (missingTypes.length > 0) process.stderr.write(`Not available on this server: ${missingTypes.join(', ')} (measure criteria that need them cannot be met)\n`);
  return { ...result, folder, missingTypes };
}

/**
 * Every page of a search, one resource a line, to a file (replaced whole each run). A failure
 * throws: for the Questionnaires it stops the run, since scores kept in local forms would
 * otherwise be missed without a word.
 */
async function searchToFile(first: string, auth: BackendAuth, path: string): Promise<void> {
  const lines: string[] = [];
  for (let url: string | undefined = first, pages = 0; url && pages < 50; pages++) {
    const response: Response | undefined = await fetch(url, { headers: { Accept: 'application/fhir+json', Authorization: `Bearer ${await auth.token()}` } }).catch(() => undefined);
    if (!response?.ok) {
      const type = new URL(url).pathname.split('/').at(-1) ?? '';
      throw new BulkError(
        `${url} could not be read (${response ? `HTTP ${response.status}` : 'no answer'}): the program measures read ${type} resources. Ask the EHR team for system/${type}.rs, or run without the program measures (--measure CMS159,CMS2)`,
      );
    }
    const bundle = (await response.json()) as { entry?: { resource?: { resourceType?: string } }[]; link?: { relation?: string; url?: string }[] };
    for (const e of bundle.entry ?? []) if (e.resource?.resourceType && e.resource.resourceType !== 'OperationOutcome') lines.push(JSON.stringify(e.resource));
    url = bundle.link?.find((l) => l.relation === 'next')?.url;
  }
  await writeFile(`${path}.part`, lines.map((l) => `${l}\n`).join(''));
  await rename(`${path}.part`, path);
}

async function discoverTokenUrl(base: string): Promise<string> {
  const url = `${base}/.well-known/smart-configuration`;
  let json: { token_endpoint?: string; token_endpoint_auth_methods_supported?: string[] };
  try {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    json = (await response.json()) as typeof json;
  } catch (error) {
    throw new BulkError(`cannot read ${url} (${error instanceof Error ? error.message : String(error)}): is --fhir the FHIR base URL of a SMART server?`);
  }
  if (!json.token_endpoint) throw new BulkError(`${url} names no token_endpoint`);
  if (json.token_endpoint_auth_methods_supported && !json.token_endpoint_auth_methods_supported.includes('private_key_jwt')) {
    throw new BulkError(`${base} does not accept private_key_jwt client authentication, which backend services need`);
  }
  return json.token_endpoint;
}

async function serverTypes(base: string): Promise<Set<string>> {
  const response = await fetch(`${base}/metadata`, { headers: { Accept: 'application/fhir+json' } }).catch(() => undefined);
  if (!response?.ok) throw new BulkError(`${base}/metadata could not be read: is --fhir a FHIR server's base URL?`);
  const cs = (await response.json()) as { rest?: { resource?: { type?: string }[] }[] };
  return new Set((cs.rest ?? []).flatMap((r) => (r.resource ?? []).flatMap((x) => (x.type ? [x.type] : []))));
}
