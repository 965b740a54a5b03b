/**
 * Flags the patient view shows, and which of them are safety flags. A Flag is active when its
 * status is active and its period (if any) has not ended by `now`; entered-in-error and
 * inactive flags are not shown.
 */
import type { CodeableConcept, Flag } from '@medplum/fhirtypes';

export const FLAG_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/flag-category';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';

/** SNOMED CT findings that name a suicide risk: a Flag coded so is a safety flag whatever its category. */
export const SUICIDE_RISK_CODES: readonly string[] = ['225444004' /* At risk for suicide (finding) */];

export interface ActiveFlag {
  reference: string;
  text: string;
  category: string;
  since: string | undefined;
  safety: boolean;
}

function conceptText(concept: CodeableConcept | undefined): string | undefined {
  return concept?.text?.trim() || concept?.coding?.find((c) => c.display)?.display || concept?.coding?.[0]?.code;
}

export function isSafetyFlag(flag: Flag): boolean {
  const safetyCategory = (flag.category ?? []).some((c) => c.coding?.some((coding) => coding.system === FLAG_CATEGORY_SYSTEM && coding.code === 'safety'));
  const suicideCode = flag.code?.coding?.some((c) => c.system === SNOMED_SYSTEM && c.code !== undefined && SUICIDE_RISK_CODES.includes(c.code)) ?? false;
  return safetyCategory || suicideCode;
}

function periodEnded(flag: Flag, now: Date): boolean {
  const end = flag.period?.end;
  if (!end) return false;
  const time = Date.parse(end);
  return Number.isFinite(time) && time <= now.getTime();
}

/** Active flags, safety flags first, then newest first. */
export function activeFlags(flags: readonly Flag[], now: Date): ActiveFlag[] {
  return flags
    .filter((flag) => flag.resourceType === 'Flag' && flag.status === 'active' && !periodEnded(flag, now))
    .map((flag) => ({
      reference: `Flag/${flag.id ?? ''}`,
      text: conceptText(flag.code) ?? 'Flag without a description',
      category: (flag.category ?? []).map(conceptText).filter(Boolean).join(', ') || 'Uncategorised',
      since: flag.period?.start,
      safety: isSafetyFlag(flag),
    }))
    .sort((a, b) => Number(b.safety) - Number(a.safety) || (b.since ?? '').localeCompare(a.since ?? ''));
}
