/** `npm run measures` options for a Bulk Data source: what goes together, and the words when it does not. */
import { describe, expect, it } from 'vitest';
import { parseMeasuresArgs } from './cliArgs';

describe('--fhir options', () => {
  it('takes the server, the Group and the backend client', () => {
    const opts = parseMeasuresArgs(['--fhir', 'https://ehr.example/fhir', '--group', 'g1', '--client-id', 'job', '--key', 'k.json', '--kid=k1']);
    expect(opts.fhir).toEqual({ url: 'https://ehr.example/fhir', group: 'g1', clientId: 'job', key: 'k.json', kid: 'k1' });
    expect(opts.data).toBeUndefined();
  });

  it('needs a client id and a key, an http(s) base URL, and not --data as well', () => {
    expect(() => parseMeasuresArgs(['--fhir', 'https://ehr.example/fhir'])).toThrow(/needs --client-id and --key/);
    expect(() => parseMeasuresArgs(['--fhir', 'ehr.example', '--client-id', 'a', '--key', 'k'])).toThrow(/FHIR base URL/);
    expect(() => parseMeasuresArgs(['--fhir', 'https://e/fhir', '--client-id', 'a', '--key', 'k', '--data', 'x'])).toThrow(/either --data or --fhir/);
    expect(() => parseMeasuresArgs(['--group', 'g'])).toThrow(/go with --fhir/);
    expect(() => parseMeasuresArgs([])).toThrow(/--data PATH or --fhir URL is required/);
  });
});
