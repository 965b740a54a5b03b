/** Code systems the treatment model recognises (FHIR canonical URIs). */
export const ICD10_CM_SYSTEM = 'http://hl7.org/fhir/sid/icd-10-cm';
/** WHO ICD-10: some EHRs label US codes with it; its F chapter has the same three-character blocks. */
export const ICD10_SYSTEM = 'http://hl7.org/fhir/sid/icd-10';
export const SNOMED_SYSTEM = 'http://snomed.info/sct';
export const RXNORM_SYSTEM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
export const CONDITION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-category';
export const CONDITION_CLINICAL_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-clinical';
export const CONDITION_VERIFICATION_SYSTEM = 'http://terminology.hl7.org/CodeSystem/condition-ver-status';
