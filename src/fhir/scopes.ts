/**
 * SMART scopes: what we ask for (built from the runtime config, in v1 or v2 syntax) and what
 * the EHR actually granted (parsed from the token response), because an EHR may grant less
 * than asked and the UI must hide or explain what it cannot do.
 */
import type { IssuerSettings } from '../config/runtimeConfig';

export type LaunchKind = 'ehr' | 'standalone';

export type Interaction = 'c' | 'r' | 'u' | 'd' | 's';

/** Builds the scope string for authorize. */
export function requestedScopes(settings: IssuerSettings, launch: LaunchKind): string {
  const scopes = new Set<string>(['openid', 'fhirUser', 'online_access']);
  scopes.add(launch === 'ehr' ? 'launch' : 'launch/patient');
  const ctx = settings.scopeContext;
  const writable = new Set(settings.write);
  for (const type of settings.read) {
    if (settings.scopeSyntax === 'v1') {
      scopes.add(`${ctx}/${type}.read`);
    } else {
      scopes.add(`${ctx}/${type}.${writable.has(type) ? 'crus' : 'rs'}`);
    }
  }
  for (const type of settings.write) {
    if (settings.scopeSyntax === 'v1') scopes.add(`${ctx}/${type}.write`);
    else if (!settings.read.includes(type)) scopes.add(`${ctx}/${type}.cu`);
  }
  for (const extra of settings.extraScopes) scopes.add(extra);
  return [...scopes].join(' ');
}

export interface GrantedScopes {
  raw: string;
  /** Per resource type (or `*`), per context, the interactions granted. */
  can(type: string, interaction: Interaction): boolean;
  /** True when every data scope is patient-level: the app sees only the patient in context. */
  patientOnly: boolean;
  has(scope: string): boolean;
}

const V1_INTERACTIONS: Record<string, Interaction[]> = {
  read: ['r', 's'],
  write: ['c', 'u', 'd'],
  '*': ['c', 'r', 'u', 'd', 's'],
};

const DATA_SCOPE = /^(patient|user|system)\/([A-Za-z]+|\*)\.([a-z*]+)(\?.*)?$/;

export function parseGrantedScopes(raw: string | undefined): GrantedScopes {
  const scopes = (raw ?? '').split(/\s+/).filter(Boolean);
  const grants = new Map<string, Set<Interaction>>();
  const contexts = new Set<string>();
  for (const scope of scopes) {
    const match = DATA_SCOPE.exec(scope);
    if (!match) continue;
    const [, context, type, perms] = match as unknown as [string, string, string, string];
    contexts.add(context);
    const interactions = V1_INTERACTIONS[perms] ?? (/^c?r?u?d?s?$/.test(perms) ? (perms.split('') as Interaction[]) : []);
    const set = grants.get(type) ?? new Set<Interaction>();
    interactions.forEach((i) => set.add(i));
    grants.set(type, set);
  }
  return {
    raw: scopes.join(' '),
    can: (type, interaction) => Boolean(grants.get(type)?.has(interaction) || grants.get('*')?.has(interaction)),
    patientOnly: contexts.size > 0 && [...contexts].every((c) => c === 'patient'),
    has: (scope) => scopes.includes(scope),
  };
}
