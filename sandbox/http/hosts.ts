import { hostname, networkInterfaces } from 'node:os';

/**
 * Which `Host` headers the sandbox answers and which browser origins may read it (CORS).
 *
 * Links, redirect URIs, `aud` and `iss` are built from the request's Host, so a Host the
 * sandbox does not own must be refused before anything else: otherwise `Host: evil.example`
 * yields `302 http://evil.example/index.html?code=…`, and a DNS-rebinding page (a hostile
 * name re-pointed at 127.0.0.1) could read whatever `--data` loaded.
 */
export interface HostPolicy {
  /** `host:port` values accepted in the Host header (lower case). */
  readonly hosts: ReadonlySet<string>;
  /** Origins allowed to read responses cross-origin (the app's own, plus any configured). */
  readonly origins: ReadonlySet<string>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`.toLowerCase();
}

/**
 * The policy for a sandbox listening on `listenHost:port`. On loopback: localhost,
 * 127.0.0.1 and [::1] with that port. On another interface: that address too; on every
 * interface (0.0.0.0 / ::): the machine's name and each of its addresses. `extraHosts` adds
 * names a proxy forwards under; `appOrigins` adds origins of an app served elsewhere (a dev
 * server) that may call the FHIR and token endpoints.
 */
export function hostPolicy(listenHost: string, port: number, extraHosts: readonly string[] = [], appOrigins: readonly string[] = []): HostPolicy {
  const names = new Set<string>(['localhost', '127.0.0.1', '::1']);
  if (!LOOPBACK.has(listenHost)) {
    if (listenHost === '0.0.0.0' || listenHost === '::') {
      names.add(hostname());
      for (const list of Object.values(networkInterfaces())) for (const info of list ?? []) names.add(info.address);
    } else names.add(listenHost);
  }
  const hosts = new Set([...names].map((n) => hostPort(n, port)));
  for (const extra of extraHosts) hosts.add(extra.toLowerCase());
  const origins = new Set([...hosts].map((h) => `http://${h}`));
  for (const origin of appOrigins) origins.add(new URL(origin).origin);
  return { hosts, origins };
}

export function hostAllowed(policy: HostPolicy, host: string | undefined): boolean {
  return host !== undefined && policy.hosts.has(host.toLowerCase());
}
