/**
 * Psychotropic ingredients the registry recognises, by RxNorm ingredient (IN) RxCUI and by name
 * (generic and common US brand names). An order coded with a product (SCD/SBD) or a local code
 * is recognised by the ingredient name in its display text. Sources and verification:
 * docs/treatment-codes.md.
 */
export type PsychotropicClass =
  'ssri' | 'snri' | 'other-antidepressant' | 'tricyclic' | 'maoi' | 'anxiolytic' | 'benzodiazepine' | 'antipsychotic' | 'mood-stabilizer' | 'hypnotic';

export const PSYCHOTROPIC_CLASS_LABELS: Readonly<Record<PsychotropicClass, string>> = {
  ssri: 'Antidepressant (SSRI)',
  snri: 'Antidepressant (SNRI)',
  'other-antidepressant': 'Antidepressant',
  tricyclic: 'Antidepressant (tricyclic)',
  maoi: 'Antidepressant (MAOI)',
  anxiolytic: 'Anxiolytic',
  benzodiazepine: 'Benzodiazepine',
  antipsychotic: 'Antipsychotic',
  'mood-stabilizer': 'Mood stabilizer',
  hypnotic: 'Hypnotic',
};

export const ANTIDEPRESSANT_CLASSES: ReadonlySet<PsychotropicClass> = new Set(['ssri', 'snri', 'other-antidepressant', 'tricyclic', 'maoi']);

/**
 * How an RxCUI was checked: `cpic` = listed with this ingredient in the CPIC drug table (built
 * from RxNorm); `unverified` = widely used but not checked against RxNav here. Either way an
 * order is also recognised by name, so a wrong id only matters for a code sent without text.
 */
export type RxcuiSource = 'cpic' | 'unverified';

export interface PsychotropicIngredient {
  /** Lower-case generic name as RxNorm writes the ingredient. */
  name: string;
  rxcui?: string;
  rxcuiSource?: RxcuiSource;
  class: PsychotropicClass;
  /** Other generic spellings and US brand names (matched as whole words, case-insensitive). */
  aliases: readonly string[];
}

const I = (name: string, cls: PsychotropicClass, rxcui: string | undefined, rxcuiSource: RxcuiSource | undefined, aliases: string[] = []): PsychotropicIngredient => ({
  name,
  class: cls,
  aliases,
  ...(rxcui ? { rxcui } : {}),
  ...(rxcuiSource ? { rxcuiSource } : {}),
});

