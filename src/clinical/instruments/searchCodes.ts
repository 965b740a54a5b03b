import { INSTRUMENTS, LOINC_SYSTEM } from './definitions.ts';
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

/** `http://loinc.org|44261-6,...` ready for one `code=` search parameter (encode it when sending). */
export function observationCodeParam(): string {
  const all = new Set(searchCodes().flatMap((s) => s.codes));
  return [...all].map((c) => `${LOINC_SYSTEM}|${c}`).join(',');
}
