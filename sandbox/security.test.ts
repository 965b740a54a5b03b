/**
 * The sandbox's defences, probed the way the security review did (issue 13): forged Host
 * headers, foreign origins, a patient-level token reaching past its patient, replayed launch
 * ids; plus the headers, compression and injected faults the sandbox offers.
 */
import type { Group, Observation, Patient, Resource } from '@medplum/fhirtypes';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server.ts';
import { authorize, bearer, ehrLaunch, launchAndToken, pkcePair } from './testing/smart.ts';

let sb: Sandbox;
let appDir: string;

const mine: Patient = { resourceType: 'Patient', id: 'mine', name: [{ family: 'Mine' }] };
const theirs: Patient = { resourceType: 'Patient', id: 'theirs', name: [{ family: 'Theirs' }] };
const obs = (id: string, patient: string): Observation => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { text: 'x' },
  subject: { reference: `Patient/${patient}` },
  valueInteger: 1,
});
const roster: Group = {
  resourceType: 'Group',
  id: 'program',
  type: 'person',
  actual: true,
  member: [{ entity: { reference: 'Patient/mine' } }, { entity: { reference: 'Patient/theirs' } }],
};

beforeAll(async () => {
  appDir = mkdtempSync(join(tmpdir(), 'cocm-sec-'));
  writeFileSync(
    join(appDir, 'index.html'),
    '<!doctype html><html><head><meta property="csp-nonce" nonce="CSP_NONCE_PLACEHOLDER"></head><body>' + 'x'.repeat(2000) + '</body></html>',
  );
  writeFileSync(join(appDir, 'config.json'), JSON.stringify({ clientId: 'cocm-registry', frameAncestors: ["'self'", 'https://ehr.example.org'] }));
  const resources: Resource[] = [mine, theirs, { resourceType: 'Practitioner', id: 'cm', name: [{ family: 'Care' }] }, obs('o-mine', 'mine'), obs('o-theirs', 'theirs'), roster];
  sb = await startSandbox({ port: 0, resources, appDir, quiet: true });
});
afterAll(() => sb.close());

