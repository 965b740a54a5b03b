/**
 * Billing rules that are settings (docs/clinical-rules.md, "Billing"). Defaults are the CPT
 * psychiatric Collaborative Care codes as listed in clinical-reference.md: 99492 for the
 * episode's first calendar month, 99493 for each later month, the add-on 99494 per further 30
 * minutes by the CPT midpoint rule, and Medicare's G2214 only where a program turns it on.
 */

/** The first-month or later-month code: reported from `minMinutes`, covering `coveredMinutes`. */
export interface PrimaryCode {
  readonly code: string;
  /** Fewest minutes in the month that report the code (CPT midpoint of the covered time). */
  readonly minMinutes: number;
  /** Minutes the code covers; the add-on counts from here. */
  readonly coveredMinutes: number;
}

export interface AddOnCode {
  readonly code: string;
  /** Minutes one unit stands for. */
  readonly blockMinutes: number;
  /** Minutes into a block that report its unit (midpoint rule: 16 of 30). */
  readonly midpointMinutes: number;
  /** Most units a payer takes in a month; undefined: no limit. */
  readonly maxUnits: number | undefined;
}

export interface G2214Code {
  /** Off by default: Medicare's code, and its threshold is unverified (clinical-reference.md). */
  readonly enabled: boolean;
  readonly code: string;
  /** Reported from here while the month stays below the 99492 / 99493 threshold. */
  readonly minMinutes: number;
}

export interface BillingSettings {
  readonly firstMonth: PrimaryCode;
  readonly laterMonth: PrimaryCode;
  readonly addOn: AddOnCode;
  readonly g2214: G2214Code;
  /**
   * Whether minutes logged on a no-show or an unanswered outreach attempt count. Default
   * false: clinical-reference.md does not say they do, so the report errs on never billing
   * time that may not be billable (a product decision; a payer that counts outreach time
   * turns it on).
   */
  readonly countAttemptMinutes: boolean;
  /**
   * Only the treating practitioner reports CoCM codes. When this lists references
   * (`Practitioner/123`), a patient whose treating provider is not among them is not billed
   * and the report says why; undefined: any treating provider may bill.
   */
  readonly billingProviders: readonly string[] | undefined;
  /**
   * How the running contact timer turns elapsed time into the minutes it offers. Default
   * `down`: whole minutes only (1:59 gives 1), as the billing rules drop fractions of a
   * minute and never count time that may not be billable; `nearest`: 30 seconds or more
   * round up. The user can always change the minutes before saving.
   */
  readonly timerRounding: TimerRounding;
}

export type TimerRounding = 'down' | 'nearest';

export const DEFAULT_BILLING_SETTINGS: BillingSettings = {
  firstMonth: { code: '99492', minMinutes: 36, coveredMinutes: 70 },
  laterMonth: { code: '99493', minMinutes: 31, coveredMinutes: 60 },
  addOn: { code: '99494', blockMinutes: 30, midpointMinutes: 16, maxUnits: undefined },
  g2214: { enabled: false, code: 'G2214', minMinutes: 16 },
  countAttemptMinutes: false,
  billingProviders: undefined,
  timerRounding: 'down',
};

export interface BillingSettingsOverride {
  readonly firstMonth?: Partial<PrimaryCode>;
  readonly laterMonth?: Partial<PrimaryCode>;
  readonly addOn?: Partial<AddOnCode>;
  readonly g2214?: Partial<G2214Code>;
  readonly countAttemptMinutes?: boolean;
  readonly billingProviders?: readonly string[] | undefined;
  readonly timerRounding?: TimerRounding;
}

/** Defaults with an override laid over them, code by code. */
export function resolveBillingSettings(override?: BillingSettingsOverride | BillingSettings): BillingSettings {
  if (!override) return DEFAULT_BILLING_SETTINGS;
  const d = DEFAULT_BILLING_SETTINGS;
  return {
    firstMonth: { ...d.firstMonth, ...override.firstMonth },
    laterMonth: { ...d.laterMonth, ...override.laterMonth },
    addOn: { ...d.addOn, ...override.addOn },
    g2214: { ...d.g2214, ...override.g2214 },
    countAttemptMinutes: override.countAttemptMinutes ?? d.countAttemptMinutes,
    billingProviders: 'billingProviders' in override ? override.billingProviders : d.billingProviders,
    timerRounding: override.timerRounding === 'nearest' ? 'nearest' : d.timerRounding,
  };
}
