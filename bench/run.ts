/**
 * `npm run bench [-- --quick]`: builds the app when stale, serves it with the sandbox EHR,
 * drives Debian's Chromium through playwright-core and prints one JSON figure per line.
 * See docs/performance.md for what each figure means and the budgets it is held to.
 */
import type { Browser } from 'playwright-core';
import { generatePanel } from '../sandbox/panel/index.ts';
import { openChromium } from './browser.ts';
import { ensureBuild } from './build.ts';
import { measureBundle } from './bundle.ts';
import { benchCaseload, CASELOAD_FIGURES } from './caseload.ts';
import { benchLaunch } from './launchBench.ts';
import { benchEcqm } from './ecqm.ts';
import { measureMachineReference } from './machineReference.ts';
import { measureModel } from './model.ts';
import { benchPopulation, POPULATION_FIGURES } from './population.ts';
import { benchProgram, PROGRAM_FIGURES } from './program.ts';
import { type Measurement, parseBenchArgs, SEED } from './plan.ts';
import { errorText, type Figure, printFigure, progress, skippedFigure } from './print.ts';

/** Figures a measurement prints when it fails as a whole, so every name still appears. */
const FALLBACK: Record<Measurement, ReadonlyArray<readonly [string, string]>> = {
  bundle: [
    ['initial_js_gzip_bytes', 'bytes'],
    ['initial_css_gzip_bytes', 'bytes'],
    ['lazy_chunk_gzip_bytes', 'bytes'],
  ],
  model: [['clinical_model_ms_per_1000_patients', 'ms']],
  ecqm: [
    ['ecqm_ms_per_patient', 'ms'],
    ['ecqm_engine_ms_per_patient', 'ms'],
  ],
  launch: [
    ['launch_to_chart_ms', 'ms'],
    ['chart_after_data_ms', 'ms'],
    ['sequential_round_trips', 'round trips'],
    ['fhir_requests_patient_view', 'requests'],
    ['bytes_transferred_patient_view', 'bytes'],
  ],
  population: POPULATION_FIGURES,
  caseload: CASELOAD_FIGURES,
  program: PROGRAM_FIGURES,
};

async function main(): Promise<void> {
  const started = performance.now();
  const { plan, only } = parseBenchArgs(process.argv.slice(2));
  const wanted = (m: Measurement) => !only || only.has(m);
  progress(`mode ${plan.mode}`);
  // BENCH_APP_DIR: another build, to compare two versions back to back (A/B) on the same machine.
  const appDir = process.env.BENCH_APP_DIR ?? ensureBuild();
  let browser: Browser | undefined;
  const run = async (measurement: Measurement, measure: () => Promise<Figure[]> | Figure[]) => {
    if (!wanted(measurement)) return;
    try {
      for (const figure of await measure()) printFigure(figure);
    } catch (error) {
      progress(`${measurement} failed: ${errorText(error)}`);
      for (const [name, unit] of FALLBACK[measurement]) printFigure(skippedFigure(name, unit, `${measurement} failed: ${errorText(error)}`));
    }
  };
  // The machine's speed at the start and the end, to read the timed figures against (always printed).
  printFigure(measureMachineReference('start'));
  try {
    await run('bundle', () => measureBundle(appDir));
    await run('model', () => [measureModel(plan.modelPatients, plan.modelRuns, SEED)]);
    await run('ecqm', () => benchEcqm(plan.ecqmPatients, plan.ecqmRuns, SEED));
    await run('population', () => benchPopulation(plan.populationPatients, SEED));
    if (wanted('launch') || wanted('caseload') || wanted('program')) browser = await openChromium();
    await run('launch', () => benchLaunch(browser!, plan, generatePanel({ patients: plan.launchPanelPatients, seed: SEED }), appDir));
    await run('caseload', () =>
      benchCaseload(browser!, plan, generatePanel({ patients: plan.caseloadPatients, seed: SEED }), appDir, () => generatePanel({ patients: plan.largePanelPatients, seed: SEED })),
    );
    await run('program', () => benchProgram(browser!, plan.mode, appDir));
  } finally {
    await browser?.close();
  }
  printFigure(measureMachineReference('end'));
  printFigure({ name: 'bench_wall_ms', value: Math.round(performance.now() - started), unit: 'ms', mode: plan.mode });
}

main().catch((error: unknown) => {
  progress(errorText(error));
  process.exitCode = 1;
});
