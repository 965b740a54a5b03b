/**
 * The population generator: exactly the patients asked for, clinic by clinic; ids unique across
 * clinics and every reference resolving inside the output; the same seed and day give the same
 * files; screens carry the CMS2 screening result, and most positive screens a referral; older
 * depression episodes give CMS159 index assessments and 12-month follow-ups.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePopulation, type PopulationSummary } from './generatePopulation.ts';
import { identificationPeriod } from './olderEpisodes.ts';

const NOW = new Date('2026-12-01T00:00:00Z');
let work: string;
let summary: PopulationSummary;
let resources: { resourceType: string; id: string; [k: string]: unknown }[];

async function readAll(dir: string): Promise<typeof resources> {
  const out: typeof resources = [];
  for (const f of (await readdir(dir)).sort()) {
    for (const line of (await readFile(join(dir, f), 'utf8')).split('\n')) if (line) out.push(JSON.parse(line) as (typeof resources)[number]);
  }
  return out;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'population-'));
  summary = await writePopulation({ patients: 450, out: join(work, 'a'), seed: 's', now: NOW, clinicSize: 200 });
  resources = await readAll(join(work, 'a'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('writePopulation', () => {
  it('writes exactly the patients asked for, in clinics, one NDJSON file per type', async () => {
    expect(summary.patients).toBe(450);
    expect(summary.clinics).toBe(3);
    expect(resources.filter((r) => r.resourceType === 'Patient')).toHaveLength(450);
    expect((await readdir(join(work, 'a'))).every((f) => /^[A-Z][A-Za-z]+\.ndjson$/.test(f))).toBe(true);
    expect(summary.resources).toBe(resources.length);
  });

  it('gives every resource a unique id and every reference a target in the output', () => {
    const keys = resources.map((r) => `${r.resourceType}/${r.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    const known = new Set(keys);
    const dangling = new Set<string>();
    for (const r of resources) {
      for (const m of JSON.stringify(r).matchAll(/"reference":"([A-Z][A-Za-z]+\/[^"/]+)"/g)) if (!known.has(m[1]!)) dangling.add(m[1]!);
    }
    expect([...dangling]).toEqual([]);
  });

  it('is the same for the same seed and day', async () => {
    await writePopulation({ patients: 450, out: join(work, 'b'), seed: 's', now: NOW, clinicSize: 200 });
    expect(await readAll(join(work, 'b'))).toEqual(resources);
  });

  it('files a CMS2 screening result beside each PHQ-2 of patients 12 or older, and a referral after most positive screens', () => {
    const births = new Map(resources.filter((r) => r.resourceType === 'Patient').map((p) => [`Patient/${p.id}`, String(p.birthDate)]));
    const twelveBy = (o: (typeof resources)[number]): boolean => {
      const birth = births.get(String((o.subject as { reference: string }).reference))!;
      return `${Number(birth.slice(0, 4)) + 12}${birth.slice(4)}` <= String(o.effectiveDateTime).slice(0, 10);
    };
    const phq2 = resources.filter((r) => r.resourceType === 'Observation' && JSON.stringify(r.code).includes('55758-7') && String(r.id).includes('-g') && twelveBy(r));
    const results = new Map(resources.filter((r) => String(r.id).endsWith('-result')).map((r) => [String(r.id).replace(/-result$/, ''), r]));
    expect(phq2.length).toBeGreaterThan(100);
    for (const o of phq2) expect(results.has(o.id)).toBe(true);
    const positives = phq2.filter((o) => Number(o.valueInteger) >= 3);
    const referred = positives.filter((o) => resources.some((r) => r.id === `${o.id}-referral`));
    expect(positives.length).toBeGreaterThan(5);
    expect(referred.length).toBeGreaterThan(0);
    expect(referred.length).toBeLessThan(positives.length);
    for (const o of positives) expect(JSON.stringify(results.get(o.id)?.valueCodeableConcept)).toContain('428181000124104');
  });

  it('gives some primary care patients an older depression episode CMS159 can count: intake in its identification period, some remitted at 12 months', () => {
    const intakes = resources.filter((r) => r.resourceType === 'Observation' && /^dep-.*-phq9-1$/.test(r.id));
    expect(intakes.length).toBeGreaterThan(10);
    const { start, end } = identificationPeriod('2026-12-01');
    expect([start, end]).toEqual(['2024-11-01', '2025-10-31']);
    for (const o of intakes) {
      const day = String(o.effectiveDateTime).slice(0, 10);
      expect(day >= start && day <= end, day).toBe(true);
      expect(Number(o.valueInteger)).toBeGreaterThan(9);
      const dx = resources.find((r) => r.id === String(o.id).replace(/-phq9-1$/, '-dx'));
      expect(dx?.onsetDateTime).toBe(day);
      expect(JSON.stringify(dx?.verificationStatus)).toContain('confirmed');
    }
    const atTwelve = resources.filter((r) => r.resourceType === 'Observation' && /^dep-.*-phq9-3$/.test(r.id));
    expect(atTwelve.length).toBeGreaterThan(3);
    expect(atTwelve.some((o) => Number(o.valueInteger) < 5)).toBe(true);
    expect(atTwelve.some((o) => Number(o.valueInteger) >= 5)).toBe(true);
  });
});
