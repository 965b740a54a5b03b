import type { ServerResponse } from 'node:http';
import { Rng } from '../panel/prng.ts';

/**
 * Faults on demand, so anyone can watch the app under a flaky EHR (`--faults SPEC`) and tests
 * can check retries. Two kinds:
 *
 * - A rule list, `TYPE:STATUS:P`, `TYPE:delay:MS:P` or `TYPE:drop:P`, comma separated, e.g.
 *   `Observation:503:0.2,*:429:0.05,*:delay:2000:0.1`. `TYPE` is a FHIR resource type or `*`;
 *   `P` the probability per request. A status fault answers before any work is done (an
 *   OperationOutcome, with `Retry-After` for 429 and 503); `drop` does the work (a create is
 *   committed) and then cuts the connection before the answer, as a proxy timeout would;
 *   delays add up, and the first status or drop rule that fires wins. Draws come from a
 *   seeded generator, so the same seed and the same sequence of requests give the same faults.
 * - `dropCreateResponses(type, n)`: the next n creates of a type lose their answer (tests).
 *
 * Faults apply to FHIR resource interactions only, never to `/metadata`, SMART discovery or
 * the authorization server: the point is to watch the app's reads and writes, not its launch.
 */
export type FaultRule =
  | { type: string; kind: 'status'; status: number; probability: number }
  | { type: string; kind: 'delay'; ms: number; probability: number }
  | { type: string; kind: 'drop'; probability: number };

export class FaultSpecError extends Error {}

const RESOURCE_TYPE = /^(\*|[A-Z][A-Za-z]+)$/;

function probability(text: string | undefined, rule: string): number {
  const p = Number(text);
  if (text === undefined || !/^\d*\.?\d+$/.test(text) || p < 0 || p > 1) throw new FaultSpecError(`fault "${rule}": the probability must be a number from 0 to 1`);
  return p;
}

/** Parses `--faults`; throws FaultSpecError naming the bad rule. */
export function parseFaultSpec(spec: string): FaultRule[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((rule): FaultRule => {
      const [type = '', what = '', a, b, ...rest] = rule.split(':');
      if (!RESOURCE_TYPE.test(type)) throw new FaultSpecError(`fault "${rule}": start with a FHIR resource type or *`);
      if (what === 'delay') {
        if (rest.length || !a || !/^\d+$/.test(a)) throw new FaultSpecError(`fault "${rule}": write TYPE:delay:MILLISECONDS:PROBABILITY`);
        return { type, kind: 'delay', ms: Number(a), probability: probability(b, rule) };
      }
      if (what === 'drop') {
        if (b !== undefined) throw new FaultSpecError(`fault "${rule}": write TYPE:drop:PROBABILITY`);
        return { type, kind: 'drop', probability: probability(a, rule) };
      }
      if (!/^[45]\d\d$/.test(what) || b !== undefined)
        throw new FaultSpecError(`fault "${rule}": write TYPE:STATUS:PROBABILITY (status 400-599), TYPE:delay:MS:PROBABILITY or TYPE:drop:PROBABILITY`);
      return { type, kind: 'status', status: Number(what), probability: probability(a, rule) };
    });
}

/** What to do with one request. */
export interface FaultDecision {
  delayMs: number;
  status?: number;
  drop?: boolean;
}

export class FaultPlan {
  private readonly dropCreates = new Map<string, number>();
  private readonly rng: Rng;
  /** Answers dropped so far (a test checks its fault really happened). */
  dropped = 0;
  /** Faults injected by the rules, per kind (`503`, `429`, `delay`, `drop`). */
  readonly injected: Record<string, number> = {};

  constructor(
    readonly rules: readonly FaultRule[] = [],
    seed: string | number = 'faults',
  ) {
    this.rng = new Rng(seed);
  }

  /** The next `count` creates of `resourceType` are committed, then their answer is lost. */
  dropCreateResponses(resourceType: string, count = 1): void {
    this.dropCreates.set(resourceType, (this.dropCreates.get(resourceType) ?? 0) + count);
  }

  /** Total faults the rules injected. */
  get total(): number {
    return Object.values(this.injected).reduce((s, n) => s + n, 0);
  }

  /** Draws this request's faults from the rules (every matching rule draws, in order). */
  decide(fhirPath: string): FaultDecision {
    const type = typeOf(fhirPath);
    const decision: FaultDecision = { delayMs: 0 };
    for (const rule of this.rules) {
      if (rule.type !== '*' && rule.type !== type) continue;
      if (!this.rng.chance(rule.probability)) continue;
      if (rule.kind === 'delay') {
        decision.delayMs += rule.ms;
        this.count('delay');
      } else if (decision.status === undefined && !decision.drop) {
        if (rule.kind === 'drop') decision.drop = true;
        else decision.status = rule.status;
        this.count(rule.kind === 'drop' ? 'drop' : String(rule.status));
      }
    }
    return decision;
  }

  /** Arms `res` to lose its answer when a drop is due (by the rules or `dropCreateResponses`). */
  apply(method: string, fhirPath: string, res: ServerResponse, ruleDrop = false): void {
    const type = typeOf(fhirPath);
    const due = this.dropCreates.get(type) ?? 0;
    const isCreate = method === 'POST' && fhirPath.split('/').filter(Boolean).length === 2;
    if (!ruleDrop && (!isCreate || due === 0)) return;
    if (!ruleDrop) this.dropCreates.set(type, due - 1);
    this.dropped += 1;
    const drop = () => {
      res.socket?.destroy();
      return res;
    };
    res.writeHead = drop as unknown as ServerResponse['writeHead'];
    res.end = drop as unknown as ServerResponse['end'];
  }

  private count(kind: string): void {
    this.injected[kind] = (this.injected[kind] ?? 0) + 1;
  }
}

function typeOf(fhirPath: string): string {
  return fhirPath.replace(/^\/fhir\/?/, '').split('/')[0] ?? '';
}
