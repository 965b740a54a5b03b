/**
 * The eCQMs in Node over a synthetic panel (with a visit per PHQ-9, bench/ecqmPanel.ts): per
 * measure, milliseconds per patient for the whole evaluation (grouping, chunked engine calls,
 * summary) and, beside it, the engine's own share (inside fqm-execution). The app runs the
 * same code in a Web Worker; the browser's figure is of the same order. The one-off set-up of
 * a measure (decoding its ELM, its data requirements, the FHIR model info: a few seconds, once
 * per process or worker) is taken by a one-patient warm-up and reported beside, as `setup_ms`;
 * `cpu_ms_per_patient` is the process's CPU time, which a busy machine does not inflate.
 * Patients the exact prefilter leaves out (src/measures/ecqm/prefilter.ts) count as evaluated,
 * as in the app; one more run without it gives `unfiltered_cpu_ms_per_patient` and checks that
 * every patient's populations are the same (`same_as_unfiltered`).
 */
import { generatePanel } from '../sandbox/panel/index.ts';
import { evaluateMeasure } from '../src/measures/ecqm/evaluate.ts';
import { MEASURE_IDS } from '../src/measures/ecqm/measures.ts';
import { readMeasureBundle } from '../src/measures/ecqm/node/measurePackage.ts';
import { patientBundles } from '../src/measures/ecqm/patientBundles.ts';
import { withVisits } from './ecqmPanel.ts';
import { type Figure, figureOfRuns, progress, skippedFigure } from './print.ts';

export async function benchEcqm(patients: number, runs: number, seed: string): Promise<Figure[]> {
  if (patients === 0 || runs === 0) {
    return MEASURE_IDS.flatMap((measure) =>
      ['ecqm_ms_per_patient', 'ecqm_engine_ms_per_patient'].map((name) => skippedFigure(name, 'ms', 'not measured in this mode', { measure })),
    );
  }
  const now = new Date('2026-12-01T00:00:00Z');
  const period = { start: '2026-01-01', end: '2026-12-31' };
  const bundles = patientBundles(withVisits(generatePanel({ patients, seed, now }).resources, period));
  const figures: Figure[] = [];
  for (const measure of MEASURE_IDS) {
    const measureBundle = await readMeasureBundle(measure);
    const warmUp = await evaluateMeasure(measure, measureBundle, bundles.slice(0, 1), period);
    const total: number[] = [];
    const engine: number[] = [];
    const cpu: number[] = [];
    let summary;
    let evaluation: Awaited<ReturnType<typeof evaluateMeasure>> | undefined;
    for (let run = 0; run < runs; run++) {
      progress(`ecqm ${measure}: run ${run + 1} of ${runs} over ${bundles.length} patients`);
      const cpuBefore = process.cpuUsage();
      evaluation = await evaluateMeasure(measure, measureBundle, bundles, period);
      const used = process.cpuUsage(cpuBefore);
      total.push(evaluation.totalMs / bundles.length);
      engine.push(evaluation.engineMs / bundles.length);
      cpu.push((used.user + used.system) / 1000 / bundles.length);
      summary = evaluation.summary;
    }
    progress(`ecqm ${measure}: once without the prefilter`);
    const unfilteredCpu = process.cpuUsage();
    const unfiltered = await evaluateMeasure(measure, measureBundle, bundles, period, { prefilter: false });
    const unfilteredUsed = process.cpuUsage(unfilteredCpu);
    const landings = (e: typeof unfiltered) => e.results.map((r) => `${r.patientId}:${Object.values(r.populations).join()}`).join(';');
    const context = {
      measure,
      prefiltered: evaluation?.results.filter((r) => r.prefiltered).length,
      same_as_unfiltered: evaluation ? landings(evaluation) === landings(unfiltered) : undefined,
      unfiltered_cpu_ms_per_patient: Math.round((10 * (unfilteredUsed.user + unfilteredUsed.system)) / 1000 / bundles.length) / 10,
      patients: bundles.length,
      initialPopulation: summary?.initialPopulation,
      numerator: summary?.numerator,
      setup_ms: Math.round(warmUp.totalMs),
      cpu_ms_per_patient: Math.round(10 * (cpu.reduce((a, b) => a + b, 0) / cpu.length)) / 10,
    };
    figures.push(figureOfRuns('ecqm_ms_per_patient', 'ms', total, context), figureOfRuns('ecqm_engine_ms_per_patient', 'ms', engine, context));
  }
  return figures;
}
