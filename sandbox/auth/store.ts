import { randomBytes } from 'node:crypto';
import type { Grant } from './scopes.ts';

/**
 * In-memory state of the authorization server. Every handle given out (launch id, code,
 * access and refresh token) is 256 bits of randomness: opaque, unguessable, and carrying no
 * patient data, so nothing identifying ever travels in a URL.
 */
export interface LaunchContext {
  patient?: string;
  encounter?: string;
  /** Practitioner id of the signed-in user. */
  user: string;
  expiresAt: number;
}

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  grant: Grant;
  origin: string;
}

/** Who signed in: a practitioner (the EHR's staff) or, through the patient portal, a patient. */
export type UserType = 'Practitioner' | 'Patient';

export interface CodeRecord extends AuthorizationRequest {
  patient?: string;
  encounter?: string;
  user: string;
  /** Default Practitioner; `Patient` for a portal sign-in (then `user` = `patient`). */
  userType?: UserType;
  expiresAt: number;
  used: boolean;
}

export interface TokenRecord {
  clientId: string;
  grant: Grant;
  patient?: string;
  encounter?: string;
  user: string;
  /** Default Practitioner; a patient user reaches only their own record, whatever the scopes. */
  userType?: UserType;
  expiresAt: number;
  origin: string;
}

export interface RefreshRecord extends Omit<TokenRecord, 'expiresAt'> {
  expiresAt: number;
}

export function newHandle(): string {
  return randomBytes(32).toString('base64url');
}

/** A map whose entries lapse; expired entries are swept on access (no timers to leak). */
class Expiring<T extends { expiresAt: number }> {
  private readonly map = new Map<string, T>();

  constructor(private readonly now: () => number) {}

  put(value: T): string {
    this.sweep();
    const key = newHandle();
    this.map.set(key, value);
    return key;
  }

  /** The entry, or undefined when unknown or expired. */
  get(key: string | undefined | null): T | undefined {
    if (!key) return undefined;
    const value = this.map.get(key);
    if (!value) return undefined;
    if (value.expiresAt <= this.now()) {
      this.map.delete(key);
      return undefined;
    }
    return value;
  }

  /** The entry even when expired (so the token endpoint can say "expired" vs "unknown"). */
  peek(key: string): T | undefined {
    return this.map.get(key);
  }

  delete(key: string): void {
    this.map.delete(key);
  }

  private sweep(): void {
    if (this.map.size < 1000) return;
    const now = this.now();
    for (const [key, value] of this.map) if (value.expiresAt <= now) this.map.delete(key);
  }
}

/** A patient signed in to the sandbox's portal (an opaque cookie names it; it holds no data). */
export interface PortalSession {
  patient: string;
  expiresAt: number;
}

export class AuthStore {
  readonly launches: Expiring<LaunchContext>;
  readonly portalSessions: Expiring<PortalSession>;
  /** Standalone requests waiting for the patient picker's answer. */
  readonly pending: Expiring<AuthorizationRequest & { expiresAt: number }>;
  readonly codes: Expiring<CodeRecord>;
  readonly tokens: Expiring<TokenRecord>;
  readonly refreshTokens: Expiring<RefreshRecord>;

  constructor(readonly now: () => number = Date.now) {
    this.launches = new Expiring(now);
    this.portalSessions = new Expiring(now);
    this.pending = new Expiring(now);
    this.codes = new Expiring(now);
    this.tokens = new Expiring(now);
    this.refreshTokens = new Expiring(now);
  }
}
