import autocannon from 'autocannon';

/** How hard and how long to drive a server; identical for a target and its baseline. */
export interface LoadSettings {
  connections: number;
  /** Seconds of discarded load first: JIT, connection set-up, caches. */
  warmupSeconds: number;
  /** Seconds measured. */
  durationSeconds: number;
}

/** What one measured run produced. Latencies in milliseconds. */
export interface LoadResult {
  requestsPerSecond: number;
  latencyAverage: number;
  latencyP50: number;
  latencyP99: number;
  latencyMax: number;
  totalRequests: number;
  /** Socket errors, timeouts, non-2xx answers and bodies that differ from the expected one. */
  failures: number;
}

/** A request other than a plain GET: the same method, headers and body on every request. */
export interface LoadRequest {
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

/**
 * Warms up, then measures `url` with autocannon's programmatic API (keep-alive connections, no
 * pipelining). `expected` makes every wrong answer count as a failure: the open API answers
 * errors with HTTP 200 and an errcode, which a status check alone would take for success. It is
 * the exact body, or a check for answers that legitimately differ (a developer server's reply
 * carries its own CreateTime, and in safe mode a fresh nonce and ciphertext).
 */
export async function measure(
  url: string,
  settings: LoadSettings,
  expected: string | ((body: string) => boolean),
  request?: LoadRequest,
): Promise<LoadResult> {
  const common = {
    url,
    connections: settings.connections,
    ...(typeof expected === 'string' ? { expectBody: expected } : { verifyBody: expected }),
    ...request,
    renderProgressBar: false,
    renderResultsTable: false,
    renderLatencyTable: false,
  };
  await autocannon({ ...common, duration: settings.warmupSeconds });
  const result = await autocannon({ ...common, duration: settings.durationSeconds });
  return {
    // Completed requests over the time actually run; the per-second histogram's mean is the same
    // figure but drops a partial last second.
    requestsPerSecond: result.latency.totalCount / result.duration,
    latencyAverage: result.latency.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyMax: result.latency.max,
    totalRequests: result.latency.totalCount,
    failures: result.errors + result.timeouts + result.non2xx + result.mismatches,
  };
}
