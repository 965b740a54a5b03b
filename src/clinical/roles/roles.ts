/**
 * Who the user is in the Collaborative Care team, and what follows from it: where the app
 * opens and which actions it offers. The role comes from the user's PractitionerRole in the
 * EHR (its code or text); where the EHR does not say, the user picks it (a visible switch).
 * Pure: resources in, decisions out.
 */
import type { PractitionerRole } from '@medplum/fhirtypes';

export type Role = 'pcp' | 'care-manager' | 'psychiatric-consultant' | 'medical-assistant' | 'program-lead';

export const ROLES: readonly Role[] = ['pcp', 'care-manager', 'psychiatric-consultant', 'medical-assistant', 'program-lead'];

export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  pcp: 'Primary care provider',
  'care-manager': 'Care manager',
  'psychiatric-consultant': 'Psychiatric consultant',
  'medical-assistant': 'Medical assistant or nurse',
  'program-lead': 'Program lead',
};

/** Codes and words EHRs use in PractitionerRole.code, checked in order (first match wins). */
const RECOGNIZED: readonly { role: Role; codes: readonly string[]; words: RegExp }[] = [
  { role: 'psychiatric-consultant', codes: ['psychiatric-consultant', '80584001' /* SNOMED Psychiatrist */], words: /psychiatr/i },
  { role: 'care-manager', codes: ['care-manager'], words: /care manager|care coordinator|behavioral health (care )?manager/i },
  { role: 'medical-assistant', codes: ['medical-assistant'], words: /medical assistant|\bnurse\b|\b(MA|RN|LPN)\b/i },
  { role: 'program-lead', codes: ['program-lead'], words: /program (lead|manager|director)|billing/i },
  { role: 'pcp', codes: ['pcp', '446050000' /* SNOMED Primary care physician */], words: /primary care|family (medicine|physician)|internist|general practitioner|\bPCP\b/i },
];

function roleOf(pr: PractitionerRole): Role | undefined {
  if (pr.active === false) return undefined;
  const codes = (pr.code ?? []).flatMap((c) => (c.coding ?? []).map((x) => x.code ?? ''));
  const words = (pr.code ?? []).flatMap((c) => [c.text ?? '', ...(c.coding ?? []).map((x) => x.display ?? '')]).join(' | ');
  return RECOGNIZED.find((r) => codes.some((c) => r.codes.includes(c)) || r.words.test(words))?.role;
}

/** The user's role from their PractitionerRoles; undefined when none says (or they disagree). */
export function roleFromPractitionerRoles(roles: readonly PractitionerRole[]): Role | undefined {
  const found = new Set(roles.map(roleOf).filter((r): r is Role => r !== undefined));
  return found.size === 1 ? [...found][0] : undefined;
}

/** The actions whose buttons the app shows; the rest are hidden (views stay readable to all). */
export type Action =
  | 'screen'
  | 'log-contact'
  | 'enroll'
  | 'flag-for-review'
  | 'record-review'
  | 'assess-risk'
  | 'mark-recommendation-seen'
  /** Taking the psychiatric consultant's recommendation into the treatment plan: the PCP's decision (the prescriber). */
  | 'accept-recommendation'
  | 'billing';

const ALLOWED: Readonly<Record<Role, readonly Action[]>> = {
  pcp: ['screen', 'enroll', 'flag-for-review', 'assess-risk', 'mark-recommendation-seen', 'accept-recommendation'],
  'care-manager': ['screen', 'log-contact', 'enroll', 'flag-for-review', 'assess-risk', 'billing'],
  'psychiatric-consultant': ['record-review', 'assess-risk', 'flag-for-review'],
  'medical-assistant': ['screen'],
  'program-lead': ['billing'],
};

/** Unknown role: every action stays offered (the EHR's own permissions still apply). */
export function mayDo(role: Role | undefined, action: Action): boolean {
  return role === undefined || ALLOWED[role].includes(action);
}

/** Where each role works in the registry, most wanted first. */
const LANDING: Readonly<Record<Role, readonly string[]>> = {
  pcp: ['caseload'],
  'care-manager': ['caseload'],
  'psychiatric-consultant': ['review', 'caseload'],
  'medical-assistant': ['search', 'caseload'],
  'program-lead': ['program', 'billing', 'caseload'],
};

/** The registry tab to open on: the role's first wish among the tabs this build has. */
export function landingTab(role: Role | undefined, tabs: readonly string[], fallback: string): string {
  return (role ? LANDING[role] : []).find((t) => tabs.includes(t)) ?? fallback;
}
