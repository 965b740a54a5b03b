import type { ServerResponse } from 'node:http';

/**
 * Network faults on demand, for tests of what the app does when an answer is lost: the
 * server does the work (a create is committed) and then the connection drops before the
 * client hears back, as a proxy timeout or a dropped Wi-Fi link would.
 */
export class FaultPlan {
  private readonly dropCreates = new Map<string, number>();
  /** Answers dropped so far (a test checks its fault really happened). */
  dropped = 0;

  /** The next `count` creates of `resourceType` are committed, then their answer is lost. */
  dropCreateResponses(resourceType: string, count = 1): void {
    this.dropCreates.set(resourceType, (this.dropCreates.get(resourceType) ?? 0) + count);
  }

  /** Called per FHIR request; arms `res` to drop its answer when a fault is due. */
  apply(method: string, fhirPath: string, res: ServerResponse): void {
    const type = fhirPath.replace(/^\/fhir\/?/, '').split('/')[0] ?? '';
    const due = this.dropCreates.get(type) ?? 0;
    if (method !== 'POST' || due === 0 || fhirPath.split('/').filter(Boolean).length !== 2) return;
    this.dropCreates.set(type, due - 1);
    this.dropped += 1;
    const drop = () => {
      res.socket?.destroy();
      return res;
    };
    res.writeHead = drop as unknown as ServerResponse['writeHead'];
    res.end = drop as unknown as ServerResponse['end'];
  }
}
