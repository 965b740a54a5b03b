/**
 * The measure reads ask for every Observation code the measures' published ELM retrieves:
 * walked from the vendored packages, so a new package version with a new code fails here.
 */
import { describe, expect, it } from 'vitest';
import { MEASURE_IDS } from '../../measures/ecqm/measures';
import { readMeasureBundle } from '../../measures/ecqm/node/measurePackage';
import { MEASURE_OBSERVATION_CODES, MEASURE_SEARCHES } from './measureRecords';

type Node = Record<string, unknown>;

function observationRetrieveCodes(elm: Node, valueSets: Map<string, string[]>): string[] {
  const library = elm.library as Node;
  const codes = new Map(((library.codes as { def?: Node[] } | undefined)?.def ?? []).map((c) => [c.name as string, c.id as string]));
  const vsIds = new Map(((library.valueSets as { def?: Node[] } | undefined)?.def ?? []).map((v) => [v.name as string, v.id as string]));
  const found: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const node = n as Node;
    if (node.type === 'Retrieve' && String(node.dataType ?? '').includes('Observation')) {
      const c = node.codes as Node | undefined;
      expect(c, 'every Observation retrieve names codes').toBeDefined();
      if (c?.type === 'ValueSetRef') found.push(...(valueSets.get(vsIds.get(c.name as string) ?? '') ?? ['missing value set']));
      else if (c?.type === 'ToList' && (c.operand as Node).type === 'CodeRef') found.push(codes.get((c.operand as Node).name as string) ?? 'missing code');
      else found.push(`unexpected ${JSON.stringify(c)}`);
    }
    Object.values(node).forEach(walk);
  };
  walk(elm);
  return found;
}

describe('measure reads', () => {
  it('search every Observation code that CMS159 and CMS2 retrieve', async () => {
    const wanted = new Set<string>();
    for (const id of MEASURE_IDS) {
      const bundle = await readMeasureBundle(id);
      const resources = (bundle.entry ?? []).map((e) => e.resource as unknown as Node);
      const valueSets = new Map(
        resources
          .filter((r) => r.resourceType === 'ValueSet')
          .map((v) => [v.url as string, ((v.expansion as { contains?: Node[] } | undefined)?.contains ?? []).map((c) => c.code as string)]),
      );
      for (const lib of resources.filter((r) => r.resourceType === 'Library')) {
        const content = (lib.content as { contentType: string; data: string }[]).find((c) => c.contentType === 'application/elm+json');
        for (const code of observationRetrieveCodes(JSON.parse(Buffer.from(content!.data, 'base64').toString('utf8')) as Node, valueSets)) wanted.add(code);
      }
    }
    expect([...wanted].sort()).toEqual([...MEASURE_OBSERVATION_CODES].sort());
    expect(MEASURE_SEARCHES.find((s) => s.type === 'Observation')?.params?.code).toContain('http://loinc.org|73832-8');
  });
});
