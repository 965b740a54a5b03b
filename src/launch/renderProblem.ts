/**
 * Shows a launch problem as plain DOM. Shared by launch.html (which stays tiny: no React)
 * and by the app's error screen text, so both pages say the same thing.
 */
import type { LaunchProblem } from '../fhir/launchError';

export function renderProblem(container: HTMLElement, problem: LaunchProblem): void {
  const heading = document.createElement('h1');
  heading.textContent = problem.title;
  const explanation = document.createElement('p');
  explanation.textContent = problem.explanation;
  const next = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = 'What to do: ';
  next.append(strong, problem.nextStep);
  container.replaceChildren(heading, explanation, next);
  if (problem.detail) {
    const detail = document.createElement('p');
    detail.className = 'detail';
    detail.textContent = `Details: ${problem.detail}`;
    container.append(detail);
  }
  container.setAttribute('role', 'alert');
}
