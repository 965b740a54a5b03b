import { getSearchParameter } from '@medplum/core';
import type { Bundle, BundleEntry, BundleLink } from '@medplum/fhirtypes';
import { PATIENT_FIELD, PATIENT_PARAMS, patientIdFromReference } from './compartment.ts';
import { isCustomParam } from './customParams.ts';
import { FhirHttpError, outcome } from './outcome.ts';

export const DEFAULT_PAGE_SIZE = 50;
/**
 * The largest page the sandbox gives, whatever `_count` asks: 1000, as Medplum's server, Azure
 * Health Data Services and Google's Cloud Healthcare API do (others cap lower, 100 or 200:
 * apps must read the page size they get, never the one they asked for).
 */
export const MAX_PAGE_SIZE = 1000;

/** Result parameters that are applied (others starting with `_` are ignored and reported). */
const APPLIED_RESULT_PARAMS = new Set(['_count', '_offset', '_sort', '_id', '_lastUpdated', '_total']);
/** Accepted and meaningless here (formatting). */
const SILENT_PARAMS = new Set(['_format', '_pretty']);

export interface PreparedSearch {
  /** Parameters passed to the engine and echoed in links (minus _offset). */
  params: URLSearchParams;
  count: number;
  offset: number;
  ignored: string[];
  /** The search is confined to named patients (a patient/subject parameter, `_id`, or patient-level access). */
  hasPatient: boolean;
}

/**
 * Normalises a search before the engine sees it:
 * - `_count` defaults to 50 and is capped at MAX_PAGE_SIZE (Medplum has neither, and an app that
 *   forgets paging must still see the next link);
 * - `patient=123` / `subject=123` become `Patient/123` (Medplum matches bare ids to nothing);
 * - unknown parameters are dropped and reported rather than silently matching nothing, as
 *   FHIR's lenient handling asks (`Prefer: handling=strict` turns them into a 400);
 * - with patient-level access, the search is confined to the token's patient.
 */
export function prepareSearch(type: string, input: URLSearchParams, options: { strict: boolean; patient?: string }): PreparedSearch {
  const params = new URLSearchParams();
  const ignored: string[] = [];
  let count = DEFAULT_PAGE_SIZE;
  let offset = 0;
  let sawPatient = false;
  for (const [key, value] of input) {
    const code = key.split(':')[0] ?? key;
    if (key === '_count') {
      const n = Number.parseInt(value, 10);
      if (!Number.isFinite(n) || n < 0) throw new FhirHttpError(400, 'invalid', `_count must be a non-negative integer, got "${value}"`);
      count = Math.min(n, MAX_PAGE_SIZE);
    } else if (key === '_offset') {
      const n = Number.parseInt(value, 10);
      if (!Number.isFinite(n) || n < 0) throw new FhirHttpError(400, 'invalid', `_offset must be a non-negative integer, got "${value}"`);
      offset = n;
    } else if (key === '_summary' && value === 'count') {
      count = 0;
    } else if (SILENT_PARAMS.has(key)) {
      continue;
    } else if (code.startsWith('_') && !APPLIED_RESULT_PARAMS.has(code)) {
      ignored.push(key);
    } else if (!code.startsWith('_') && !getSearchParameter(type, code) && !isCustomParam(type, code)) {
      ignored.push(key);
    } else if (PATIENT_PARAMS.has(key)) {
      const refs = value.split(',').map((v) => (v.includes('/') ? `Patient/${patientIdFromReference(v) ?? v}` : `Patient/${v}`));
      if (options.patient && refs.some((r) => r !== `Patient/${options.patient}`)) {
        throw new FhirHttpError(403, 'forbidden', 'patient-level access: the search names a patient other than the one in context');
      }
      sawPatient = true;
      params.append(key, refs.join(','));
    } else {
      params.append(key, value);
    }
  }
  if (ignored.length && options.strict) throw new FhirHttpError(400, 'not-supported', `unsupported search parameters: ${ignored.join(', ')}`);
  if (options.patient) {
    if (type === 'Patient') params.append('_id', options.patient);
    else if (PATIENT_FIELD[type] && !sawPatient) params.append('patient', `Patient/${options.patient}`);
  }
  return { params, count, offset, ignored, hasPatient: sawPatient || Boolean(options.patient) || input.has('_id') };
}

/** Adds paging links (absolute, on the request's origin), fullUrls and search modes. */
export function decorateSearchBundle(bundle: Bundle, base: string, type: string, search: PreparedSearch): Bundle {
  const link = (offset: number): string => {
    const p = new URLSearchParams(search.params);
    p.set('_count', String(search.count));
    if (offset > 0) p.set('_offset', String(offset));
    return `${base}/${type}?${p.toString()}`;
  };
  const total = bundle.total ?? 0;
  const links: BundleLink[] = [{ relation: 'self', url: link(search.offset) }];
  if (search.count > 0) {
    links.push({ relation: 'first', url: link(0) });
    if (search.offset > 0) links.push({ relation: 'previous', url: link(Math.max(0, search.offset - search.count)) });
    if (search.offset + search.count < total) links.push({ relation: 'next', url: link(search.offset + search.count) });
  }
  const entry: BundleEntry[] = (bundle.entry ?? []).map((e) => ({
    fullUrl: `${base}/${e.resource?.resourceType}/${e.resource?.id}`,
    ...(e.resource ? { resource: e.resource } : {}),
    search: { mode: 'match' },
  }));
  if (search.ignored.length) {
    entry.push({
      resource: outcome('not-supported', `ignored unsupported search parameters: ${search.ignored.join(', ')}`, 'warning'),
      search: { mode: 'outcome' },
    });
  }
  return { resourceType: 'Bundle', type: 'searchset', total, link: links, ...(entry.length ? { entry } : {}) };
}
