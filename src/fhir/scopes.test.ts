import { describe, expect, it } from 'vitest';
import { parseRuntimeConfig, settingsForIssuer } from '../config/runtimeConfig';
import { parseGrantedScopes, requestedScopes } from './scopes';

const config = parseRuntimeConfig({
  clientId: 'cocm-registry',
  read: ['Patient', 'Observation', 'Flag'],
  write: ['Observation', 'Flag'],
  issuers: [{ issMatch: '/cerner\\.com/', scopeSyntax: 'v1', clientId: 'oracle-id' }],
});

describe('requestedScopes', () => {
  it('asks in v2 syntax by default, with launch and identity scopes', () => {
    const scope = requestedScopes(settingsForIssuer(config, 'https://ehr.example/fhir'), 'ehr').split(' ');
    expect(scope).toEqual(expect.arrayContaining(['launch', 'openid', 'fhirUser', 'online_access', 'user/Patient.rs', 'user/Observation.crus']));
    expect(scope).not.toContain('launch/patient');
  });

  it('asks for launch/patient in a standalone launch', () => {
    expect(requestedScopes(settingsForIssuer(config, 'https://ehr.example/fhir'), 'standalone').split(' ')).toContain('launch/patient');
  });

  it('uses v1 syntax for an issuer configured so', () => {
    const settings = settingsForIssuer(config, 'https://fhir-ehr.cerner.com/r4/abc');
    expect(settings.clientId).toBe('oracle-id');
    const scope = requestedScopes(settings, 'ehr').split(' ');
    expect(scope).toEqual(expect.arrayContaining(['user/Patient.read', 'user/Observation.read', 'user/Observation.write']));
    expect(scope.some((s) => s.endsWith('.rs'))).toBe(false);
  });
});

describe('parseGrantedScopes', () => {
  it('reads v2 permissions per type', () => {
    const granted = parseGrantedScopes('launch openid fhirUser user/Observation.crs user/Patient.rs');
    expect(granted.can('Observation', 'c')).toBe(true);
    expect(granted.can('Observation', 'u')).toBe(false);
    expect(granted.can('Patient', 's')).toBe(true);
    expect(granted.can('Flag', 'r')).toBe(false);
    expect(granted.patientOnly).toBe(false);
  });

  it('reads v1 read/write and wildcards', () => {
    const granted = parseGrantedScopes('patient/*.read patient/Observation.write');
    expect(granted.can('Flag', 'r')).toBe(true);
    expect(granted.can('Flag', 'c')).toBe(false);
    expect(granted.can('Observation', 'c')).toBe(true);
    expect(granted.patientOnly).toBe(true);
  });

  it('treats a v2 scope with a query as that type', () => {
    expect(parseGrantedScopes('user/Observation.rs?category=survey').can('Observation', 'r')).toBe(true);
  });

  it('grants nothing for an empty or missing scope', () => {
    const granted = parseGrantedScopes(undefined);
    expect(granted.can('Patient', 'r')).toBe(false);
    expect(granted.patientOnly).toBe(false);
    expect(granted.has('openid')).toBe(false);
  });

  it('ignores unknown permission letters rather than granting', () => {
    expect(parseGrantedScopes('user/Observation.xyz').can('Observation', 'r')).toBe(false);
  });
});
