import type { ServerResponse } from 'node:http';
import type { Directory } from '../auth/deps.ts';
import { esc } from '../http/html.ts';
import { page } from '../http/page.ts';
import { sendHtml } from '../http/send.ts';
import { userParam } from './launch.ts';

const LIST_LIMIT = 300;

function userSelect(directory: Directory, selected: string | undefined): string {
  const options = directory
    .practitioners()
    .map((p) => `<option value="${esc(p.id)}"${p.id === selected ? ' selected' : ''}>${esc(p.name)} (${esc(p.role)})</option>`)
    .join('');
  return `<label for="user">Signed in as<select id="user" name="user" data-autosubmit>${options}</select></label>`;
}

function withUser(path: string, user: string | undefined): string {
  return user ? `${path}${path.includes('?') ? '&' : '?'}user=${encodeURIComponent(user)}` : path;
}

/** `/ehr/`: the patient list, searchable by name or MRN (server-side filter: `?q=`). */
export function renderPatientList(res: ServerResponse, query: URLSearchParams, directory: Directory): void {
  const q = query.get('q') ?? '';
  const user = userParam(query) ?? directory.defaultUser();
  const patients = directory.searchPatients(q, LIST_LIMIT);
  const rows = patients
    .map(
      (p) => `<tr><td>${esc(p.name)}</td><td>${esc(p.mrn)}</td><td>${esc(p.birthDate)}</td><td>${esc(p.gender)}</td>
<td><a href="${esc(withUser(`/ehr/chart?patient=${encodeURIComponent(p.id)}`, user))}" aria-label="Open chart of ${esc(p.name)}">Open chart</a></td></tr>`,
    )
    .join('\n');
  const body = `<h1>Patients</h1>
<form method="get" action="/ehr/" class="row" role="search">
  <label for="q">Search patients by name or MRN<input id="q" name="q" type="search" value="${esc(q)}" autocomplete="off"></label>
  ${userSelect(directory, user)}
  <button type="submit">Search</button>
</form>
<p><a class="button" href="${esc(withUser('/ehr/registry', user))}">Open registry (no patient)</a></p>
<table>
<caption class="note">${patients.length === LIST_LIMIT ? `First ${LIST_LIMIT} patients; refine the search` : `${patients.length} patient${patients.length === 1 ? '' : 's'}`}</caption>
<thead><tr><th scope="col">Name</th><th scope="col">MRN</th><th scope="col">Birth date</th><th scope="col">Sex</th><th scope="col">Chart</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  sendHtml(res, 200, page('Patients', body));
}

function appFrame(src: string): string {
  return `<iframe class="app" title="CoCM Registry" src="${esc(src)}" allow="clipboard-read; clipboard-write; fullscreen"></iframe>`;
}

/** `/ehr/chart?patient=ID`: a chart page with the app embedded as an EHR would embed it. */
export function renderChart(res: ServerResponse, query: URLSearchParams, directory: Directory): void {
  const id = query.get('patient') ?? '';
  const patient = directory.patient(id);
  if (!patient) {
    sendHtml(res, 404, page('Chart', `<h1>Chart</h1><p class="error" role="alert">No patient with id ${esc(id)}.</p>`));
    return;
  }
  const user = userParam(query) ?? directory.defaultUser();
  const body = `<h1 class="visually-hidden">Chart of ${esc(patient.name)}</h1>
<section class="patient-header" aria-label="Patient">
  <strong>${esc(patient.name)}</strong><span>MRN ${esc(patient.mrn)}</span><span>Born ${esc(patient.birthDate)}</span><span>Sex ${esc(patient.gender)}</span>
</section>
${appFrame(withUser(`/ehr/launch?patient=${encodeURIComponent(patient.id)}`, user))}`;
  sendHtml(res, 200, page(`Chart: ${patient.name}`, body, { wide: true }));
}

/** `/ehr/registry`: the app embedded without a patient (the caseload). */
export function renderRegistry(res: ServerResponse, query: URLSearchParams, directory: Directory): void {
  const user = userParam(query) ?? directory.defaultUser();
  const who = user ? directory.practitioner(user) : undefined;
  const body = `<h1 class="visually-hidden">Registry</h1>
<p class="note">Registry launched without a patient${who ? `, signed in as ${esc(who.name)}` : ''}.</p>
${appFrame(withUser('/ehr/launch', user))}`;
  sendHtml(res, 200, page('Registry', body, { wide: true }));
}
