/**
 * `--data PATH` for the measures: the sandbox's own loader (FHIR Bundles or NDJSON, a file or
 * a folder; a broken file is a DataLoadError naming it), after the FHIR schema it checks
 * resource types against.
 */
import type { Resource } from '@medplum/fhirtypes';
import { stat } from 'node:fs/promises';
import { DataLoadError, listFiles, loadFile } from '../../../../sandbox/data/load';
import { loadFhirSchema } from '../../../../sandbox/fhir/schema';

export { DataLoadError };

/** The input file by file (a folder's files in name order), for `patientBundlesByFile`. */
export async function loadMeasureDataByFile(path: string, onFile?: (done: number, total: number) => void): Promise<Resource[][]> {
  loadFhirSchema();
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