/** A raw request, so the Host header can be forged (fetch will not). */
function raw(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const url = new URL(path, sb.origin);
  return new Promise((ok, fail) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('Host and origin', () => {
  it('refuses a Host it does not own before building any URL from it', async () => {
    const launch = await raw('/ehr/launch', { Host: 'evil.example' });
    expect(launch.status).toBe(421);
    expect(launch.headers.location).toBeUndefined();
    const pkce = pkcePair();
    const { launch: id } = await ehrLaunch(sb.origin);
    const auth = await raw(
      `/auth/authorize?response_type=code&client_id=cocm-registry&redirect_uri=${encodeURIComponent('http://evil.example/index.html')}&state=s&aud=${encodeURIComponent('http://evil.example/fhir')}&launch=${id}&scope=launch&code_challenge=${pkce.challenge}&code_challenge_method=S256`,
      { Host: 'evil.example' },
    );
    expect(auth.status).toBe(421);
    expect(auth.headers.location).toBeUndefined();
    // A DNS-rebinding page reaches 127.0.0.1 under its own name: refused too.
    expect((await raw('/fhir/metadata', { Host: 'rebind.attacker.example:' + new URL(sb.origin).port })).status).toBe(421);
  });

  it('answers localhost and 127.0.0.1 on its port', async () => {
    const port = new URL(sb.origin).port;
    expect((await raw('/fhir/metadata', { Host: `localhost:${port}` })).status).toBe(200);
    expect((await raw('/fhir/metadata', { Host: `127.0.0.1:${port}` })).status).toBe(200);
  });

  it('allows CORS for the app origin only', async () => {
    const token = (await launchAndToken(sb.origin)).access_token;
    const own = await fetch(`${sb.fhirBase}/Patient/mine`, { headers: bearer(token, { Origin: sb.origin }) });
    expect(own.headers.get('access-control-allow-origin')).toBe(sb.origin);
    const foreign = await fetch(`${sb.fhirBase}/Patient/mine`, { headers: bearer(token, { Origin: 'https://evil.example' }) });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${sb.fhirBase}/Observation`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });
});

describe('patient-level tokens stay in their patient', () => {
  let token: string;
  beforeAll(async () => {
    token = (await launchAndToken(sb.origin, { patient: 'mine', scope: 'launch patient/*.cruds' })).access_token;
  });

  it("cannot read another patient's record through _history", async () => {
    expect((await fetch(`${sb.fhirBase}/Observation/o-theirs/_history`, { headers: bearer(token) })).status).toBe(403);
    const user = (await launchAndToken(sb.origin)).access_token;
    const version = ((await (await fetch(`${sb.fhirBase}/Observation/o-theirs`, { headers: bearer(user) })).json()) as Observation).meta?.versionId;
    expect((await fetch(`${sb.fhirBase}/Observation/o-theirs/_history/${version}`, { headers: bearer(token) })).status).toBe(403);
    const own = await fetch(`${sb.fhirBase}/Observation/o-mine/_history`, { headers: bearer(token) });
    expect(own.status).toBe(200);
  });

  it('cannot read or search the program Group', async () => {
    expect((await fetch(`${sb.fhirBase}/Group/program`, { headers: bearer(token) })).status).toBe(403);
    expect((await fetch(`${sb.fhirBase}/Group?type=person`, { headers: bearer(token) })).status).toBe(403);
    const user = (await launchAndToken(sb.origin)).access_token;
    expect((await fetch(`${sb.fhirBase}/Group/program`, { headers: bearer(user) })).status).toBe(200);
  });
});

describe('launch ids', () => {
  it('are good for one authorization only', async () => {
    const { launch } = await ehrLaunch(sb.origin, { patient: 'mine' });
    const first = await authorize(sb.origin, pkcePair(), { launch });
    expect(first.location?.searchParams.get('code')).toBeTruthy();
    const second = await authorize(sb.origin, pkcePair(), { launch });
    expect(second.location?.searchParams.get('code')).toBeNull();
    expect(second.location?.searchParams.get('error')).toBe('invalid_request');
  });
});

describe('headers and compression', () => {
  it('sends the app a strict CSP with a fresh style nonce, nosniff and the configured frame-ancestors', async () => {
    const a = await fetch(`${sb.origin}/index.html`);
    const b = await fetch(`${sb.origin}/`);
    const csp = a.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("frame-ancestors 'self' https://ehr.example.org");
    expect(csp).toContain("connect-src 'self'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(await a.text()).toContain(`nonce="${nonce}"`);
    expect(b.headers.get('content-security-policy')).not.toContain(nonce);
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends the EHR pages a CSP without inline script or style', async () => {
    const res = await fetch(`${sb.origin}/ehr/`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).not.toMatch(/<script>|<style>|style="/);
  });

  it('answers with gzip when asked, and keeps the connection open', async () => {
    const res = await raw('/index.html', { Host: new URL(sb.origin).host, 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.connection).toBe('keep-alive');
    const plain = await raw('/index.html', { Host: new URL(sb.origin).host });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('x'.repeat(2000));
  });

  it('gzips FHIR JSON that the client can read back', async () => {
    const token = (await launchAndToken(sb.origin)).access_token;
    const url = new URL(`${sb.fhirBase}/Observation?_count=50`);
    const body = await new Promise<Buffer>((ok, fail) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname + url.search, headers: { ...bearer(token), 'Accept-Encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok(res.headers['content-encoding'] === 'gzip' ? gunzipSync(Buffer.concat(chunks)) : Buffer.concat(chunks)));
      });
      req.on('error', fail);
      req.end();
    });
    expect((JSON.parse(body.toString('utf8')) as { resourceType: string }).resourceType).toBe('Bundle');
  });

  it('serves a hashed asset compressed once, and a rebuilt one anew', async () => {
    mkdirSync(join(appDir, 'assets'), { recursive: true });
    const file = join(appDir, 'assets', 'chunk-abc123.js');
    const get = (gzip: boolean) =>
      new Promise<string>((ok, fail) => {
        const url = new URL('/assets/chunk-abc123.js', sb.origin);
        const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: gzip ? { 'Accept-Encoding': 'gzip' } : {} }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => ok((res.headers['content-encoding'] === 'gzip' ? gunzipSync(Buffer.concat(chunks)) : Buffer.concat(chunks)).toString('utf8')));
        });
        req.on('error', fail);
        req.end();
      });
    writeFileSync(file, 'export const a = 1;\n'.repeat(100));
    expect(await get(true)).toBe('export const a = 1;\n'.repeat(100));
    expect(await get(true)).toBe('export const a = 1;\n'.repeat(100));
    expect(await get(false)).toBe('export const a = 1;\n'.repeat(100));
    // A rebuild writes the file again: the next answer is the new file, not the kept one.
    writeFileSync(file, 'export const b = 22;\n'.repeat(120));
    expect(await get(true)).toBe('export const b = 22;\n'.repeat(120));
    expect(await get(false)).toBe('export const b = 22;\n'.repeat(120));
  });
});

describe('--faults', () => {
  it('injects the configured statuses, deterministically for a seed', async () => {
    const run = async (): Promise<number[]> => {
      const flaky = await startSandbox({ port: 0, resources: [mine, obs('o1', 'mine')], appDir, quiet: true, faults: 'Observation:503:0.5,*:429:0.2', faultSeed: 'same' });
      const token = (await launchAndToken(flaky.origin)).access_token;
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await fetch(`${flaky.fhirBase}/Observation?patient=mine`, { headers: bearer(token) })).status);
      expect(flaky.faults.total).toBe(statuses.filter((s) => s !== 200).length);
      await flaky.close();
      return statuses;
    };
    const first = await run();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(new Set(first)).toEqual(new Set([200, 503, 429]));
    expect(await run()).toEqual(first);
  });
});
