import { appTreatmentPlan } from './appPlans.ts';
import type { CarePlan, Condition, Dosage, Goal, MedicationRequest, Resource } from '@medplum/fhirtypes';
import type { CourseKind } from './courses.ts';
import type { Rng } from './prng.ts';

/**
 * The treatment context of one synthetic patient: diagnoses (ICD-10-CM with SNOMED CT
 * equivalents, a few in free text only, some recorded again as encounter diagnoses), other
 * chronic conditions, psychotropic MedicationRequests whose changes follow the score course
 * (treat-to-target: a dose increase after 8-10 weeks without response, then a switch or an
 * augmentation), a few everyday medications, and a collaborative care plan with goals. It also
 * holds the shapes real EHRs send: orders without a code, doses only in text, an old order
 * left active beside its replacement, one entered in error. Codes: docs/treatment-codes.md.
 */
const ICD10 = 'http://hl7.org/fhir/sid/icd-10-cm';
const SNOMED = 'http://snomed.info/sct';
const RXNORM = 'http://www.nlm.nih.gov/research/umls/rxnorm';
/** Stands for an EHR's own medication ids, which are not RxNorm. */
const LOCAL_MED = 'urn:cocm-sandbox:medication-id';
const DAY = 86_400_000;
const WEEK = 7 * DAY;

export interface TreatmentPlan {
  patient: string;
  /** The patient key used in resource ids. */
  key: string;
  course: CourseKind;
  weeksAgo: number;
  withGad7: boolean;
  /** When the score history (the episode) starts. */
  start: Date;
  pcp: string;
}

interface Drug {
  name: string;
  brand: string;
  rxcui: string;
  /** Starting dose and the steps up, in mg. */
  doses: number[];
  form: 'Oral Tablet' | 'Extended Release Oral Tablet' | 'Oral Capsule';
  instruction: string;
}

const SERTRALINE: Drug = { name: 'sertraline', brand: 'Zoloft', rxcui: '36437', doses: [50, 100, 150], form: 'Oral Tablet', instruction: 'by mouth once daily' };
const ESCITALOPRAM: Drug = { name: 'escitalopram', brand: 'Lexapro', rxcui: '321988', doses: [10, 20], form: 'Oral Tablet', instruction: 'by mouth once daily' };
const FLUOXETINE: Drug = { name: 'fluoxetine', brand: 'Prozac', rxcui: '4493', doses: [20, 40], form: 'Oral Capsule', instruction: 'by mouth every morning' };
const CITALOPRAM: Drug = { name: 'citalopram', brand: 'Celexa', rxcui: '2556', doses: [20, 40], form: 'Oral Tablet', instruction: 'by mouth once daily' };
const BUPROPION: Drug = {
  name: 'bupropion',
  brand: 'Wellbutrin XL',
  rxcui: '42347',
  doses: [150, 300],
  form: 'Extended Release Oral Tablet',
  instruction: 'by mouth every morning',
};
const VENLAFAXINE: Drug = { name: 'venlafaxine', brand: 'Effexor XR', rxcui: '39786', doses: [75, 150], form: 'Oral Capsule', instruction: 'by mouth once daily with food' };
const ARIPIPRAZOLE: Drug = { name: 'aripiprazole', brand: 'Abilify', rxcui: '89013', doses: [2, 5], form: 'Oral Tablet', instruction: 'by mouth once daily' };
const TRAZODONE: Drug = { name: 'trazodone', brand: 'Desyrel', rxcui: '10737', doses: [50], form: 'Oral Tablet', instruction: 'by mouth at bedtime for sleep' };
const FIRST_LINE = [SERTRALINE, SERTRALINE, ESCITALOPRAM, ESCITALOPRAM, FLUOXETINE, CITALOPRAM, BUPROPION] as const;

