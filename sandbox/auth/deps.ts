import type { BackendAuthDeps } from '../bulk/clientCredentials.ts';
import type { ClientRegistry } from './clients.ts';
import type { SigningKeys } from './keys.ts';
import type { AuthStore } from './store.ts';

/** A patient as the pickers and the EHR page list them. */
export interface PatientSummary {
  id: string;
  name: string;
  mrn: string;
  birthDate: string;
  gender: string;
}

export interface PractitionerSummary {
  id: string;
  name: string;
  role: string;
}

/** What the auth server needs to know about the panel (implemented over the repository). */
export interface Directory {
  searchPatients(q: string, limit: number): PatientSummary[];
  patient(id: string): PatientSummary | undefined;
  practitioners(): PractitionerSummary[];
  practitioner(id: string): PractitionerSummary | undefined;
  /** The user signed in when nobody was chosen: a care manager of the panel. */
  defaultUser(): string | undefined;
}

export interface AuthDeps {
  store: AuthStore;
  clients: ClientRegistry;
  keys: SigningKeys;
  directory: Directory;
  supportsType(type: string): boolean;
  tokenLifetimeSeconds: number;
  /** How long an authorization code may wait before exchange (SMART/OAuth: short). */
  codeLifetimeSeconds: number;
  launchLifetimeSeconds: number;
  refreshLifetimeSeconds: number;
  /** False imitates an EHR that grants no refresh token (Epic drops online_access): sessions end at expires_in. */
  issueRefreshTokens: boolean;
  /** Backend-services clients (client_credentials with a signed assertion). */
  backend?: BackendAuthDeps;
}

export const AUTH_PATHS = {
  authorize: '/auth/authorize',
  pick: '/auth/authorize/pick',
  decide: '/auth/authorize/decide',
  token: '/auth/token',
  jwks: '/auth/jwks',
} as const;

export function fhirBase(origin: string): string {
  return `${origin}/fhir`;
}
