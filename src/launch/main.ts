/**
 * launch.html: the page the EHR opens with `iss` and `launch` (EHR launch) or `iss` alone
 * (standalone launch). It reads the runtime config, picks the settings for this issuer and
 * hands over to fhirclient's authorize(), which redirects to the EHR's sign-in.
 */
import { authorize } from '../fhir/authorize';
import { classifyLaunchError, launchProblem } from '../fhir/launchError';
import { renderProblem } from './renderProblem';

const container = document.getElementById('launch');

authorize(new URL(window.location.href)).catch((error: unknown) => {
  const problem = error instanceof Error && error.message === 'missing-iss' ? launchProblem('no-launch') : classifyLaunchError(error);
  if (container) renderProblem(container, problem);
});
