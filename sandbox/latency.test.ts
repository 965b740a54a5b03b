import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server.ts';

let sb: Sandbox;
let appDir: string;
const LATENCY = 300;

beforeAll(async () => {
  appDir = await mkdtemp(join(tmpdir(), 'sandbox-app-'));
  await writeFile(join(appDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(appDir, 'app.js'), 'export {};');
  sb = await startSandbox({ port: 0, patients: 2, seed: 'latency', appDir, latencyMs: LATENCY });
});
afterAll(async () => {
  await sb.close();
  await rm(appDir, { recursive: true, force: true });
});

async function timed(url: string): Promise<{ ms: number; res: Response }> {
  const t0 = performance.now();
  const res = await fetch(url, { redirect: 'manual' });
  await res.arrayBuffer();
  return { ms: performance.now() - t0, res };
}

describe('--latency', () => {
  it('delays FHIR and authorization responses, not the app or the EHR pages', async () => {
    for (const path of ['/fhir/metadata', '/fhir/.well-known/smart-configuration', '/fhir/Patient', '/auth/jwks']) {
      const { ms } = await timed(sb.origin + path);
      expect(ms, path).toBeGreaterThanOrEqual(LATENCY - 5);
    }
    for (const path of ['/', '/index.html', '/app.js', '/ehr/']) {
      const { ms, res } = await timed(sb.origin + path);
      expect(res.status, path).toBe(200);
      expect(ms, path).toBeLessThan(LATENCY - 50);
    }
  });

  it('reports the sandbox time without the added latency, and serves static files with their content types', async () => {
    const { res } = await timed(`${sb.origin}/fhir/metadata`);
    expect(Number(res.headers.get('x-sandbox-time-ms'))).toBeLessThan(LATENCY);
    expect((await timed(`${sb.origin}/`)).res.headers.get('content-type')).toContain('text/html');
    expect((await timed(`${sb.origin}/app.js`)).res.headers.get('content-type')).toContain('text/javascript');
    expect((await timed(`${sb.origin}/../../etc/passwd`)).res.status).toBe(404);
  });
});