const OTHER_MEDS = {
  htn: { text: 'lisinopril 10 MG Oral Tablet', rxcui: '29046', mg: 10 },
  diabetes: { text: 'metformin 500 MG Oral Tablet', rxcui: '6809', mg: 500 },
  lipids: { text: 'atorvastatin 20 MG Oral Tablet', rxcui: '83367', mg: 20 },
} as const;

/** A clinic-local timestamp on `day` (office hours, US Eastern offset by season). */
function officeTime(day: Date, rng: Rng): string {
  const month = day.getUTCMonth() + 1;
  const offset = month >= 4 && month <= 10 ? '-04:00' : '-05:00';
  return `${day.toISOString().slice(0, 10)}T${String(rng.int(8, 16)).padStart(2, '0')}:${String(rng.int(0, 11) * 5).padStart(2, '0')}:00${offset}`;
}

function concept(system: string, code: string, display: string) {
  return { system, code, display };
}

interface ConditionSpec {
  id: string;
  codes: { system: string; code: string; display: string }[];
  text: string;
  onset: string;
  category: 'problem-list-item' | 'encounter-diagnosis';
  status?: 'active' | 'remission' | 'resolved';
}

function condition(plan: TreatmentPlan, spec: ConditionSpec): Condition {
  return {
    resourceType: 'Condition',
    id: spec.id,
    clinicalStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: spec.status ?? 'active' }] },
    verificationStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'confirmed' }] },
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-category', code: spec.category }] }],
    code: { ...(spec.codes.length ? { coding: spec.codes } : {}), text: spec.text },
    subject: { reference: `Patient/${plan.patient}` },
    onsetDateTime: spec.onset,
    recordedDate: spec.onset,
    recorder: { reference: `Practitioner/${plan.pcp}` },
  };
}

type OrderShape = 'ingredient' | 'local-code' | 'no-code';

interface OrderSpec {
  id: string;
  drug: Drug;
  mg: number;
  start: string;
  /** Stop date; with `leftOpen` the order stays active anyway (an EHR artifact). */
  end?: string;
  status?: MedicationRequest['status'];
  shape: OrderShape;
  doseInTextOnly: boolean;
}

