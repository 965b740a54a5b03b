/**
 * Runtime configuration, read from `config.json` next to the app at launch time, so that one
 * build serves many EHRs: each health system sets its own client id, scope syntax and
 * per-issuer overrides without rebuilding.
 */

import { ConfigError } from './configError';
import { parseProgramSettings, type ProgramSettings } from './programSettings';

export type ScopeSyntax = 'v1' | 'v2';
export type ScopeContext = 'user' | 'patient';

export interface IssuerSettings {
  clientId: string;
  scopeSyntax: ScopeSyntax;
  scopeContext: ScopeContext;
  /** Resource types the app reads. */
  read: string[];
  /** Resource types the app may create or update. */
  write: string[];
  /** Extra scopes added as written (for example a vendor's own). */
  extraScopes: string[];
  /** Exact redirect URI registered with this EHR; defaults to the app's index.html. */
  redirectUri?: string;
  /** How long one FHIR request may take before the app gives up on it. */
  requestTimeoutMs: number;
  /** The clinic's IANA time zone (calendar days and months); default: the browser's. */
  timeZone?: string;
  /** Clinical, registry, contact cadence and billing rules this program changes from the defaults. */
  program: ProgramSettings;
  /** The patient app (patient.html): its own client id and scopes at this EHR. */
  patientApp?: PatientAppSettings;
}

/** The patient-facing app's registration at an EHR (a patient user, standalone launch from the portal). */
export interface PatientAppSettings {
  clientId: string;
  /** Requested as written: the EHR's patient-facing scopes (v1 or v2). */
  scopes: string[];
  /** Exact redirect URI registered for the patient app; defaults to the app's patient.html. */
  redirectUri?: string;
}

export interface IssuerOverride extends Partial<IssuerSettings> {
  /** The issuer (FHIR base URL) this entry applies to: exact string, or `/regex/`. */
  issMatch: string;
}

export interface RuntimeConfig extends IssuerSettings {
  issuers: IssuerOverride[];
  /**
   * The FHIR servers (issuers) this deployment trusts: exact base URLs (a relative one, such
   * as `./fhir`, is resolved against the app's own address) or `/regular expressions/`. A
   * launch from any other `iss` is refused before the app sends it a single request.
   */
  trustedIssuers: string[];
  /** CSP `frame-ancestors` sources: the EHR hosts that may embed the app (read by the server). */
  frameAncestors: string[];
}

export { ConfigError };