export const PSYCHOTROPICS: readonly PsychotropicIngredient[] = [
  // SSRIs
  I('sertraline', 'ssri', '36437', 'cpic', ['Zoloft']),
  I('fluoxetine', 'ssri', '4493', 'cpic', ['Prozac', 'Sarafem']),
  I('citalopram', 'ssri', '2556', 'cpic', ['Celexa']),
  I('escitalopram', 'ssri', '321988', 'cpic', ['Lexapro']),
  I('paroxetine', 'ssri', '32937', 'cpic', ['Paxil', 'Pexeva']),
  I('fluvoxamine', 'ssri', '42355', 'cpic', ['Luvox']),
  // SNRIs
  I('venlafaxine', 'snri', '39786', 'cpic', ['Effexor']),
  I('duloxetine', 'snri', '72625', 'cpic', ['Cymbalta', 'Drizalma']),
  I('desvenlafaxine', 'snri', '734064', 'unverified', ['Pristiq', 'Khedezla']),
  I('levomilnacipran', 'snri', '1433212', 'unverified', ['Fetzima']),
  // Other antidepressants
  I('bupropion', 'other-antidepressant', '42347', 'cpic', ['Wellbutrin', 'Aplenzin', 'Forfivo']),
  I('mirtazapine', 'other-antidepressant', '15996', 'cpic', ['Remeron']),
  I('trazodone', 'other-antidepressant', '10737', 'unverified', ['Desyrel', 'Oleptro']),
  I('vortioxetine', 'other-antidepressant', '1455099', 'cpic', ['Trintellix', 'Brintellix']),
  I('vilazodone', 'other-antidepressant', '1086769', 'unverified', ['Viibryd']),
  I('nefazodone', 'other-antidepressant', undefined, undefined),
  // Tricyclics
  I('amitriptyline', 'tricyclic', '704', 'cpic', ['Elavil']),
  I('nortriptyline', 'tricyclic', '7531', 'cpic', ['Pamelor']),
  I('imipramine', 'tricyclic', '5691', 'cpic', ['Tofranil']),
  I('desipramine', 'tricyclic', '3247', 'cpic', ['Norpramin']),
  I('clomipramine', 'tricyclic', '2597', 'cpic', ['Anafranil']),
  I('doxepin', 'tricyclic', '3638', 'cpic', ['Silenor']),
  I('protriptyline', 'tricyclic', '8886', 'cpic', ['Vivactil']),
  I('trimipramine', 'tricyclic', '10834', 'cpic', ['Surmontil']),
  // MAOIs
  I('phenelzine', 'maoi', undefined, undefined, ['Nardil']),
  I('tranylcypromine', 'maoi', undefined, undefined, ['Parnate']),
  I('isocarboxazid', 'maoi', undefined, undefined, ['Marplan']),
  // Anxiolytics
  I('buspirone', 'anxiolytic', '1827', 'unverified', ['Buspar']),
  I('hydroxyzine', 'anxiolytic', undefined, undefined, ['Vistaril', 'Atarax']),
  // Benzodiazepines
  I('alprazolam', 'benzodiazepine', '596', 'unverified', ['Xanax']),
  I('lorazepam', 'benzodiazepine', '6470', 'unverified', ['Ativan']),
  I('clonazepam', 'benzodiazepine', '2598', 'unverified', ['Klonopin']),
  I('diazepam', 'benzodiazepine', '3322', 'cpic', ['Valium']),
  I('oxazepam', 'benzodiazepine', '7781', 'cpic'),
  I('chlordiazepoxide', 'benzodiazepine', undefined, undefined, ['Librium']),
  I('temazepam', 'benzodiazepine', undefined, undefined, ['Restoril']),
  // Antipsychotics
  I('aripiprazole', 'antipsychotic', '89013', 'cpic', ['Abilify']),
  I('brexpiprazole', 'antipsychotic', '1658314', 'cpic', ['Rexulti']),
  I('cariprazine', 'antipsychotic', undefined, undefined, ['Vraylar']),
  I('quetiapine', 'antipsychotic', '51272', 'unverified', ['Seroquel']),
  I('olanzapine', 'antipsychotic', '61381', 'cpic', ['Zyprexa']),
  I('risperidone', 'antipsychotic', '35636', 'cpic', ['Risperdal']),
  I('ziprasidone', 'antipsychotic', undefined, undefined, ['Geodon']),
  I('lurasidone', 'antipsychotic', undefined, undefined, ['Latuda']),
  I('paliperidone', 'antipsychotic', undefined, undefined, ['Invega']),
  I('iloperidone', 'antipsychotic', '73178', 'cpic', ['Fanapt']),
  I('lumateperone', 'antipsychotic', undefined, undefined, ['Caplyta']),
  I('clozapine', 'antipsychotic', '2626', 'cpic', ['Clozaril']),
  I('haloperidol', 'antipsychotic', '5093', 'cpic', ['Haldol']),
  I('perphenazine', 'antipsychotic', '8076', 'cpic'),
  // Mood stabilizers (several are also antiseizure drugs: the list cannot tell why one was ordered)
  I('lithium', 'mood-stabilizer', '6448', 'unverified', ['Lithobid']),
  I('lamotrigine', 'mood-stabilizer', '28439', 'cpic', ['Lamictal']),
  I('valproic acid', 'mood-stabilizer', '11118', 'cpic', ['valproate', 'Depakene']),
  I('divalproex sodium', 'mood-stabilizer', '266856', 'cpic', ['divalproex', 'Depakote']),
  I('carbamazepine', 'mood-stabilizer', '2002', 'cpic', ['Tegretol', 'Equetro']),
  I('oxcarbazepine', 'mood-stabilizer', '32624', 'cpic', ['Trileptal']),
  // Hypnotics
  I('zolpidem', 'hypnotic', '39993', 'unverified', ['Ambien', 'Edluar', 'Intermezzo']),
  I('eszopiclone', 'hypnotic', undefined, undefined, ['Lunesta']),
  I('zaleplon', 'hypnotic', undefined, undefined, ['Sonata']),
  I('ramelteon', 'hypnotic', undefined, undefined, ['Rozerem']),
  I('suvorexant', 'hypnotic', undefined, undefined, ['Belsomra']),
];
