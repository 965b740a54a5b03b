import { describe, expect, it } from 'vitest';
import { CliError, DEFAULT_PORT, parseCliArgs } from './cliArgs.ts';

describe('CLI options', () => {
  it('has documented defaults', () => {
    expect(parseCliArgs([])).toMatchObject({ port: DEFAULT_PORT, patients: 200, seed: 'cocm', profile: 'generic', latencyMs: 0, tokenLifetimeSeconds: 3600 });
  });

  it('reads every option, with a space or =', () => {
    expect(parseCliArgs(['--port', '0', '--patients=1000', '--seed', 'x', '--data', 'a/b', '--profile', 'generic', '--latency', '150', '--token-lifetime=60', '--quiet'])).toMatchObject({
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
});
