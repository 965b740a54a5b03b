/**
 * `--data PATH` for the measures: the sandbox's own loader (FHIR Bundles or NDJSON, a file or
 * a folder; a broken file is a DataLoadError naming it), after the FHIR schema it checks
 * resource types against.
 */
import type { Resource } from '@medplum/fhirtypes';
import { DataLoadError, loadDataPathByFile } from '../../../../sandbox/data/load';
import { loadFhirSchema } from '../../../../sandbox/fhir/schema';

export { DataLoadError };

/** The input file by file (a folder's files in name order), for `patientBundlesByFile`. */
export async function loadMeasureDataByFile(path: string, onFile?: (done: number, total: number) => void): Promise<Resource[][]> {
  loadFhirSchema();
  return loadDataPathByFile(path, onFile);
}
