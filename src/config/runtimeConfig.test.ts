import { describe, expect, it } from 'vitest';
import shipped from '../../public/config.json';
import { clinicTimeZone, ConfigError, issuerMatches, issuerTrusted, parseRuntimeConfig, settingsForIssuer } from './runtimeConfig';

describe('parseRuntimeConfig', () => {
  it('accepts the config.json we ship', () => {
    const config = parseRuntimeConfig(shipped);
    expect(config.clientId).toBe('cocm-registry');
    expect(config.read).toContain('Observation');
    expect(config.patientApp?.clientId).toBe('cocm-patient');
    expect(config.patientApp?.scopes).toEqual(
      expect.arrayContaining(['launch/patient', 'openid', 'fhirUser', 'patient/*.rs', 'patient/QuestionnaireResponse.c', 'patient/Observation.c']),
    );
  });

  it('takes the patient app registration per issuer', () => {
    const config = parseRuntimeConfig({
      clientId: 'x',
      patientApp: { clientId: 'p', scopes: ['launch/patient'] },
      issuers: [{ issMatch: 'https://v1.example/fhir', patientApp: { clientId: 'p-v1', scopes: ['launch/patient', 'patient/*.read'] } }],
    });
    expect(settingsForIssuer(config, 'https://v1.example/fhir').patientApp?.clientId).toBe('p-v1');
    expect(settingsForIssuer(config, 'https://other.example/fhir').patientApp?.clientId).toBe('p');
  });

  it.each([
    [null, /JSON object/],
    [{}, /clientId is required/],
    [{ clientId: 'x', scopeSyntax: 'v3' }, /scopeSyntax/],
    [{ clientId: 'x', read: 'Patient' }, /read must be a list/],
    [{ clientId: 'x', issuers: [{ clientId: 'y' }] }, /issuers\[0\]: issMatch is required/],
    [{ clientId: 'x', issuers: [{ issMatch: '/([/' }] }, /not a valid regular expression/],
    [{ clientId: 'x', requestTimeoutMs: -1 }, /requestTimeoutMs/],
    [{ clientId: 'x', timeZone: 'Mars/Olympus' }, /IANA time zone/],
    [{ clientId: 'x', trustedIssuers: 'https://a' }, /trustedIssuers must be a list/],
    [{ clientId: 'x', trustedIssuers: ['/([/'] }, /trustedIssuers\[0\].*not a valid regular expression/],
    [{ clientId: 'x', frameAncestors: ["'self'; script-src *"] }, /frameAncestors/],
    [{ clientId: 'x', patientApp: { clientId: 'p', scopes: [] } }, /patientApp: scopes must be a non-empty list/],
  ])('names what is wrong in %j', (raw, message) => {
    expect(() => parseRuntimeConfig(raw)).toThrow(ConfigError);
    expect(() => parseRuntimeConfig(raw)).toThrow(message);
  });
});

describe('clinicTimeZone', () => {
  it("takes the configured zone, else the browser's", () => {
    expect(clinicTimeZone(parseRuntimeConfig({ clientId: 'x', timeZone: 'America/Chicago' }))).toBe('America/Chicago');
    expect(clinicTimeZone(parseRuntimeConfig({ clientId: 'x' }))).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});

describe('settingsForIssuer', () => {
  const config = parseRuntimeConfig({
    clientId: 'default',
    issuers: [
      { issMatch: 'https://a.example/fhir', clientId: 'a' },
      { issMatch: '/b\\.example/', clientId: 'b', scopeSyntax: 'v1' },
    ],
  });
  it('takes the first matching override, exact or regex, ignoring a trailing slash', () => {
    expect(settingsForIssuer(config, 'https://a.example/fhir/').clientId).toBe('a');
    expect(settingsForIssuer(config, 'https://b.example/r4').scopeSyntax).toBe('v1');
    expect(settingsForIssuer(config, 'https://c.example/fhir').clientId).toBe('default');
  });
  it('matches exact strings exactly', () => {
    expect(issuerMatches('https://a.example/fhir', 'https://a.example/fhir2')).toBe(false);
  });
});

describe('issuerTrusted', () => {
  const app = 'https://cocm.example.org/app/launch.html?iss=x';
  it('trusts the shipped defaults: the sandbox beside the app and, for development, localhost only', () => {
    const config = parseRuntimeConfig(shipped);
    expect(issuerTrusted(config, 'https://cocm.example.org/app/fhir', app)).toBe(true);
    expect(issuerTrusted(config, 'http://localhost:8080/fhir', app)).toBe(true);
    expect(issuerTrusted(config, 'http://127.0.0.1:41234/fhir', app)).toBe(true);
    expect(issuerTrusted(config, 'https://cocm.example.org/fhir', app)).toBe(false);
    expect(issuerTrusted(config, 'http://localhost.evil.example/fhir', app)).toBe(false);
    expect(issuerTrusted(config, 'https://evil.example/?http://localhost:1/', app)).toBe(false);
    expect(issuerTrusted(config, 'https://localhost:8080/fhir', app)).toBe(false);
  });
  it('matches exact entries exactly (ignoring a trailing slash) and regex entries as written', () => {
    const config = parseRuntimeConfig({ clientId: 'x', trustedIssuers: ['https://ehr.example.org/fhir/r4', '/^https:\\/\\/[a-z]+\\.epic\\.example\\/api\\/FHIR\\/R4$/'] });
    expect(issuerTrusted(config, 'https://ehr.example.org/fhir/r4/', app)).toBe(true);
    expect(issuerTrusted(config, 'https://ehr.example.org/fhir/r4/x', app)).toBe(false);
    expect(issuerTrusted(config, 'https://north.epic.example/api/FHIR/R4', app)).toBe(true);
    expect(issuerTrusted(config, 'https://north.epic.example/api/FHIR/R4/../../x', app)).toBe(false);
  });
  it('trusts nothing when the list is empty', () => {
    expect(issuerTrusted(parseRuntimeConfig({ clientId: 'x' }), 'http://localhost:8080/fhir', app)).toBe(false);
  });
});
