import { isResourceType } from '@medplum/core';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** A problem with one input file; the message starts with the file's path. */
export class DataLoadError extends Error {
  override name = 'DataLoadError';
}

const BUNDLE_TYPES = new Set(['collection', 'transaction', 'batch', 'searchset', 'document', 'message', 'history']);

/**
 * Loads `--data PATH`: a FHIR JSON file (Bundle of type collection, transaction, batch or
 * searchset, or a single resource), an NDJSON file (one resource a line, as bulk export
 * writes), or a folder of such files (recursively, in name order). Resource ids are kept,
 * because tests and bug reports refer to them; transaction entries identified only by a
 * `urn:uuid:` fullUrl get that uuid as id, and references to it are rewritten.
 */
export async function loadDataPath(path: string): Promise<Resource[]> {
  return (await loadDataPathByFile(path)).flat();
}

/** The same, file by file (a folder's files in name order), with progress after each file. */
export async function loadDataPathByFile(path: string, onFile?: (done: number, total: number) => void): Promise<Resource[][]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new DataLoadError(`${path}: no such file or folder`);
  }
  const files = info.isDirectory() ? await listFiles(path) : [path];
  if (files.length === 0) throw new DataLoadError(`${path}: the folder holds no .json or .ndjson files`);
  const out: Resource[][] = [];
  for (const file of files) {
    out.push(await loadFile(file));
    onFile?.(out.length, files.length);
  }
  return out;
}

export async function listFiles(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full)));
    else if (/\.(json|ndjson|jsonl)$/i.test(e.name)) out.push(full);
  }
  return out;
}

export async function loadFile(file: string): Promise<Resource[]> {
  const text = await readFile(file, 'utf8');
  const ext = extname(file).toLowerCase();
  if (ext === '.ndjson' || ext === '.jsonl') return parseNdjson(file, text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new DataLoadError(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return fromJson(file, json);
}

function parseNdjson(file: string, text: string): Resource[] {
  const out: Resource[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new DataLoadError(`${file}: line ${i + 1} is not valid JSON`);
    }
    out.push(...fromJson(`${file}: line ${i + 1}`, json));
  });
  return out;
}

function fromJson(where: string, json: unknown): Resource[] {
  const resource = checkResource(where, json);
  if (resource.resourceType !== 'Bundle') return [resource];
  const bundle = resource as Bundle;
  if (!bundle.type || !BUNDLE_TYPES.has(bundle.type)) throw new DataLoadError(`${where}: unsupported Bundle type "${String(bundle.type)}"`);
  const idFor = new Map<string, string>();
  const resources = (bundle.entry ?? []).map((entry, i) => {
    const r = checkResource(`${where}: entry ${i}`, entry.resource);
    if (!r.id && entry.fullUrl?.startsWith('urn:uuid:')) {
      r.id = entry.fullUrl.slice('urn:uuid:'.length);
      idFor.set(entry.fullUrl, `${r.resourceType}/${r.id}`);
    }
    return r;
  });
  if (idFor.size === 0) return resources;
  // Rewrite urn:uuid references of transaction bundles to the ids just assigned.
  return resources.map(
    (r) => JSON.parse(JSON.stringify(r), (key, value: unknown) => (key === 'reference' && typeof value === 'string' && idFor.has(value) ? idFor.get(value) : value)) as Resource,
  );
}

function checkResource(where: string, json: unknown): Resource {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new DataLoadError(`${where}: expected a FHIR resource (a JSON object)`);
  const type = (json as { resourceType?: unknown }).resourceType;
  if (typeof type !== 'string' || !isResourceType(type)) throw new DataLoadError(`${where}: missing or unknown resourceType ${JSON.stringify(type)}`);
  const id = (json as { id?: unknown }).id;
  if (id !== undefined && (typeof id !== 'string' || !/^[A-Za-z0-9\-.]{1,64}$/.test(id))) throw new DataLoadError(`${where}: invalid id ${JSON.stringify(id)}`);
  return json as Resource;
}
