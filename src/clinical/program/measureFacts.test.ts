// Incremental == from scratch: the rows, trend months and care gaps the Program tab puts
// together group by group, as batches arrive (records first, visits later), are exactly
// what computeMeasures, careGaps and the trend compute over the whole population at once.
import { describe, expect, it } from 'vitest';
import { generatePanel } from '../../../sandbox/panel/index.ts';
import { ownerOf, patientBundles } from '../../measures/ecqm/patientBundles.ts';
import { addReference, emptyReferenceData, programPatientOf } from '../../measures/report/programPatients.ts';
import { careGaps, sortGaps } from './careGaps.ts';
import { groupsOf, ProgramFactsCache } from './factsCache.ts';
import { combineFacts } from './measureFacts.ts';
import { computeMeasures } from './measures.ts';
import { defaultPeriod, trendMonths } from './period.ts';
import { withVisits } from './programPatient.ts';
import { resolveProgramMeasureSettings } from './settings.ts';
import { programPatient } from './testPatients.ts';
import type { Period, ProgramPatient } from './types.ts';

const TODAY = '2026-11-18';
const SETTINGS = resolveProgramMeasureSettings(undefined);
const GAP_OPTIONS = { today: TODAY, scaleCadenceDays: 30 };

/** A seeded panel's program models, plus patients the panel has none of: unread records, unread visits, two episodes. */
function seededPopulation(): ProgramPatient[] {
  const panel = generatePanel({ patients: 240, seed: 'measure-facts', now: new Date(`${TODAY}T00:00:00Z`) });
  const reference = emptyReferenceData();
  for (const r of panel.resources) if (ownerOf(r) === undefined) addReference(reference, r);
  const patients = patientBundles(panel.resources).map((p) =>
    programPatientOf(
      p.patientId,
      (p.bundle.entry ?? []).map((e) => e.resource!),
      reference,
      { today: TODAY, timeZone: 'America/New_York' },
    ),
  );
  return [
    ...patients,
    programPatient({ id: 'unread', recordsProblem: 'the EHR refused', episodes: [{ enrolledOn: '2026-02-01' }] }),
    programPatient({ id: 'no-visits', encountersProblem: 'visits could not be read', episodes: [{ enrolledOn: '2026-03-01' }], scores: [['phq9', '2026-03-01', 15]] }),
    programPatient({
      id: 'twice',
      episodes: [
        { enrolledOn: '2026-01-05', end: '2026-03-01' },
        { enrolledOn: '2026-04-10', careManager: 'Practitioner/cm2' },
      ],
      scores: [
        ['phq9', '2026-01-05', 18],
        ['phq9', '2026-03-16', 8],
        ['phq9', '2026-04-10', 16],
        ['phq9', '2026-06-19', 12],
      ],
      contacts: [['2026-01-05', 'initial-assessment'], ['2026-01-20'], ['2026-04-10', 'initial-assessment']],
      reviews: ['2026-07-01'],
      visits: ['2026-02-02', '2026-06-19'],
    }),
  ];
}

/** What the tab shows for a population through the cache: the period's rows, each trend month's rows, the gaps. */
function throughCache(cache: ProgramFactsCache, patients: readonly ProgramPatient[], period: Period) {
  const groups = groupsOf(patients);
  const rowsOf = (m: Period) =>
    combineFacts(
      groups.map((g, i) => cache.facts(i, g, m)),
      m,
    );
  return { rows: rowsOf(period), months: trendMonths(period).map(rowsOf), gaps: sortGaps(groups.flatMap((g, i) => [...cache.gaps(i, g, GAP_OPTIONS)])) };
}

function fromScratch(patients: readonly ProgramPatient[], period: Period) {
  return {
    rows: computeMeasures(patients, period, SETTINGS),
    months: trendMonths(period).map((m) => computeMeasures(patients, m, SETTINGS)),
    gaps: careGaps(patients, { ...GAP_OPTIONS, settings: SETTINGS }),
  };
}

describe('measure facts put together group by group', () => {
  const population = seededPopulation();
  const period = defaultPeriod(TODAY);

  it('the seeded panel gives every row something to count', () => {
    const rows = computeMeasures(population, period, SETTINGS);
    for (const r of rows) expect(r.cases.length, r.id).toBeGreaterThan(0);
    expect(rows.find((r) => r.id === 'review-non-improvers')!.excluded.some((x) => x.why.startsWith('improved'))).toBe(true);
    expect(rows.find((r) => r.id === 'review-non-improvers')!.excluded.some((x) => !x.why.startsWith('improved'))).toBe(true);
    expect(rows.find((r) => r.id === 'screening-rate')!.couldNotRead).toEqual(['unread', 'no-visits']);
  });

  it('equal the from-scratch rows, trend months and gaps as batches arrive, records before visits', () => {
    const cache = new ProgramFactsCache(SETTINGS);
    // Records first (no visits read yet), in batches of 30 (groups filled across batches), each compared with a computation from scratch.
    const waiting = population.map((p) => withVisits(p, undefined, 'UTC'));
    for (let n = 30; n < waiting.length + 30; n += 30) {
      const shown = waiting.slice(0, n);
      expect(throughCache(cache, shown, period)).toEqual(fromScratch(shown, period));
    }
    // Then the visits arrive for everyone (the models with visits are new objects).
    expect(throughCache(cache, population, period)).toEqual(fromScratch(population, period));
    // Another period, and back: the same figures as from scratch.
    const spring = { start: '2026-03-01', end: '2026-05-31' };
    expect(throughCache(cache, population, spring)).toEqual(fromScratch(population, spring));
    expect(throughCache(cache, population, period)).toEqual(fromScratch(population, period));
  });

  it('recompute the group of a patient whose records changed', () => {
    const cache = new ProgramFactsCache(SETTINGS);
    throughCache(cache, population, period);
    // A patient counted in a monthly contact numerator loses its scores: its months leave the numerator.
    const counted = computeMeasures(population, period, SETTINGS)
      .find((r) => r.id === 'monthly-contact')!
      .cases.find((c) => c.inNumerator)!;
    const i = population.findIndex((p) => p.id === counted.patientId);
    const changed = { ...population[i]!, scores: [] };
    const next = population.map((p, j) => (j === i ? changed : p));
    expect(throughCache(cache, next, period)).toEqual(fromScratch(next, period));
    expect(throughCache(cache, next, period)).not.toEqual(fromScratch(population, period));
  });
});
