import { describe, expect, it } from 'vitest';
import { CliError, DEFAULT_PORT, parseCliArgs } from './cliArgs.ts';

describe('CLI options', () => {
  it('has documented defaults', () => {
    expect(parseCliArgs([])).toMatchObject({ port: DEFAULT_PORT, patients: 200, seed: 'cocm', profile: 'generic', latencyMs: 0, tokenLifetimeSeconds: 3600 });
  });

  it('reads every option, with a space or =', () => {
    expect(
      parseCliArgs(['--port', '0', '--patients=1000', '--seed', 'x', '--data', 'a/b', '--profile', 'generic', '--latency', '150', '--token-lifetime=60', '--quiet']),
    ).toMatchObject({
      port: 0,
      patients: 1000,
      seed: 'x',
      data: 'a/b',
      profile: 'generic',
      latencyMs: 150,
      tokenLifetimeSeconds: 60,
      quiet: true,
    });
  });

  it('takes every profile and the epic flowsheet codes', () => {
    expect(parseCliArgs(['--profile', 'epic']).profile).toBe('epic');
    expect(parseCliArgs(['--profile=oracle']).profile).toBe('oracle');
    expect(parseCliArgs(['--flowsheet-codes', '44261-6, 70274-6,55758-7']).flowsheetCodes).toEqual(['44261-6', '70274-6', '55758-7']);
    expect(() => parseCliArgs(['--flowsheet-codes', 'PHQ9'])).toThrow(/LOINC codes/);
  });

  it('refuses unknown profiles, bad numbers and unknown options clearly', () => {
    expect(() => parseCliArgs(['--profile', 'cerner'])).toThrow(/unknown --profile "cerner"; choose one of: generic, epic, oracle/);
    expect(() => parseCliArgs(['--patients', 'many'])).toThrow(CliError);
    expect(() => parseCliArgs(['--latency'])).toThrow(/needs a whole number/);
    expect(() => parseCliArgs(['--frobnicate'])).toThrow(/unknown option/);
  });

  it('listens on loopback unless --host says otherwise; takes app origins and fault specs', () => {
    expect(parseCliArgs([]).host).toBe('127.0.0.1');
    expect(parseCliArgs(['--host', '0.0.0.0']).host).toBe('0.0.0.0');
    expect(parseCliArgs(['--app-origin', 'http://localhost:5173/x', '--app-origin=http://127.0.0.1:5173']).appOrigins).toEqual(['http://localhost:5173', 'http://127.0.0.1:5173']);
    expect(parseCliArgs(['--backend-client', 'job=keys/jwks.json', '--backend-client=b=https://x/jwks']).backendClients).toEqual(['job=keys/jwks.json', 'b=https://x/jwks']);
    expect(() => parseCliArgs(['--backend-client', 'job'])).toThrow(/ID=JWKS_FILE/);
    expect(parseCliArgs(['--faults', 'Observation:503:0.2,*:429:0.05,*:delay:2000:0.1,*:drop:0.02', '--fault-seed', 's1'])).toMatchObject({
      faults: 'Observation:503:0.2,*:429:0.05,*:delay:2000:0.1,*:drop:0.02',
      faultSeed: 's1',
    });
    expect(() => parseCliArgs(['--faults', 'Observation:503:2'])).toThrow(/probability must be a number from 0 to 1/);
    expect(() => parseCliArgs(['--faults', 'observation:503:0.1'])).toThrow(/resource type/);
    expect(() => parseCliArgs(['--faults', '*:delay:x:0.1'])).toThrow(/TYPE:delay:MILLISECONDS:PROBABILITY/);
    expect(() => parseCliArgs(['--app-origin', 'nope'])).toThrow(/--app-origin needs an origin/);
    expect(() => parseCliArgs(['--host', 'a b'])).toThrow(/--host/);
  });
});
