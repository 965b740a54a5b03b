import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

/**
 * The RSA key that signs id_tokens. Made fresh at every start: nothing outside this process
 * should trust it, and the app verifies against `jwks_uri` each launch.
 */
export interface SigningKeys {
  jwks: { keys: JWK[] };
  signIdToken(claims: Record<string, unknown>, options: { issuer: string; audience: string; subject: string; lifetimeSeconds: number }): Promise<string>;
}

export async function createSigningKeys(): Promise<SigningKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = `sandbox-${Date.now().toString(36)}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    async signIdToken(claims, { issuer, audience, subject, lifetimeSeconds }) {
      return new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(subject)
        .setIssuedAt()
        .setExpirationTime(`${Math.max(1, lifetimeSeconds)}s`)
        .sign(privateKey);
    },
  };
}
