import type { PractitionerRole } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { landingTab, mayDo, roleFromPractitionerRoles } from './roles.ts';

function pr(code: string | undefined, text?: string, active = true): PractitionerRole {
  return { resourceType: 'PractitionerRole', active, code: [{ ...(code ? { coding: [{ system: 'http://example.org/roles', code }] } : {}), ...(text ? { text } : {}) }] };
}

describe('user role', () => {
  it('comes from the PractitionerRole code or its words', () => {
    expect(roleFromPractitionerRoles([pr('psychiatric-consultant')])).toBe('psychiatric-consultant');
    expect(roleFromPractitionerRoles([pr(undefined, 'Behavioral health care manager')])).toBe('care-manager');
    expect(roleFromPractitionerRoles([pr(undefined, 'Primary care provider')])).toBe('pcp');
    expect(roleFromPractitionerRoles([pr(undefined, 'Medical Assistant')])).toBe('medical-assistant');
    expect(roleFromPractitionerRoles([pr(undefined, 'CoCM program lead')])).toBe('program-lead');
  });

  it('is unknown when nothing says, when roles disagree, or when the role is inactive', () => {
    expect(roleFromPractitionerRoles([])).toBeUndefined();
    expect(roleFromPractitionerRoles([pr(undefined, 'Volunteer')])).toBeUndefined();
    expect(roleFromPractitionerRoles([pr('pcp'), pr('care-manager')])).toBeUndefined();
    expect(roleFromPractitionerRoles([pr('pcp', undefined, false)])).toBeUndefined();
    expect(roleFromPractitionerRoles([pr('pcp'), pr(undefined, 'Family medicine')])).toBe('pcp');
  });

  it('lands each role where it works, among the tabs that exist', () => {
    const tabs = ['caseload', 'review', 'search', 'billing'];
    expect(landingTab('psychiatric-consultant', tabs, 'caseload')).toBe('review');
    expect(landingTab('care-manager', tabs, 'caseload')).toBe('caseload');
    // The Program tab is used once the build has it; until then billing.
    expect(landingTab('program-lead', tabs, 'caseload')).toBe('billing');
    expect(landingTab('program-lead', [...tabs, 'program'], 'caseload')).toBe('program');
    expect(landingTab(undefined, tabs, 'caseload')).toBe('caseload');
  });

  it('offers each role its actions; an unknown role keeps all', () => {
    expect(mayDo('psychiatric-consultant', 'record-review')).toBe(true);
    expect(mayDo('care-manager', 'record-review')).toBe(false);
    expect(mayDo('medical-assistant', 'assess-risk')).toBe(false);
    expect(mayDo('medical-assistant', 'screen')).toBe(true);
    expect(mayDo('pcp', 'mark-recommendation-seen')).toBe(true);
    expect(mayDo(undefined, 'record-review')).toBe(true);
  });

  it('leaves accepting a psychiatric recommendation into the plan to the PCP', () => {
    expect(mayDo('pcp', 'accept-recommendation')).toBe(true);
    for (const role of ['care-manager', 'psychiatric-consultant', 'medical-assistant', 'program-lead'] as const) expect(mayDo(role, 'accept-recommendation')).toBe(false);
  });
});
