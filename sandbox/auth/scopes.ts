/**
 * SMART scopes: which of the requested scopes the sandbox grants, and what a grant allows.
 * Both syntaxes are understood: v1 (`patient/Observation.read`, `.write`, `.*`) and v2
 * (`user/Observation.rs`, permissions in the fixed order c r u d s). A v2 `?param=value`
 * restriction is granted as the whole type (documented simplification: the sandbox does not
 * enforce the parameter). Anything not understood is dropped from the grant, as a strict EHR
 * would: the app must read the granted scope, not assume it got what it asked for.
 */
export type Permission = 'c' | 'r' | 'u' | 'd' | 's';
export type ScopeContext = 'patient' | 'user' | 'system';

export interface DataGrant {
  context: ScopeContext;
  /** A resource type or `*`. */
  type: string;
  perms: ReadonlySet<Permission>;
}

export interface Grant {
  /** The granted scopes, as requested, space-separated order preserved. */
  scopes: string[];
  data: DataGrant[];
  openid: boolean;
  fhirUser: boolean;
  launch: boolean;
  launchPatient: boolean;
  /** offline_access or online_access: a refresh token may be issued. */
  refresh: boolean;
}

const V1_PERMS: Record<string, Permission[]> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};

const DATA_SCOPE = /^(patient|user|system)\/([A-Z][A-Za-z]*|\*)\.([a-z*]+)(\?.+)?$/;
const V2_PERMS = /^c?r?u?d?s?$/;
const SIMPLE_SCOPES = new Set(['openid', 'fhirUser', 'profile', 'launch', 'launch/patient', 'offline_access', 'online_access']);

/**
 * Parses one data scope; undefined when it is not a valid SMART v1/v2 data scope. `system/`
 * scopes only for a backend-services client (client_credentials): a user's app never gets them.
 */
export function parseDataScope(scope: string, options: { system?: boolean } = {}): DataGrant | undefined {
  const match = DATA_SCOPE.exec(scope);
  if (!match) return undefined;
  const [, context, type, perms, restriction] = match as unknown as [string, string, string, string, string | undefined];
  if (context === 'system' && !options.system) return undefined;
  let list: Permission[];
  if (V1_PERMS[perms] && !restriction) list = V1_PERMS[perms];
  else if (perms !== '' && perms !== '*' && V2_PERMS.test(perms)) list = perms.split('') as Permission[];
  else return undefined;
  return { context: context as ScopeContext, type, perms: new Set(list) };
}

/**
 * The grant for a requested scope string. `supportsType` says which resource types this EHR
 * profile knows; data scopes for other types are not granted. `patientUser`: the user is a
 * patient (a patient-facing app), so `user/` scopes are not granted.
 */
export function grantScopes(requested: string, supportsType: (type: string) => boolean, options: { system?: boolean; patientUser?: boolean } = {}): Grant {
  const grant: Grant = { scopes: [], data: [], openid: false, fhirUser: false, launch: false, launchPatient: false, refresh: false };
  const seen = new Set<string>();
  for (const scope of requested.split(/\s+/).filter(Boolean)) {
    if (seen.has(scope)) continue;
    seen.add(scope);
    if (SIMPLE_SCOPES.has(scope) && !options.system) {
      grant.scopes.push(scope);
      if (scope === 'openid') grant.openid = true;
      if (scope === 'fhirUser' || scope === 'profile') grant.fhirUser = true;
      if (scope === 'launch') grant.launch = true;
      if (scope === 'launch/patient') grant.launchPatient = true;
      if (scope === 'offline_access' || scope === 'online_access') grant.refresh = true;
      continue;
    }
    const data = parseDataScope(scope, options);
    // A backend client acts for no user and no patient: it gets system/ scopes only.
    if (options.system && data?.context !== 'system') continue;
    // A patient user is granted patient-level data scopes only (as patient portals do).
    if (data && options.patientUser && data.context !== 'patient') continue;
    if (data && (data.type === '*' || supportsType(data.type))) {
      grant.scopes.push(scope);
      grant.data.push(data);
    }
  }
  return grant;
}

/**
 * The broadest context in which `data` grants `perm` on `type`: 'system' and 'user' beat
 * 'patient' (they see every patient); undefined when nothing grants it.
 */
export function allowedContext(data: readonly DataGrant[], type: string, perm: Permission): ScopeContext | undefined {
  let found: ScopeContext | undefined;
  for (const grant of data) {
    if ((grant.type === type || grant.type === '*') && grant.perms.has(perm)) {
      if (grant.context === 'user' || grant.context === 'system') return grant.context;
      found = 'patient';
    }
  }
  return found;
}

/** Rebuilds a grant from its stored scope list (refresh keeps the original grant). */
export function narrowGrant(original: Grant, requested: string | undefined, supportsType: (type: string) => boolean): Grant {
  if (!requested) return original;
  const allowed = new Set(original.scopes);
  return grantScopes(
    requested
      .split(/\s+/)
      .filter((s) => allowed.has(s))
      .join(' '),
    supportsType,
  );
}
