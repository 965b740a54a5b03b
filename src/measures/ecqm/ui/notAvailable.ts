/** What a resource type the EHR would not give does to each measure's result, in words. */
export const CONSEQUENCE: Readonly<Record<string, string>> = {
  Patient: 'Those patients are not evaluated at all.',
  Encounter: 'Both measures start from a visit: without visits no patient enters either measure, so the counts are too low.',
  Condition: 'CMS159 cannot see depression diagnoses (nobody enters it), and CMS2 cannot see bipolar disorder, which excludes patients.',
  Observation: 'No PHQ-9 or screening result can be counted: CMS159 finds no index score and CMS2 no screening.',
  MedicationRequest: 'CMS2 cannot see antidepressant orders as follow-up plans, so positive screens may count as not followed up.',
  ServiceRequest: 'CMS2 cannot see referrals as follow-up plans, and CMS159 cannot see hospice orders that exclude patients.',
  Procedure: 'CMS2 cannot see follow-up procedures, and CMS159 cannot see hospice or palliative care that excludes patients.',
  Coverage: 'Only the payer breakdown is affected; the counts are not.',
};

export function consequenceOf(resourceType: string): string {
  return CONSEQUENCE[resourceType] ?? 'Some of what the measures look for may be missing.';
}