function psychotropicOrder(plan: TreatmentPlan, spec: OrderSpec): MedicationRequest {
  const { drug, mg } = spec;
  const product = `${drug.name} ${mg} MG ${drug.form}`;
  const medication =
    spec.shape === 'ingredient'
      ? { coding: [concept(RXNORM, drug.rxcui, drug.name)], text: product }
      : spec.shape === 'local-code'
        ? { coding: [concept(LOCAL_MED, `${drug.name.toUpperCase()}-${mg}`, `${drug.name.toUpperCase()} ${mg} MG ${drug.form.toUpperCase()}`)] }
        : { text: `${drug.brand} ${mg} mg` };
  const dosage: Dosage = spec.doseInTextOnly
    ? { text: `Take ${mg} mg ${drug.instruction}` }
    : {
        text: `${mg} mg ${drug.instruction}`,
        timing: { repeat: { frequency: 1, period: 1, periodUnit: 'd', ...(spec.end ? { boundsPeriod: { start: spec.start, end: spec.end } } : {}) } },
        doseAndRate: [{ doseQuantity: { value: mg, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }],
      };
  const status = spec.status ?? (spec.end ? 'stopped' : 'active');
  return {
    resourceType: 'MedicationRequest',
    id: spec.id,
    status,
    intent: 'order',
    medicationCodeableConcept: medication,
    subject: { reference: `Patient/${plan.patient}` },
    authoredOn: spec.start,
    requester: { reference: `Practitioner/${plan.pcp}` },
    dosageInstruction: [dosage],
    // A dose in text only keeps its stop date where some EHRs put it: the prescription's validity.
    ...(spec.end && spec.doseInTextOnly ? { dispenseRequest: { validityPeriod: { start: spec.start, end: spec.end } } } : {}),
  };
}

function everydayOrder(plan: TreatmentPlan, id: string, med: (typeof OTHER_MEDS)[keyof typeof OTHER_MEDS], start: string): MedicationRequest {
  return {
    resourceType: 'MedicationRequest',
    id,
    status: 'active',
    intent: 'order',
    medicationCodeableConcept: { coding: [concept(RXNORM, med.rxcui, med.text.split(' ')[0] as string)], text: med.text },
    subject: { reference: `Patient/${plan.patient}` },
    authoredOn: start,
    requester: { reference: `Practitioner/${plan.pcp}` },
    dosageInstruction: [
      { text: `${med.mg} mg by mouth once daily`, doseAndRate: [{ doseQuantity: { value: med.mg, unit: 'mg', system: 'http://unitsofmeasure.org', code: 'mg' } }] },
    ],
  };
}

function carePlanWithGoals(plan: TreatmentPlan, startTime: string, dueDay: string, onMedication: boolean): Resource[] {
  const goalId = `goal-${plan.key}-remission`;
  const goal: Goal = {
    resourceType: 'Goal',
    id: goalId,
    lifecycleStatus: 'active',
    achievementStatus: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'in-progress', display: 'In Progress' }] },
    description: { text: 'PHQ-9 below 5 (remission)' },
    subject: { reference: `Patient/${plan.patient}` },
    startDate: startTime.slice(0, 10),
    target: [
      {
        measure: { coding: [concept('http://loinc.org', '44261-6', 'Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]')] },
        detailQuantity: { value: 5, comparator: '<', unit: '{score}', system: 'http://unitsofmeasure.org', code: '{score}' },
        dueDate: dueDay,
      },
    ],
  };
  const carePlan: CarePlan = {
    resourceType: 'CarePlan',
    id: `careplan-${plan.key}`,
    status: 'active',
    intent: 'plan',
    title: 'Collaborative care treatment plan',
    description: 'Measurement-based care for depression with the care manager and the psychiatric consultant.',
    subject: { reference: `Patient/${plan.patient}` },
    period: { start: startTime },
    goal: [{ reference: `Goal/${goalId}` }],
    activity: [
      { detail: { status: 'in-progress', description: 'Care manager follow-up every 2 weeks with PHQ-9' } },
      { detail: { status: 'in-progress', description: 'Behavioral activation' } },
      ...(onMedication ? [{ detail: { status: 'in-progress' as const, description: 'Antidepressant medication management' } }] : []),
    ],
  };
  return [carePlan, goal];
}

/** Weeks after the start of the episode, as a clinic timestamp (undefined if that is after `now`). */
function at(plan: TreatmentPlan, weeks: number, rng: Rng, now: Date): string | undefined {
  const day = new Date(plan.start.getTime() + weeks * WEEK);
  return day.getTime() <= now.getTime() ? officeTime(day, rng) : undefined;
}

export interface TreatmentStats {
  doseChanges: number;
  switches: number;
  augmentations: number;
}

