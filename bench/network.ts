/**
 * Records every request a page makes during a measured run: what it was, when it started and
 * ended (browser clock, epoch ms), its size on the wire, and the sandbox's own processing time
 * (`X-Sandbox-Time-Ms`), so figures can tell the app's time from the sandbox's.
 */
import type { Page, Request } from 'playwright-core';

export interface RecordedRequest {
  method: string;
  /** Path only (no query: queries hold patient ids). */
  path: string;
  /** `fhir` and `auth` carry the sandbox's --latency; `static` (app files, EHR pages) does not. */
  kind: 'fhir' | 'auth' | 'static';
  /** Epoch ms, browser clock: when the page asked for it. */
  start: number;
  /**
   * When it went on the wire: later than `start` when it queued for a connection (HTTP/1.1
   * allows six per host), which makes it wait one more round trip.
   */
  sent: number;
  end: number;
  bytes: number;
  sandboxMs: number | undefined;
  status: number | undefined;
}

export class NetworkRecorder {
  private readonly requests: Request[] = [];
  private readonly settled = new Set<Request>();

  constructor(page: Page) {
    page.on('request', (r) => this.requests.push(r));
    page.on('requestfinished', (r) => this.settled.add(r));
    page.on('requestfailed', (r) => this.settled.add(r));
  }

  /** The first request's start: the moment the run began, on the browser's clock. */
  firstStart(): number | undefined {
    return this.requests[0]?.timing().startTime;
  }

  /** Waits until no request has been in flight for `quietMs` (or `maxMs` passed). */
  async settle(quietMs = 300, maxMs = 5000): Promise<void> {
    const deadline = Date.now() + maxMs;
    let quietSince = Date.now();
    let seen = this.requests.length;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      const inFlight = this.requests.some((r) => !this.settled.has(r));
      if (inFlight || this.requests.length !== seen) {
        seen = this.requests.length;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) {
        return;
      }
    }
  }

  async collect(): Promise<RecordedRequest[]> {
    return Promise.all(this.requests.filter((r) => this.settled.has(r)).map(describe));
  }
}

function kindOf(path: string): RecordedRequest['kind'] {
  if (path === '/fhir' || path.startsWith('/fhir/')) return 'fhir';
  if (path.startsWith('/auth/')) return 'auth';
  return 'static';
}

async function describe(request: Request): Promise<RecordedRequest> {
  const url = new URL(request.url());
  const timing = request.timing();
  const response = await request.response().catch(() => null);
  const sizes = await request.sizes().catch(() => undefined);
  const sandbox = response ? Number(response.headers()['x-sandbox-time-ms']) : NaN;
  return {
    method: request.method(),
    path: url.pathname,
    kind: kindOf(url.pathname),
    start: timing.startTime,
    sent: timing.startTime + Math.max(timing.requestStart, 0),
    end: timing.startTime + Math.max(timing.responseEnd, 0),
    bytes: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0,
    sandboxMs: Number.isFinite(sandbox) ? sandbox : undefined,
    status: response?.status(),
  };
}

/** `/fhir/Observation` -> `Observation`; discovery and metadata by name; auth by endpoint. */
export function label(request: Pick<RecordedRequest, 'path' | 'kind'>): string {
  if (request.kind === 'fhir') {
    const rest = request.path.replace(/^\/fhir\/?/, '');
    if (rest === '.well-known/smart-configuration') return 'smart-configuration';
    return rest.split('/')[0] || '(base)';
  }
  if (request.kind === 'auth') return request.path;
  return request.path.replace(/-[A-Za-z0-9_-]{8}\.(js|css)$/, '.$1');
}

/**
 * The requests in "waves": a request belongs to wave k when the deepest chain of requests
 * that had all ended before it went on the wire is k - 1 long. With a large --latency the
 * waves are exactly the round trips the user waits through one after another (a request
 * queued behind six others on HTTP/1.1 lands in the next wave, as it should).
 */
export function waves(requests: readonly RecordedRequest[], slackMs = 1): RecordedRequest[][] {
  const sorted = [...requests].sort((a, b) => a.sent - b.sent);
  const depth = new Map<RecordedRequest, number>();
  for (const r of sorted) {
    let d = 1;
    for (const q of sorted) {
      if (q === r || q.sent >= r.sent) continue;
      if (q.end <= r.sent + slackMs) d = Math.max(d, (depth.get(q) ?? 1) + 1);
    }
    depth.set(r, d);
  }
  const out: RecordedRequest[][] = [];
  for (const r of sorted) (out[(depth.get(r) ?? 1) - 1] ??= []).push(r);
  return out;
}

/** Sum over waves of the slowest sandbox time in each: the sandbox's share of a chain. */
export function sandboxChainMs(chain: readonly RecordedRequest[][]): number {
  return chain.reduce((total, wave) => total + Math.max(0, ...wave.map((r) => r.sandboxMs ?? 0)), 0);
}
