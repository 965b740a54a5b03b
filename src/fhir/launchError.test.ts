import { describe, expect, it } from 'vitest';
import { authorizationErrorFromUrl, classifyLaunchError } from './launchError';

describe('classifyLaunchError', () => {
  it.each([
    [new Error("No 'state' parameter found. Please (re)launch the app."), 'no-launch'],
    [new Error('No server url found. It must be specified as `iss` or as `fhirServiceUrl` parameter'), 'no-launch'],
    [new Error('No state found! Please (re)launch the app.'), 'state-expired'],
    [new Error('access_denied: The user denied access'), 'denied'],
    [Object.assign(new Error('invalid_grant'), { status: 400 }), 'token-failed'],
    [new Error('Failed to fetch the well-known json "x". Failed to fetch'), 'unreachable'],
    [Object.assign(new Error('Bad gateway'), { status: 502 }), 'unreachable'],
    [new Error("Required PKCE code challenge method (`S256`) was not found in the server's codeChallengeMethods declaration."), 'config'],
    [Object.assign(new Error('clientId is required'), { name: 'ConfigError' }), 'config'],
    ['weird', 'auth-error'],
  ])('sorts %s as %s', (error, kind) => {
    const problem = classifyLaunchError(error);
    expect(problem.kind).toBe(kind);
    expect(problem.title.length).toBeGreaterThan(5);
    expect(problem.nextStep.length).toBeGreaterThan(5);
  });
});

describe('authorizationErrorFromUrl', () => {
  it('reads a denial and other OAuth errors from the redirect', () => {
    expect(authorizationErrorFromUrl(new URLSearchParams('error=access_denied&state=x'))?.kind).toBe('denied');
    const other = authorizationErrorFromUrl(new URLSearchParams('error=invalid_scope&error_description=nope'));
    expect(other).toMatchObject({ kind: 'auth-error', detail: 'invalid_scope: nope' });
    expect(authorizationErrorFromUrl(new URLSearchParams('code=1&state=2'))).toBeUndefined();
  });
});
