/**
 * The session's knowledge of what it may write, as a small store the UI subscribes to.
 * `/metadata` is fetched lazily, once per session, and never on the launch path: the first
 * screen's reads do not wait for it. Refusals met at write time are remembered for the rest
 * of the session, so the app does not keep trying and the screen can say why.
 */
import { FhirError, readableType } from '../fhirError';
import type { FhirApi } from '../fhirApi';
import type { GrantedScopes } from '../scopes';
import { parseCapabilityStatement } from './parseCapabilityStatement';
import type { WriteTarget, WriteVerdict } from './types';
import { type LearnedRefusal, type MetadataState, targetKey, targetWords, typeKey, writeVerdict } from './verdict';

export interface CapabilitySnapshot {
  metadata: MetadataState | { status: 'idle' };
  learned: ReadonlyMap<string, LearnedRefusal>;
  /** The answer for one target under what is known now. */
  verdict(target: WriteTarget): WriteVerdict;
  /** Whether conditional create is declared; undefined when unknown. */
  conditionalCreate(resourceType: string): boolean | undefined;
}

export interface CapabilitySource {
  api: FhirApi;
  granted: GrantedScopes;
}

/** Kinds of write failure that say "not here", not "not now". */
const REFUSALS = new Set(['forbidden', 'not-allowed', 'not-found', 'unprocessable']);

export function refusalReason(error: FhirError, target: WriteTarget): string {
  const what = readableType(target.resourceType);
  if (error.kind === 'forbidden') return `The EHR refused to let the app save ${what}, so it will not try again in this session.`;
  if (error.kind === 'unprocessable') return `The EHR did not accept the ${targetWords(target)} from the app.`;
  return `This EHR does not accept ${what} from apps (it refused when the app tried).`;
}

export class WriteCapabilities {
  private metadata: MetadataState | { status: 'idle' } = { status: 'idle' };
  private learned = new Map<string, LearnedRefusal>();
  private listeners = new Set<() => void>();
  private snapshot: CapabilitySnapshot;
  private loading: Promise<void> | undefined;

  constructor(private readonly source: CapabilitySource) {
    this.snapshot = this.makeSnapshot();
  }

  /** Starts reading `/metadata` the first time it is called; later calls reuse that read. */
  load(): Promise<void> {
    this.loading ??= this.fetchMetadata();
    return this.loading;
  }

  /**
   * Whether this server answers FHIR `batch` Bundles, as its CapabilityStatement says; false
   * when the statement could not be read (then each search goes on its own, which every
   * server answers).
   */
  async batchOffered(): Promise<boolean> {
    await this.load();
    return this.metadata.status === 'loaded' && this.metadata.rules.batch;
  }

  private async fetchMetadata(): Promise<void> {
    this.setMetadata({ status: 'loading' });
    try {
      const response = await this.source.api.request(this.source.api.resolve('metadata'), { resourceType: 'CapabilityStatement' });
      const rules = parseCapabilityStatement(await response.json());
      this.setMetadata(rules ? { status: 'loaded', rules } : { status: 'failed' });
    } catch {
      // Without a CapabilityStatement every write is tried and its answer learned.
      this.setMetadata({ status: 'failed' });
    }
  }

  /**
   * Remembers a refusal met at write time and returns the new verdict for the target; other
   * failures (timeouts, 5xx, a 401) teach nothing about what this EHR allows.
   */
  learnFromError(target: WriteTarget, error: unknown): WriteVerdict | undefined {
    if (!(error instanceof FhirError) || !REFUSALS.has(error.kind)) return undefined;
    // 422 refuses this content (this code), the others refuse the whole resource type.
    const key = error.kind === 'unprocessable' ? targetKey(target) : typeKey(target.resourceType);
    this.learned.set(key, { reason: refusalReason(error, target) });
    this.changed();
    return this.snapshot.verdict(target);
  }

  getSnapshot = (): CapabilitySnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private setMetadata(metadata: MetadataState): void {
    this.metadata = metadata;
    this.changed();
  }

  private changed(): void {
    this.snapshot = this.makeSnapshot();
    this.listeners.forEach((l) => l());
  }

  private makeSnapshot(): CapabilitySnapshot {
    const metadata = this.metadata;
    const learned = new Map(this.learned);
    const granted = this.source.granted;
    // Before load() nothing is known yet; the verdict says "still checking" meanwhile.
    const effective: MetadataState = metadata.status === 'idle' ? { status: 'loading' } : metadata;
    return {
      metadata,
      learned,
      verdict: (target) => writeVerdict(target, granted, effective, learned),
      conditionalCreate: (type) => (effective.status === 'loaded' ? effective.rules.resources.get(type)?.conditionalCreate : undefined),
    };
  }
}

const perSession = new WeakMap<FhirApi, WriteCapabilities>();

/** The one store of this session (keyed by its FhirApi, which lives as long as the session). */
export function writeCapabilitiesFor(source: CapabilitySource): WriteCapabilities {
  let store = perSession.get(source.api);
  if (!store) {
    store = new WriteCapabilities(source);
    perSession.set(source.api, store);
  }
  return store;
}
