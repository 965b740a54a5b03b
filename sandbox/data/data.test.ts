import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../server.ts';
import { bearer, launchAndToken } from '../testing/smart.ts';
import { DataLoadError, loadDataPath } from './load.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-data-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const patient = (id: string) => ({ resourceType: 'Patient', id, name: [{ family: `Fam-${id}` }] });
const observation = (id: string, subject: string) => ({ resourceType: 'Observation', id, status: 'final', code: { text: 'x' }, subject: { reference: `Patient/${subject}` } });

describe('--data loader', () => {
  it('loads a collection Bundle keeping ids, and the server serves them', async () => {
    const file = join(dir, 'bundle.json');
    await writeFile(
      file,
      JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: patient('keep-me') }, { resource: observation('obs-keep', 'keep-me') }] }),
    );
    const sb = await startSandbox({ port: 0, data: file, appDir: '/nonexistent' });
    try {
      expect(sb.counts).toMatchObject({ Patient: 1, Observation: 1, Practitioner: 1 });
      // The data has no practitioner: the sandbox adds its own user so launches still work.
      const token = await launchAndToken(sb.origin, { patient: 'keep-me' });
      expect(token.fhirUser).toBe('Practitioner/sandbox-user');
      const res = await fetch(`${sb.fhirBase}/Observation/obs-keep`, { headers: bearer(token.access_token) });
      expect(((await res.json()) as { subject: { reference: string } }).subject.reference).toBe('Patient/keep-me');
    } finally {
      await sb.close();
    }
  });

  it('loads a folder of NDJSON and transaction Bundles (urn:uuid references resolved)', async () => {
    const folder = join(dir, 'folder');
    await mkdir(join(folder, 'nested'), { recursive: true });
    await writeFile(join(folder, 'Patient.ndjson'), [patient('n1'), patient('n2')].map((r) => JSON.stringify(r)).join('\n') + '\n');
    await writeFile(join(folder, 'nested', 'Observation.ndjson'), JSON.stringify(observation('n-obs', 'n1')) + '\n\n');
    await writeFile(join(folder, 'Practitioner.json'), JSON.stringify({ resourceType: 'Practitioner', id: 'dr', name: [{ family: 'Who' }] }));
    const uuid = 'urn:uuid:0b6f6a5e-9a3c-4a0e-8d52-3d0f1c2b4a11';
    await writeFile(
      join(folder, 'tx.json'),
      JSON.stringify({
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { fullUrl: uuid, resource: { resourceType: 'Patient', name: [{ family: 'Tx' }] }, request: { method: 'POST', url: 'Patient' } },
          { resource: { ...observation('tx-obs', 'x'), subject: { reference: uuid } }, request: { method: 'POST', url: 'Observation' } },
        ],
      }),
    );
    const resources = await loadDataPath(folder);
    expect(resources.map((r) => r.id).sort()).toEqual(['0b6f6a5e-9a3c-4a0e-8d52-3d0f1c2b4a11', 'dr', 'n-obs', 'n1', 'n2', 'tx-obs']);
    const sb = await startSandbox({ port: 0, data: folder, appDir: '/nonexistent' });
    try {
      const token = (await launchAndToken(sb.origin, { patient: 'n1' })).access_token;
      const bundle = (await (await fetch(`${sb.fhirBase}/Observation?patient=n1`, { headers: bearer(token) })).json()) as { entry: { resource: { id: string } }[] };
      expect(bundle.entry.map((e) => e.resource.id)).toEqual(['n-obs']);
      const tx = (await (await fetch(`${sb.fhirBase}/Observation/tx-obs`, { headers: bearer(token) })).json()) as { subject: { reference: string } };
      expect(tx.subject.reference).toBe('Patient/0b6f6a5e-9a3c-4a0e-8d52-3d0f1c2b4a11');
    } finally {
      await sb.close();
    }
  });

  it('names the broken file and the problem', async () => {
    const folder = join(dir, 'broken');
    await mkdir(folder);
    await writeFile(join(folder, 'a-good.ndjson'), JSON.stringify(patient('ok')) + '\n');
    await writeFile(join(folder, 'b-bad.ndjson'), JSON.stringify(patient('ok2')) + '\n{"resourceType": "Patient",\n');
    await expect(loadDataPath(folder)).rejects.toThrow(DataLoadError);
    await expect(loadDataPath(folder)).rejects.toThrow(/b-bad\.ndjson: line 2 is not valid JSON/);
    const json = join(dir, 'notfhir.json');
    await writeFile(json, JSON.stringify({ hello: 'world' }));
    await expect(loadDataPath(json)).rejects.toThrow(/notfhir\.json: missing or unknown resourceType/);
    await expect(startSandbox({ port: 0, data: folder, appDir: '/nonexistent' })).rejects.toThrow(/b-bad\.ndjson/);
  });
});
