/**
 * EHR profiles: which resource types and interactions the FHIR server advertises in its
 * CapabilityStatement and enforces (404 for an unsupported type, 405 for an unsupported
 * interaction). `generic` is a permissive EHR; `epic` and `oracle` will imitate those
 * vendors' documented limits (clinical-reference.md, "What real EHRs let an app write") by
 * changing this table and adding search rules, without touching the request pipeline.
 */
export type Interaction = 'read' | 'vread' | 'search-type' | 'create' | 'update' | 'patch' | 'delete' | 'history-instance';

export type ProfileName = 'generic' | 'epic' | 'oracle';

export const PROFILE_NAMES: readonly ProfileName[] = ['generic', 'epic', 'oracle'];
/** Profiles implemented so far; the CLI refuses the others with a clear message. */
export const AVAILABLE_PROFILES: readonly ProfileName[] = ['generic'];

export interface EhrProfile {
  name: ProfileName;
  /** Shown as CapabilityStatement.software.name. */
  softwareName: string;
  resources: Readonly<Record<string, readonly Interaction[]>>;
}

const READ_ONLY: readonly Interaction[] = ['read', 'vread', 'search-type'];
const READ_WRITE: readonly Interaction[] = ['read', 'vread', 'search-type', 'create', 'update', 'history-instance'];

const GENERIC: EhrProfile = {
  name: 'generic',
  softwareName: 'CoCM Registry Sandbox EHR (generic profile)',
  resources: {
    Patient: READ_ONLY,
    Practitioner: READ_ONLY,
    PractitionerRole: READ_ONLY,
    Organization: READ_ONLY,
    Questionnaire: READ_ONLY,
    Group: READ_ONLY,
    Encounter: READ_ONLY,
    Condition: READ_ONLY,
    MedicationRequest: READ_ONLY,
    MedicationStatement: READ_ONLY,
    CarePlan: READ_ONLY,
    Goal: READ_ONLY,
    Observation: READ_WRITE,
    QuestionnaireResponse: READ_WRITE,
    Flag: READ_WRITE,
    List: READ_WRITE,
    EpisodeOfCare: READ_WRITE,
    Communication: READ_WRITE,
    DocumentReference: READ_WRITE,
  },
};

export function getProfile(name: ProfileName): EhrProfile {
  if (name === 'generic') return GENERIC;
  throw new Error(`profile "${name}" is not implemented yet (available: ${AVAILABLE_PROFILES.join(', ')})`);
}

export function supports(profile: EhrProfile, type: string, interaction?: Interaction): boolean {
  const list = profile.resources[type];
  if (!list) return false;
  return interaction === undefined || list.includes(interaction);
}