/** Every treatment resource of one patient. Deterministic for the same `rng` state. */
export function generateTreatment(plan: TreatmentPlan, rng: Rng, now: Date): { resources: Resource[]; stats: TreatmentStats } {
  const stats: TreatmentStats = { doseChanges: 0, switches: 0, augmentations: 0 };
  const resources: Resource[] = [];
  const startTime = officeTime(plan.start, rng);
  const { key } = plan;
  const remitted = plan.course === 'remitter' && plan.weeksAgo > 26;

  // Diagnoses: ICD-10-CM with a SNOMED CT equivalent; a few in free text only.
  const recurrent = plan.course === 'relapse' || rng.chance(0.25);
  const depression =
    plan.course === 'mild'
      ? { codes: [concept(ICD10, 'F32.0', 'Major depressive disorder, single episode, mild')], text: 'Major depressive disorder, single episode, mild' }
      : recurrent
        ? {
            codes: [concept(ICD10, 'F33.1', 'Major depressive disorder, recurrent, moderate'), concept(SNOMED, '370143000', 'Major depressive disorder')],
            text: 'Major depressive disorder, recurrent, moderate',
          }
        : {
            codes: [concept(ICD10, 'F32.1', 'Major depressive disorder, single episode, moderate'), concept(SNOMED, '832007', 'Moderate major depression')],
            text: 'Major depressive disorder, single episode, moderate',
          };
  const freeText = rng.chance(0.06);
  resources.push(
    condition(plan, {
      id: `cond-${key}-dep`,
      ...(freeText ? { codes: [], text: 'Depression' } : depression),
      onset: startTime,
      category: 'problem-list-item',
      ...(remitted ? { status: 'remission' as const } : {}),
    }),
  );
  if (!freeText && rng.chance(0.3)) {
    const visit = at(plan, rng.int(2, 6), rng, now);
    if (visit)
      resources.push(condition(plan, { id: `cond-${key}-dep-enc`, codes: depression.codes.slice(0, 1), text: depression.text, onset: startTime, category: 'encounter-diagnosis' }));
  }
  if (plan.withGad7) {
    const anxietyText = rng.chance(0.05);
    resources.push(
      condition(plan, {
        id: `cond-${key}-anx`,
        codes: anxietyText ? [] : [concept(ICD10, 'F41.1', 'Generalized anxiety disorder'), concept(SNOMED, '21897009', 'Generalized anxiety disorder')],
        text: anxietyText ? 'Anxiety, worse under stress' : 'Generalized anxiety disorder',
        onset: startTime,
        category: 'problem-list-item',
      }),
    );
  }
  const yearsBefore = (years: number) => new Date(plan.start.getTime() - years * 365 * DAY).toISOString().slice(0, 10);
  const chronic: (keyof typeof OTHER_MEDS)[] = [];
  if (rng.chance(0.25)) {
    chronic.push('htn');
    resources.push(
      condition(plan, {
        id: `cond-${key}-htn`,
        codes: [concept(ICD10, 'I10', 'Essential (primary) hypertension'), concept(SNOMED, '38341003', 'Hypertensive disorder')],
        text: 'Essential hypertension',
        onset: yearsBefore(rng.int(1, 8)),
        category: 'problem-list-item',
      }),
    );
  }
  if (rng.chance(0.15)) {
    chronic.push('diabetes');
    resources.push(
      condition(plan, {
        id: `cond-${key}-t2d`,
        codes: [concept(ICD10, 'E11.9', 'Type 2 diabetes mellitus without complications'), concept(SNOMED, '44054006', 'Diabetes mellitus type 2')],
        text: 'Type 2 diabetes mellitus',
        onset: yearsBefore(rng.int(1, 6)),
        category: 'problem-list-item',
      }),
    );
  }
  if (rng.chance(0.15)) {
    chronic.push('lipids');
    resources.push(
      condition(plan, {
        id: `cond-${key}-lip`,
        codes: [concept(ICD10, 'E78.5', 'Hyperlipidemia, unspecified'), concept(SNOMED, '55822004', 'Hyperlipidemia')],
        text: 'Hyperlipidemia',
        onset: yearsBefore(rng.int(1, 6)),
        category: 'problem-list-item',
      }),
    );
  }
  chronic.forEach((c, i) => resources.push(everydayOrder(plan, `med-${key}-other-${i + 1}`, OTHER_MEDS[c], `${yearsBefore(1)}T09:00:00-05:00`)));

  // Psychotropics, following the course.
  let n = 0;
  const nextId = () => `med-${key}-${++n}`;
  const shape = (): OrderShape => (rng.chance(0.05) ? 'no-code' : rng.chance(0.1) ? 'local-code' : 'ingredient');
  const order = (drug: Drug, mg: number, start: string, end?: string, status?: MedicationRequest['status']) =>
    psychotropicOrder(plan, { id: nextId(), drug, mg, start, ...(end ? { end } : {}), ...(status ? { status } : {}), shape: shape(), doseInTextOnly: rng.chance(0.25) });
  const medicated = plan.course === 'mild' ? false : rng.chance(0.75);
  if (plan.course === 'mild' && rng.chance(0.3)) resources.push(order(TRAZODONE, 50, startTime));
  if (medicated) {
    const drug = rng.pick(FIRST_LINE);
    const escalates = (plan.course === 'non-responder' || plan.course === 'slow-improver') && plan.weeksAgo > 10;
    const increaseAt = escalates ? at(plan, rng.int(8, 10), rng, now) : undefined;
    const changeAt = plan.course === 'non-responder' && plan.weeksAgo > 20 ? at(plan, rng.int(16, 20), rng, now) : undefined;
    const stopAt =
      plan.course === 'drop-out'
        ? at(plan, rng.int(3, 7), rng, now)
        : plan.course === 'remitter' && plan.weeksAgo > 60 && rng.chance(0.5)
          ? at(plan, rng.int(40, 52), rng, now)
          : plan.course === 'relapse' && plan.weeksAgo > 45
            ? at(plan, rng.int(26, 30), rng, now)
            : undefined;
    const switching = changeAt !== undefined && rng.chance(0.5);
    const first = drug.doses[0] as number;
    const second = drug.doses[1] ?? first;
    if (increaseAt) {
      // Some EHRs leave the old order active beside its replacement.
      const leftOpen = rng.chance(0.15);
      resources.push(order(drug, first, startTime, leftOpen ? undefined : increaseAt));
      resources.push(order(drug, second, increaseAt, switching ? changeAt : undefined));
      stats.doseChanges++;
      if (rng.chance(0.04)) {
        // Entered twice by mistake at three times the dose, then marked entered in error.
        resources.push(order(drug, second * 3, increaseAt, undefined, 'entered-in-error'));
      }
    } else {
      resources.push(order(drug, first, startTime, stopAt, plan.course === 'remitter' && stopAt ? 'completed' : undefined));
    }
    if (changeAt) {
      if (switching) {
        const next = drug === VENLAFAXINE ? SERTRALINE : VENLAFAXINE;
        const stepUp = plan.weeksAgo > 28 ? at(plan, rng.int(24, 28), rng, now) : undefined;
        resources.push(order(next, next.doses[0] as number, changeAt, stepUp));
        if (stepUp) {
          resources.push(order(next, next.doses[1] as number, stepUp));
          stats.doseChanges++;
        }
        stats.switches++;
      } else {
        const addOn = drug === BUPROPION || rng.chance(0.5) ? ARIPIPRAZOLE : BUPROPION;
        resources.push(order(addOn, addOn.doses[0] as number, changeAt));
        stats.augmentations++;
      }
    }
    if (plan.weeksAgo >= 2 && rng.chance(0.5)) resources.push(...carePlanWithGoals(plan, startTime, new Date(plan.start.getTime() + 24 * WEEK).toISOString().slice(0, 10), true));
  } else if (plan.weeksAgo >= 2 && rng.chance(0.3)) {
    resources.push(...carePlanWithGoals(plan, startTime, new Date(plan.start.getTime() + 24 * WEEK).toISOString().slice(0, 10), false));
  }
  // Half of the patients four to 52 weeks in have a plan the app wrote (own fork: no other
  // draw shifts); a longer history's start is not its current episode's, so its plan would be stale.
  const revisedAt = at(plan, 4, rng.fork('app-plan'), now);
  if (revisedAt && plan.weeksAgo <= 52 && rng.fork('app-plan').chance(0.5)) {
    resources.push(
      ...appTreatmentPlan({
        patient: plan.patient,
        key,
        pcp: plan.pcp,
        start: startTime.slice(0, 10),
        revised: revisedAt.slice(0, 10),
        onMedication: medicated,
        depressionCondition: `cond-${key}-dep`,
      }),
    );
  }
  return { resources, stats };
}
