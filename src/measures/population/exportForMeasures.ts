/**
 * `npm run measures -- --fhir URL --group ID --client-id ID --key FILE`: the measures' data
 * straight from an EHR by Bulk Data export. Discovers the token endpoint, asks only for the
 * resource types the measures read (and only those the server has), exports them to a folder
 * with a progress bar per stage, and hands the folder to the same loader as `--data`.
 */
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
}

/** What the measures retrieve (CMS159, CMS2), plus the Patient. */
export const MEASURE_EXPORT_TYPES: readonly string[] = ['Patient', ...MEASURE_SEARCHES.map((s) => s.type)];

export interface FhirExport extends ExportResult {
  folder: string;
  /** Types the measures read that this server does not have: their parts of each measure cannot count. */
  missingTypes: string[];
}

export async function exportForMeasures(options: FhirSourceOptions): Promise<FhirExport> {
  const base = options.fhir.replace(/\/+$/, '');
  const tokenUrl = await discoverTokenUrl(base);
  const served = await serverTypes(base);
  const types = MEASURE_EXPORT_TYPES.filter((t) => served.has(t));
  if (!types.includes('Patient')) throw new BulkError(`${base} offers no Patient resources, so no measure can be run`);
  const missingTypes = MEASURE_EXPORT_TYPES.filter((t) => !served.has(t));
  const scope = [...types, ...(options.group ? ['Group'] : [])].map((t) => `system/${t}.rs`).join(' ');
  const auth = new BackendAuth({ tokenUrl, clientId: options.clientId, key: await readPrivateKey(options.key, options.kid), scope });
  const folder = join(options.out, 'export');
  const waiting = progressBar('Export'.padEnd(9), '% (server)');
  const download = progressBar('Download'.padEnd(9), 'files');
  const result = await exportToFolder({
    fhirBase: base,
    ...(options.group ? { group: options.group } : {}),
    types,
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
  if (missingTypes.length > 0) process.stderr.write(`Not available on this server: ${missingTypes.join(', ')} (measure criteria that need them cannot be met)\n`);
  return { ...result, folder, missingTypes };
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
