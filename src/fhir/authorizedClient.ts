/**
 * What the clinic's launch (session.ts) and the patient's (patientSession.ts) do alike once
 * the EHR sends the user back: finish the code exchange while the settings load, and make the
 * FHIR client that renews its token before each request when the grant allows.
 */
import FHIR from 'fhirclient/lib/entry/browser';
import type Client from 'fhirclient/lib/Client';
import { loadRuntimeConfig, type RuntimeConfig } from '../config/runtimeConfig';
import { FhirApi } from './fhirApi';

/** The authorized client, and the settings loading beside it (independent of each other). */
export async function completeAuthorization(): Promise<{ client: Client; config: Promise<RuntimeConfig> }> {
  const config = loadRuntimeConfig();
  try {
    return { client: await FHIR.oauth2.ready(), config };
  } catch (error) {
    // The exchange failed: nobody will wait for the settings, so their failure is not reported twice.
    config.catch(() => undefined);
    throw error;
  }
}

export function apiOfClient(client: Client, timeoutMs: number): FhirApi {
  return new FhirApi({
    serverUrl: client.state.serverUrl,
    timeoutMs,
    authorization: async () => {
      // Renews the token first when it is about to expire and the grant allows refresh.
      await client.refreshIfNeeded().catch(() => undefined);
      return client.getAuthorizationHeader() ?? undefined;
    },
  });
}
