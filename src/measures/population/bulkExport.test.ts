/**
 * The population pipeline's export, end to end against the sandbox: backend-services token,
 * Group kick-off with _type, polling (the sandbox takes a moment and says so), NDJSON
 * downloads, deletion of the export, _since, resume after an interruption, and the words an
 * analyst gets when the server cannot export or the key is wrong.
 */
import { exportJWK, generateKeyPair } from 'jose';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROGRAM_GROUP_ID } from '../../../sandbox/panel/programLists';
import { startSandbox, type Sandbox } from '../../../sandbox/server';
import { BackendAuth, readPrivateKey } from './backendAuth';
import { exportToFolder, type ExportProgress } from './bulkExport';

const CLIENT = 'population-job';
let sb: Sandbox;
let work: string;
let keyPath: string;
let wrongKeyPath: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulk-test-'));
  const pair = await generateKeyPair('RS384', { extractable: true });
  const wrong = await generateKeyPair('RS384', { extractable: true });
  keyPath = join(work, 'key.jwk.json');
  wrongKeyPath = join(work, 'wrong.jwk.json');
  await writeFile(keyPath, JSON.stringify({ ...(await exportJWK(pair.privateKey)), kid: 'job-1', alg: 'RS384' }));
  await writeFile(wrongKeyPath, JSON.stringify({ ...(await exportJWK(wrong.privateKey)), kid: 'job-1', alg: 'RS384' }));
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'job-1', alg: 'RS384' };
  sb = await startSandbox({
    port: 0,
    patients: 30,
    seed: 'bulk-tests',
    now: new Date('2026-06-01T00:00:00Z'),
    appDir: '/nonexistent',
    backendClients: [{ clientId: CLIENT, jwks: { keys: [jwk] } }],
    bulkMinDurationMs: 300,
  });
});
afterAll(async () => {
  await sb.close();
  await rm(work, { recursive: true, force: true });
});

async function auth(path = keyPath): Promise<BackendAuth> {
  return new BackendAuth({ tokenUrl: `${sb.origin}/auth/token`, clientId: CLIENT, key: await readPrivateKey(path), scope: 'system/Patient.rs system/Observation.rs system/Group.rs' });
}

function groupMembers(): string[] {
  const group = sb.store.peek('Group', PROGRAM_GROUP_ID) as { member?: { entity?: { reference?: string } }[] };
  return (group.member ?? []).map((m) => m.entity!.reference!.replace('Patient/', ''));
}

async function lines(path: string): Promise<{ resourceType: string; id: string; subject?: { reference?: string } }[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { resourceType: string; id: string });
}

/** A run stopped by the user right after its first file arrived: where its export was, and which file it had. */
async function interruptedRun(out: string): Promise<{ statusUrl: string; downloads: string[] }> {
  let statusUrl = '';
  const downloads: string[] = [];
  await expect(
    exportToFolder({
      fhirBase: sb.fhirBase,
      group: PROGRAM_GROUP_ID,
      types: ['Patient', 'Observation'],
      outDir: out,
      auth: await auth(),
      maxPollWaitMs: 200,
      onProgress: (e) => {
        if (e.stage === 'kick-off') statusUrl = e.statusUrl;
        if (e.stage === 'download') {
          downloads.push(e.file);
          throw new Error('interrupted');
        }
      },
    }),
  ).rejects.toThrow('interrupted');
  return { statusUrl, downloads };
}