const DEFAULTS: IssuerSettings = {
  clientId: '',
  scopeSyntax: 'v2',
  scopeContext: 'user',
  read: [],
  write: [],
  extraScopes: [],
  requestTimeoutMs: 20000,
  program: {},
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser's zone, looked up once: building an Intl.DateTimeFormat to ask for it cost
 * about 0.3 ms, and the caseload asked once per row (a third of a second over 1,000 rows).
 */
let browserZone: string | undefined;

/** The clinic's time zone: configured, else the browser's. */
export function clinicTimeZone(settings: Pick<IssuerSettings, 'timeZone'>): string {
  return settings.timeZone ?? (browserZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Checks the settings fields that are present; names the first bad one. */
function checkSettings(raw: Record<string, unknown>, where: string): Partial<IssuerSettings> {
  const out: Partial<IssuerSettings> = {};
  if ('clientId' in raw) {
    if (typeof raw.clientId !== 'string' || raw.clientId === '') throw new ConfigError(`${where}: clientId must be a non-empty string`);
    out.clientId = raw.clientId;
  }
  if ('scopeSyntax' in raw) {
    if (raw.scopeSyntax !== 'v1' && raw.scopeSyntax !== 'v2') throw new ConfigError(`${where}: scopeSyntax must be "v1" or "v2"`);
    out.scopeSyntax = raw.scopeSyntax;
  }
  if ('scopeContext' in raw) {
    if (raw.scopeContext !== 'user' && raw.scopeContext !== 'patient') throw new ConfigError(`${where}: scopeContext must be "user" or "patient"`);
    out.scopeContext = raw.scopeContext;
  }
  for (const key of ['read', 'write', 'extraScopes'] as const) {
    if (key in raw) {
      const value = raw[key];
      if (!isStringArray(value)) throw new ConfigError(`${where}: ${key} must be a list of strings`);
      out[key] = value;
    }
  }
  if ('redirectUri' in raw) {
    if (typeof raw.redirectUri !== 'string') throw new ConfigError(`${where}: redirectUri must be a string`);
    out.redirectUri = raw.redirectUri;
  }
  if ('program' in raw) out.program = parseProgramSettings(raw.program);
  if ('patientApp' in raw) out.patientApp = checkPatientApp(raw.patientApp, `${where} patientApp`);
  if ('timeZone' in raw) {
    if (typeof raw.timeZone !== 'string' || !isTimeZone(raw.timeZone)) throw new ConfigError(`${where}: timeZone must be an IANA time zone such as "America/Chicago"`);
    out.timeZone = raw.timeZone;
  }
  if ('requestTimeoutMs' in raw) {
    if (typeof raw.requestTimeoutMs !== 'number' || !(raw.requestTimeoutMs > 0)) throw new ConfigError(`${where}: requestTimeoutMs must be a positive number`);
    out.requestTimeoutMs = raw.requestTimeoutMs;
  }
  return out;
}

function checkPatientApp(raw: unknown, where: string): PatientAppSettings {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError(`${where} must be an object`);
  const r = raw as Record<string, unknown>;
  if (typeof r.clientId !== 'string' || r.clientId === '') throw new ConfigError(`${where}: clientId must be a non-empty string`);
  if (!isStringArray(r.scopes) || r.scopes.length === 0) throw new ConfigError(`${where}: scopes must be a non-empty list of strings`);
  if ('redirectUri' in r && typeof r.redirectUri !== 'string') throw new ConfigError(`${where}: redirectUri must be a string`);
  return { clientId: r.clientId, scopes: r.scopes, ...(typeof r.redirectUri === 'string' ? { redirectUri: r.redirectUri } : {}) };
}

export function parseRuntimeConfig(raw: unknown): RuntimeConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ConfigError('config.json must hold a JSON object');
  const record = raw as Record<string, unknown>;
  const base = { ...DEFAULTS, ...checkSettings(record, 'config.json') };
  if (!base.clientId) throw new ConfigError('config.json: clientId is required');
  const issuersRaw = record.issuers ?? [];
  if (!Array.isArray(issuersRaw)) throw new ConfigError('config.json: issuers must be a list');
  const issuers = issuersRaw.map((entry: unknown, i): IssuerOverride => {
    const where = `config.json issuers[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw new ConfigError(`${where} must be an object`);
    const e = entry as Record<string, unknown>;
    if (typeof e.issMatch !== 'string' || e.issMatch === '') throw new ConfigError(`${where}: issMatch is required`);
    if (isRegexLiteral(e.issMatch)) toRegex(e.issMatch, where);
    return { issMatch: e.issMatch, ...checkSettings(e, where) };
  });
  const trustedIssuers = record.trustedIssuers ?? [];
  if (!isStringArray(trustedIssuers)) throw new ConfigError('config.json: trustedIssuers must be a list of FHIR base URLs or /regular expressions/');
  trustedIssuers.forEach((entry, i) => {
    if (isRegexLiteral(entry)) toRegex(entry, `config.json trustedIssuers[${i}]`);
  });
  const frameAncestors = record.frameAncestors ?? ["'self'"];
  if (!isStringArray(frameAncestors) || frameAncestors.some((s) => !/^[^\s;,]+$/.test(s)))
    throw new ConfigError('config.json: frameAncestors must be a list of CSP sources such as "\'self\'" or "https://ehr.example.org"');
  return { ...base, issuers, trustedIssuers, frameAncestors };
}

function isRegexLiteral(pattern: string): boolean {
  return pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/');
}

function toRegex(pattern: string, where: string): RegExp {
  try {
    return new RegExp(pattern.slice(1, -1));
  } catch {
    throw new ConfigError(`${where}: issMatch ${pattern} is not a valid regular expression`);
  }
}

export function issuerMatches(issMatch: string, iss: string): boolean {
  if (isRegexLiteral(issMatch)) return toRegex(issMatch, 'issMatch').test(iss);
  return issMatch.replace(/\/+$/, '') === iss.replace(/\/+$/, '');
}

/** An issuer this deployment does not trust; its message is the issuer as given. */
export class UntrustedIssuerError extends Error {
  override name = 'UntrustedIssuerError';
  constructor(readonly iss: string) {
    super(iss);
  }
}

/** Whether `iss` is on the deployment's trusted list (`appUrl` resolves relative entries). */
export function issuerTrusted(config: Pick<RuntimeConfig, 'trustedIssuers'>, iss: string, appUrl: string): boolean {
  return config.trustedIssuers.some((entry) => {
    if (isRegexLiteral(entry)) return toRegex(entry, 'trustedIssuers').test(iss);
    let exact: string;
    try {
      exact = new URL(entry, appUrl).href;
    } catch {
      return false;
    }
    return issuerMatches(exact, iss);
  });
}

/** Throws UntrustedIssuerError unless `iss` is trusted. */
export function requireTrustedIssuer(config: Pick<RuntimeConfig, 'trustedIssuers'>, iss: string, appUrl: string): void {
  if (!issuerTrusted(config, iss, appUrl)) throw new UntrustedIssuerError(iss);
}

/** The settings for one issuer: the first matching override laid over the defaults. */
export function settingsForIssuer(config: RuntimeConfig, iss: string): IssuerSettings {
  const { issuers, trustedIssuers: _trusted, frameAncestors: _frames, ...base } = config;
  const match = issuers.find((entry) => issuerMatches(entry.issMatch, iss));
  if (!match) return base;
  const { issMatch: _issMatch, ...override } = match;
  return { ...base, ...override };
}

export async function loadRuntimeConfig(url = new URL('config.json', document.baseURI).href): Promise<RuntimeConfig> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache' });
  } catch {
    throw new ConfigError('The app could not load its settings (config.json): the network request failed.');
  }
  if (!response.ok) throw new ConfigError(`The app could not load its settings (config.json): the server answered ${response.status}.`);
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new ConfigError('The app settings (config.json) are not valid JSON.');
  }
  return parseRuntimeConfig(json);
}
