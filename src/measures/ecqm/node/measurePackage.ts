/** Reads a vendored measure package (measures/<folder>/) in Node: the CLI, tests, bench. */
import type { Bundle } from '@medplum/fhirtypes';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MEASURES, type MeasureId } from '../measures';
import { measureOf } from '../measureReports';

/** The repository's `measures/` folder. */
export const MEASURES_DIR = fileURLToPath(new URL('../../../../measures/', import.meta.url));

export function packageDir(id: MeasureId): string {
  return join(MEASURES_DIR, MEASURES[id].folder);
}

const cache = new Map<MeasureId, Promise<Bundle>>();

/** The measure Bundle (Measure, Libraries with ELM, ValueSets), checked to be the one named. */
export function readMeasureBundle(id: MeasureId): Promise<Bundle> {
  let found = cache.get(id);
  if (!found) {
    found = readFile(join(packageDir(id), 'measure-bundle.json'), 'utf8').then((text) => {
      const bundle = JSON.parse(text) as Bundle;
      const measure = measureOf(bundle);
      if (measure.url !== MEASURES[id].url || measure.version !== MEASURES[id].version) throw new Error(`${id}: measures/${MEASURES[id].folder} holds ${measure.url}|${measure.version}, not the expected version`);
      return bundle;
    });
    cache.set(id, found);
  }
  return found;
}
