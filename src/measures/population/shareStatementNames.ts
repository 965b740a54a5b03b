/**
 * Results that arrive from a worker (structured clone) or a shard's file (JSON) hold their own
 * copy of every statement's name: CMS2's are about 1.7 KB a patient, most of a population
 * run's memory on the main thread (100,000 patients: about 300 MB for the two measures). The
 * names are a few dozen distinct strings, so each result is pointed at one shared copy.
 */
import type { PatientResult } from '../ecqm/engine';

export class StatementNames {
  private readonly names = new Map<string, string>();

  /** Points each result's statement names at the one copy kept here; returns the results. */
  share(results: readonly PatientResult[]): readonly PatientResult[] {
    for (const r of results) {
      for (const s of r.statements) {
        const kept = this.names.get(s.name);
        if (kept === undefined) this.names.set(s.name, s.name);
        else s.name = kept;
      }
    }
    return results;
  }
}
