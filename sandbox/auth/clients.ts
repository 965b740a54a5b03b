/**
 * Registered OAuth clients. Redirect URIs are compared exactly, after `{origin}` is replaced
 * by the origin the request came in on (the sandbox may be reached as localhost or 127.0.0.1
 * on any port; a real EHR registers one exact URI per client, and so does each origin here).
 */
export interface ClientRegistration {
  clientId: string;
  /** Exact redirect URIs; `{origin}` stands for the sandbox's origin as requested. */
  redirectUris: string[];
  /** A patient-facing app: its users sign in through the patient portal, never as staff. */
  patientFacing?: boolean;
}

export const DEFAULT_CLIENTS: readonly ClientRegistration[] = [
  { clientId: 'cocm-registry', redirectUris: ['{origin}/index.html', '{origin}/'] },
  // The patient app (patient.html), launched standalone from the portal (/portal/).
  { clientId: 'cocm-patient', redirectUris: ['{origin}/patient.html'], patientFacing: true },
];

export class ClientRegistry {
  private readonly clients = new Map<string, ClientRegistration>();

  constructor(registrations: readonly ClientRegistration[]) {
    for (const r of registrations) this.clients.set(r.clientId, r);
  }

  has(clientId: string): boolean {
    return this.clients.has(clientId);
  }

  patientFacing(clientId: string): boolean {
    return this.clients.get(clientId)?.patientFacing === true;
  }

  redirectAllowed(clientId: string, redirectUri: string, origin: string): boolean {
    const client = this.clients.get(clientId);
    return Boolean(client?.redirectUris.some((uri) => uri.replaceAll('{origin}', origin) === redirectUri));
  }
}
