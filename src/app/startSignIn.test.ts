import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const getSession = vi.fn();
const prefetchCaseload = vi.fn();
vi.mock('../fhir/session', () => ({ getSession: () => getSession() }));
vi.mock('../caseload/data/registryPrefetch', () => ({ prefetchCaseload: (s: unknown) => prefetchCaseload(s) }));

const { startSignIn } = await import('./startSignIn');
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('startSignIn', () => {
  beforeEach(() => {
    getSession.mockReset();
    prefetchCaseload.mockReset();
  });
  afterEach(() => vi.restoreAllMocks());

  it('starts the caseload of a launch without a patient as soon as the session exists', async () => {
    const session = { serverUrl: 'https://ehr.example/fhir' };
    getSession.mockResolvedValue(session);
    startSignIn();
    await settle();
    expect(getSession).toHaveBeenCalledTimes(1);
    expect(prefetchCaseload).toHaveBeenCalledWith(session);
  });

  it('reads no caseload for a patient launch', async () => {
    getSession.mockResolvedValue({ serverUrl: 'https://ehr.example/fhir', patientId: 'p1' });
    startSignIn();
    await settle();
    expect(prefetchCaseload).not.toHaveBeenCalled();
  });

  it('leaves a failed sign-in to the screen that reports it (no unhandled rejection, no caseload)', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    getSession.mockRejectedValue(new Error('code exchange refused'));
    startSignIn();
    await settle();
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
    expect(prefetchCaseload).not.toHaveBeenCalled();
  });
});