describe('Bulk Data export through backend services', () => {
  it("exports the program Group's patients and their Observations, polling until ready, then deletes the export", async () => {
    const out = join(work, 'run1');
    const events: ExportProgress[] = [];
    const result = await exportToFolder({ fhirBase: sb.fhirBase, group: PROGRAM_GROUP_ID, types: ['Patient', 'Observation'], outDir: out, auth: await auth(), onProgress: (e) => events.push(e), maxPollWaitMs: 200 });
    expect(result.resumed).toBe(false);
    const members = new Set(groupMembers());
    expect(members.size).toBeGreaterThan(5);
    const patients = (await Promise.all(result.files.filter((f) => f.type === 'Patient').map((f) => lines(f.path)))).flat();
    expect(new Set(patients.map((p) => p.id))).toEqual(members);
    const observations = (await Promise.all(result.files.filter((f) => f.type === 'Observation').map((f) => lines(f.path)))).flat();
    const expected = [...sb.store.all('Observation')].filter((o) => members.has(String((o as { subject?: { reference?: string } }).subject?.reference).replace('Patient/', '')));
    expect(observations.length).toBe(expected.length);
    expect(observations.every((o) => members.has(String(o.subject?.reference).replace('Patient/', '')))).toBe(true);
    // The server was asked to wait at least once and said how far it was.
    expect(events.some((e) => e.stage === 'waiting' && /in progress/.test(e.progress ?? ''))).toBe(true);
    // Deleted when done: the status URL is gone.
    const kick = events.find((e) => e.stage === 'kick-off') as { statusUrl: string };
    const gone = await fetch(kick.statusUrl, { headers: { Authorization: `Bearer ${await (await auth()).token()}` } });
    expect(gone.status).toBe(404);
  });

  it('with _since after the load exports nothing, and one changed resource after a write', async () => {
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const member = groupMembers()[0]!;
    await sb.store.createResource({ resourceType: 'Observation', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '44261-6' }] }, subject: { reference: `Patient/${member}` }, valueInteger: 7 });
    const result = await exportToFolder({ fhirBase: sb.fhirBase, group: PROGRAM_GROUP_ID, types: ['Patient', 'Observation'], since, outDir: join(work, 'since'), auth: await auth(), maxPollWaitMs: 200 });
    const all = (await Promise.all(result.files.map((f) => lines(f.path)))).flat();
    expect(all.map((r) => r.resourceType)).toEqual(['Observation']);
  });

  it('starts a new export when the one an interrupted run began is gone, and never mixes their files', async () => {
    const out = join(work, 'resume-gone');
    const { statusUrl } = await interruptedRun(out);
    // Meanwhile the server's copy expired.
    await fetch(statusUrl, { method: 'DELETE', headers: { Authorization: `Bearer ${await (await auth()).token()}` } });
    const result = await exportToFolder({ fhirBase: sb.fhirBase, group: PROGRAM_GROUP_ID, types: ['Patient', 'Observation'], outDir: out, auth: await auth(), maxPollWaitMs: 200 });
    expect(result.resumed).toBe(false);
    const patients = (await Promise.all(result.files.filter((f) => f.type === 'Patient').map((f) => lines(f.path)))).flat();
    expect(new Set(patients.map((p) => p.id))).toEqual(new Set(groupMembers()));
    expect((await readdir(out)).filter((f) => f.endsWith('.ndjson')).length).toBe(result.files.length);
  });

  it('a finished run is not resumed: the next run asks for fresh data', async () => {
    const out = join(work, 'twice');
    await exportToFolder({ fhirBase: sb.fhirBase, group: PROGRAM_GROUP_ID, types: ['Patient'], outDir: out, auth: await auth(), maxPollWaitMs: 200 });
    const again = await exportToFolder({ fhirBase: sb.fhirBase, group: PROGRAM_GROUP_ID, types: ['Patient'], outDir: out, auth: await auth(), maxPollWaitMs: 200 });
    expect(again.resumed).toBe(false);
  });

  it('resumes a run whose export still exists without downloading finished files again', async () => {
    const out = join(work, 'resume-live');
    const { downloads } = await interruptedRun(out);
    const firstFile = join(out, downloads[0]!);
    const firstWritten = (await stat(firstFile)).mtimeMs;
    const events: ExportProgress[] = [];
    const result = await exportToFolder({ fhirBase: sb.fhirBase, group: PROGRAM_GROUP_ID, types: ['Patient', 'Observation'], outDir: out, auth: await auth(), maxPollWaitMs: 200, onProgress: (e) => events.push(e) });
    expect(result.resumed).toBe(true);
    expect((await stat(firstFile)).mtimeMs).toBe(firstWritten);
    expect(events.some((e) => e.stage === 'waiting')).toBe(false);
    expect(result.files.length).toBeGreaterThanOrEqual(2);
  });

  it('says what to do when the key is wrong or the server cannot export', async () => {
    await expect(exportToFolder({ fhirBase: sb.fhirBase, group: PROGRAM_GROUP_ID, types: ['Patient'], outDir: join(work, 'wrong'), auth: await auth(wrongKeyPath) })).rejects.toThrow(
      /refused client "population-job": client_assertion's signature does not match/,
    );
    await expect(exportToFolder({ fhirBase: sb.fhirBase, group: 'no-such-group', types: ['Patient'], outDir: join(work, 'nogroup'), auth: await auth() })).rejects.toThrow(/Group\/no-such-group is not known/);
    await expect(exportToFolder({ fhirBase: `${sb.origin}/nothing`, group: PROGRAM_GROUP_ID, types: ['Patient'], outDir: join(work, 'nofhir'), auth: await auth() })).rejects.toThrow(/is .* a FHIR server's base URL/);
  });
});
