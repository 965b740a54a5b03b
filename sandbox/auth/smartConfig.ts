import { AUTH_PATHS, fhirBase } from './deps.ts';

/** `/.well-known/smart-configuration` (SMART App Launch 2.x, section "Conformance"). */
export function smartConfiguration(origin: string): Record<string, unknown> {
  return {
    issuer: fhirBase(origin),
    jwks_uri: origin + AUTH_PATHS.jwks,
    authorization_endpoint: origin + AUTH_PATHS.authorize,
    token_endpoint: origin + AUTH_PATHS.token,
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none'],
    response_types_supported: ['code'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: [
      'openid',
      'fhirUser',
      'profile',
      'launch',
      'launch/patient',
      'offline_access',
      'online_access',
      'patient/*.read',
      'patient/*.write',
      'patient/*.cruds',
      'user/*.read',
      'user/*.write',
      'user/*.cruds',
    ],
    capabilities: [
      'launch-ehr',
      'launch-standalone',
      'authorize-post',
      'client-public',
      'context-banner',
      'context-ehr-patient',
      'context-standalone-patient',
      'permission-offline',
      'permission-online',
      'permission-patient',
      'permission-user',
      'permission-v1',
      'permission-v2',
      'sso-openid-connect',
    ],
  };
}
