import { INSTRUMENTS, LOINC_SYSTEM } from './definitions.ts';
import { SNOMED_SYSTEM } from '../treatment/codes/systems.ts';
import type { InstrumentId } from './types.ts';

export interface InstrumentSearchCodes {
  readonly instrument: InstrumentId;
  /** Panel, total and safety-item codes: what an Observation search must match to see scores. */
  readonly codes: readonly string[];
}

/**
 * The LOINC codes the FHIR layer should search Observations by. Item 9 is included on its
 * own because some EHRs keep only item Observations beside a total; missing it would hide a
 * safety finding.
 */
export function searchCodes(): InstrumentSearchCodes[] {
  return Object.values(INSTRUMENTS).map((def) => {
    const codes = [def.panelCode, def.totalCode];
    if (def.safetyItemNumber !== undefined) {
      codes.push(def.items.find((it) => it.number === def.safetyItemNumber)?.loinc);
    }
    return { instrument: def.id, codes: [...new Set(codes.filter((c): c is string => c !== undefined))] };
  });
}

/**
 * The one `code=` value of every score Observation search (patient view, caseload, billing):
 * the LOINC codes above plus the SNOMED CT totals of EHRs that code scores only in SNOMED,
 * each as `system|code`. Encode it when sending (URLSearchParams does).
 */
export const SCORE_OBSERVATION_CODES: string = [
  ...new Set(searchCodes().flatMap((s) => s.codes.map((c) => `${LOINC_SYSTEM}|${c}`))),
  ...Object.values(INSTRUMENTS).flatMap((def) => def.snomedTotalCodes.map((c) => `${SNOMED_SYSTEM}|${c}`)),
].join(',');
