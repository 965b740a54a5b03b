import type { Rng } from './prng.ts';

/**
 * Symptom courses seen in CoCM programs (IMPACT, Kaiser and Washington State registry
 * studies): each gives a score for weeks since the episode started, before noise.
 */
export type CourseKind = 'responder' | 'remitter' | 'slow-improver' | 'non-responder' | 'relapse' | 'drop-out' | 'mild';

export const COURSE_WEIGHTS: Readonly<Record<CourseKind, number>> = {
  responder: 22,
  remitter: 18,
  'slow-improver': 15,
  'non-responder': 15,
  relapse: 10,
  'drop-out': 10,
  mild: 10,
};

export interface Course {
  kind: CourseKind;
  /** Score at week 0 on a 0-27 (PHQ-9) scale; GAD-7 is scaled down. */
  baseline: number;
  /** Expected score at `week` (fractional weeks since the episode start). */
  at(week: number): number;
  /** Weeks after which the patient stops being measured (drop-out) or Infinity. */
  lastWeek: number;
}

function ease(from: number, to: number, week: number, over: number): number {
  const f = Math.min(1, Math.max(0, week / over));
  return from + (to - from) * (1 - (1 - f) * (1 - f));
}

export function makeCourse(kind: CourseKind, rng: Rng): Course {
  switch (kind) {
    case 'responder': {
      const b = rng.int(13, 22);
      const target = b * (0.3 + rng.next() * 0.15);
      const over = rng.int(8, 14);
      return { kind, baseline: b, lastWeek: Infinity, at: (w) => ease(b, target, w, over) };
    }
    case 'remitter': {
      const b = rng.int(12, 20);
      const target = rng.int(1, 3);
      const over = rng.int(10, 16);
      return { kind, baseline: b, lastWeek: Infinity, at: (w) => ease(b, target, w, over) };
    }
    case 'slow-improver': {
      const b = rng.int(14, 23);
      const over = rng.int(30, 50);
      return { kind, baseline: b, lastWeek: Infinity, at: (w) => ease(b, b * 0.5, w, over) };
    }
    case 'non-responder': {
      const b = rng.int(13, 24);
      const drift = rng.next() * 2 - 1;
      return { kind, baseline: b, lastWeek: Infinity, at: (w) => b + drift * Math.min(w, 20) * 0.1 };
    }
    case 'relapse': {
      const b = rng.int(14, 22);
      const relapseAt = rng.int(30, 60);
      return {
        kind,
        baseline: b,
        lastWeek: Infinity,
        at: (w) => (w < relapseAt ? ease(b, 3, w, 12) : ease(3, b * 0.85, w - relapseAt, 5)),
      };
    }
    case 'drop-out': {
      const b = rng.int(12, 21);
      return { kind, baseline: b, lastWeek: rng.int(2, 7), at: (w) => ease(b, b * 0.8, w, 10) };
    }
    case 'mild': {
      const b = rng.int(5, 9);
      return { kind, baseline: b, lastWeek: Infinity, at: (w) => b + Math.sin(w / 6) * 1.5 };
    }
  }
}

/** A noisy, clamped integer score from a course. */
export function scoreAt(course: Course, week: number, max: number, scale: number, rng: Rng): number {
  const raw = course.at(week) * scale + rng.normal() * 1.3;
  return Math.max(0, Math.min(max, Math.round(raw)));
}

/**
 * Splits a total into item scores (each 0-3). `fixed` pins items (PHQ-9 item 9) and the rest
 * of the total is spread at random over the others.
 */
export function itemScores(total: number, count: number, rng: Rng, fixed: ReadonlyMap<number, number> = new Map()): number[] {
  const items = Array.from({ length: count }, (_, i) => fixed.get(i) ?? 0);
  const free = items.map((_, i) => i).filter((i) => !fixed.has(i));
  let remaining = Math.min(total - items.reduce((s, v) => s + v, 0), free.length * 3);
  while (remaining > 0) {
    const open = free.filter((i) => (items[i] ?? 0) < 3);
    if (!open.length) break;
    const i = rng.pick(open);
    items[i] = (items[i] ?? 0) + 1;
    remaining--;
  }
  return items;
}
