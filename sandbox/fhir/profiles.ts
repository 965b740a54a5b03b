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
export const AVAILABLE_PROFILES: readonly ProfileName[] = ['generic', 'epic', 'oracle'];

export const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';
export const LOINC = 'http://loinc.org';

/**
 * A create the EHR accepts only for some content: a resource matching any listed category or
 * any listed code (system + code). Advertised in the CapabilityStatement with the extension
 * below, which the app reads (docs/fhir-mapping.md), and enforced with 422.
 */
export interface CreateLimit {
  categories: ReadonlyArray<{ system: string; code: string }>;
  codes: ReadonlyArray<{ system: string; code: string }>;
  /** Words of the 422's OperationOutcome, as the vendor would explain the refusal. */
  refusal: string;
}

export const CREATE_LIMIT_EXTENSION = 'urn:cocm-registry:capability:create-limited-to';

export interface EhrProfile {
  name: ProfileName;
  /** Shown as CapabilityStatement.software.name. */
  softwareName: string;
  resources: Readonly<Record<string, readonly Interaction[]>>;
  createLimits: Readonly<Record<string, CreateLimit>>;
  /**
   * Whether searches of patient-compartment types may omit the patient. Epic refuses them
   * (apps read per patient or through a List/Group), so the caseload must cope.
   */
  crossPatientSearch: boolean;
  /** Whether a `batch` Bundle POSTed to the base is answered (advertised in the CapabilityStatement). */
  batch: boolean;
}

/** Epic's default mapped flowsheet rows for this app: the PHQ-9 and GAD-7 totals. */
export const DEFAULT_EPIC_FLOWSHEET_CODES: readonly string[] = ['44261-6', '70274-6'];

export interface ProfileOptions {
  /** `epic`: LOINC codes of the Observations that count as mapped flowsheet rows. */
  flowsheetCodes?: readonly string[];
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
    // The treatment and relapse prevention plans: generic takes them (Epic and Oracle do not).
    CarePlan: READ_WRITE,
    Goal: READ_WRITE,
    Observation: READ_WRITE,
    QuestionnaireResponse: READ_WRITE,
    Flag: READ_WRITE,
    List: READ_WRITE,
    EpisodeOfCare: READ_WRITE,
    Communication: READ_WRITE,
    DocumentReference: READ_WRITE,
    // What the quality measures also read; ServiceRequest takes a follow-up referral.
    Procedure: READ_ONLY,
    Coverage: READ_ONLY,
    ServiceRequest: READ_WRITE,
  },
  createLimits: {},
  crossPatientSearch: true,
  batch: true,
};

const CREATE_ONLY: readonly Interaction[] = ['read', 'search-type', 'create'];

/**
 * Epic (sandbox CapabilityStatement, 2026): Observations only into site-built, mapped
 * flowsheet rows; Flag, EpisodeOfCare, CarePlan and Goal read-only; QuestionnaireResponse create;
 * no search across patients.
 */
function epic(options: ProfileOptions): EhrProfile {
  const codes = options.flowsheetCodes ?? DEFAULT_EPIC_FLOWSHEET_CODES;
  return {
    name: 'epic',
    softwareName: 'CoCM Registry Sandbox EHR (imitating Epic)',
    resources: {
      ...GENERIC.resources,
      Observation: ['read', 'search-type', 'create', 'update'],
      QuestionnaireResponse: CREATE_ONLY,
      Flag: READ_ONLY,
      List: READ_ONLY,
      EpisodeOfCare: READ_ONLY,
      CarePlan: READ_ONLY,
      Goal: READ_ONLY,
      Communication: ['create'],
      DocumentReference: ['read', 'search-type', 'create', 'update'],
      ServiceRequest: READ_ONLY,
    },
    createLimits: {
      Observation: {
        categories: [],
        codes: codes.map((code) => ({ system: LOINC, code })),
        refusal: 'This Observation code is not mapped to a flowsheet row at this organization, so it cannot be filed.',
      },
    },
    crossPatientSearch: false,
    // Not assumed of Epic or Oracle: the app must fall back to one search per type.
    batch: false,
  };
}

/**
 * Oracle Health Millennium R4 (docs, 2024): Observation create for vital signs and
 * laboratory only; QuestionnaireResponse read, search and update (social history) but no
 * create; Flag not offered; CarePlan and Goal read-only (Goal read is documented).
 */
function oracle(): EhrProfile {
  const { Flag: _flag, ...rest } = GENERIC.resources;
  return {
    name: 'oracle',
    softwareName: 'CoCM Registry Sandbox EHR (imitating Oracle Health Millennium)',
    resources: {
      ...rest,
      Observation: ['read', 'search-type', 'create', 'update'],
      QuestionnaireResponse: ['read', 'search-type', 'update'],
      List: READ_ONLY,
      EpisodeOfCare: READ_ONLY,
      CarePlan: READ_ONLY,
      Goal: READ_ONLY,
      Encounter: ['read', 'search-type', 'create', 'patch'],
      Communication: ['create'],
      DocumentReference: ['read', 'search-type', 'create', 'update'],
    },
    createLimits: {
      Observation: {
        categories: [
          { system: OBSERVATION_CATEGORY_SYSTEM, code: 'vital-signs' },
          { system: OBSERVATION_CATEGORY_SYSTEM, code: 'laboratory' },
        ],
        codes: [],
        refusal: 'Only vital sign and laboratory Observations can be created through this interface.',
      },
    },
    crossPatientSearch: false,
    // Not assumed of Epic or Oracle: the app must fall back to one search per type.
    batch: false,
  };
}

export function getProfile(name: ProfileName, options: ProfileOptions = {}): EhrProfile {
  if (name === 'generic') return GENERIC;
  if (name === 'epic') return epic(options);
  return oracle();
}

type Coded = { coding?: Array<{ system?: string; code?: string }> };

function hasCoding(concepts: readonly Coded[], wanted: ReadonlyArray<{ system: string; code: string }>): boolean {
  return concepts.some((c) => (c.coding ?? []).some((coding) => wanted.some((w) => w.system === coding.system && w.code === coding.code)));
}

/** Undefined when the profile accepts this create; otherwise the refusal's words. */
export function createRefusal(profile: EhrProfile, resource: { resourceType: string; category?: Coded[]; code?: Coded }): string | undefined {
  const limit = profile.createLimits[resource.resourceType];
  if (!limit) return undefined;
  const ok = hasCoding(resource.category ?? [], limit.categories) || hasCoding(resource.code ? [resource.code] : [], limit.codes);
  return ok ? undefined : limit.refusal;
}

export function supports(profile: EhrProfile, type: string, interaction?: Interaction): boolean {
  const list = profile.resources[type];
  if (!list) return false;
  return interaction === undefined || list.includes(interaction);
}
