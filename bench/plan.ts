/**
 * What one bench run does: how many repetitions and how large the panels. `--quick` keeps
 * every figure with fewer runs (within 3 minutes on a 2-core machine); `--smoke` (for the
 * test in tests/browser/bench.smoke.test.ts) runs each measurement once on tiny panels.
 */
export type Mode = 'full' | 'quick' | 'smoke';

export interface BenchPlan {
  mode: Mode;
  /** Panel for the patient-view launches (typical patient + ten-year history). */
  launchPanelPatients: number;
  /** Latencies the launch is timed at: [0, L]; round trips = difference / L. */
  launchLatencies: readonly [number, number];
  launchRuns: number;
  caseloadPatients: number;
  caseloadLatencyMs: number;
  caseloadRuns: number;
  /** Patients the pure clinical model is timed over (scaled to 1,000). */
  modelPatients: number;
  modelRuns: number;
  /** The large panel of the program view (`caseload_5000_*`), its runs (0: not measured). */
  largePanelPatients: number;
  largePanelRuns: number;
  /** Patients and repetitions of the eCQM evaluation (bench/ecqm.ts). */
  ecqmPatients: number;
  ecqmRuns: number;
  /** Patients of the generated population evaluated on worker threads (bench/population.ts; 0: not measured). */
  populationPatients: number;
  /** How long to wait for the caseload grid before saying it is absent. */
  caseloadAppearTimeoutMs: number;
}

export const SEED = 'bench';

export const PLANS: Record<Mode, BenchPlan> = {
  full: {
    mode: 'full',
    launchPanelPatients: 200,
    launchLatencies: [0, 200],
    launchRuns: 7,
    caseloadPatients: 1000,
    caseloadLatencyMs: 50,
    caseloadRuns: 5,
    modelPatients: 1000,
    modelRuns: 7,
    largePanelPatients: 5000,
    largePanelRuns: 2,
    ecqmPatients: 200,
    ecqmRuns: 2,
    populationPatients: 2000,
    caseloadAppearTimeoutMs: 15_000,
  },
  quick: {
    mode: 'quick',
    launchPanelPatients: 200,
    launchLatencies: [0, 200],
    launchRuns: 3,
    caseloadPatients: 1000,
    caseloadLatencyMs: 50,
    caseloadRuns: 2,
    modelPatients: 1000,
    modelRuns: 3,
    largePanelPatients: 5000,
    largePanelRuns: 1,
    ecqmPatients: 100,
    ecqmRuns: 1,
    populationPatients: 400,
    caseloadAppearTimeoutMs: 15_000,
  },
  smoke: {
    mode: 'smoke',
    launchPanelPatients: 12,
    launchLatencies: [0, 40],
    launchRuns: 1,
    caseloadPatients: 12,
    caseloadLatencyMs: 0,
    caseloadRuns: 1,
    modelPatients: 12,
    modelRuns: 1,
    largePanelPatients: 30,
    largePanelRuns: 1,
    // The engine's fixed cost per call (tens of seconds on a busy machine) would take the
    // smoke run past its time limit: the smoke run reports the figures as skipped.
    ecqmPatients: 0,
    ecqmRuns: 0,
    populationPatients: 0,
    caseloadAppearTimeoutMs: 5_000,
  },
};

export interface BenchArgs {
  plan: BenchPlan;
  /** Only these measurements (`--only launch,bundle`); all when absent. */
  only: ReadonlySet<Measurement> | undefined;
}

export const MEASUREMENTS = ['bundle', 'model', 'ecqm', 'population', 'launch', 'caseload', 'program'] as const;
export type Measurement = (typeof MEASUREMENTS)[number];

const USAGE = 'npm run bench [-- --quick] [--only bundle,model,ecqm,population,launch,caseload,program] [--population-patients N]';

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  let mode: Mode = 'full';
  let only: Set<Measurement> | undefined;
  let populationPatients: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') mode = 'quick';
    else if (arg === '--smoke') mode = 'smoke';
    else if (arg === '--only') {
      const names = (argv[++i] ?? '').split(',').filter(Boolean);
      const unknown = names.filter((n) => !(MEASUREMENTS as readonly string[]).includes(n));
      if (unknown.length || names.length === 0) throw new Error(`--only takes a comma-separated list of ${MEASUREMENTS.join(', ')}`);
      only = new Set(names as Measurement[]);
    } else if (arg === '--population-patients') {
      // Issue 19's run at scale, e.g. 100000 (minutes): the population figures over that many generated patients.
      const value = argv[++i] ?? '';
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--population-patients takes a number of patients, got "${value}"`);
      populationPatients = Number(value);
    } else if (arg === '--help' || arg === '-h') {
      throw new Error(`usage: ${USAGE}`);
    } else {
      throw new Error(`unknown option ${arg}; usage: ${USAGE}`);
    }
  }
  return { plan: populationPatients === undefined ? PLANS[mode] : { ...PLANS[mode], populationPatients }, only };
}
