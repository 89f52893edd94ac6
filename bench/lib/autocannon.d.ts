/**
 * The slice of autocannon 8's programmatic API the benchmarks use. autocannon ships no types and
 * `@types/autocannon` is not a workspace dependency, so the bench declares what it relies on here;
 * a field missing from this file is simply not read.
 */
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      pipelining?: number;
      /** Seconds a request may take before it counts as a timeout. */
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      /** Request body, sent on every request. */
      body?: string | Buffer;
      /** Responses whose body differs are counted in `mismatches`. */
      expectBody?: string;
      /** Takes precedence over `expectBody`: a falsy answer counts the response in `mismatches`. */
      verifyBody?: (body: string) => boolean;
      renderProgressBar?: boolean;
      renderResultsTable?: boolean;
      renderLatencyTable?: boolean;
      title?: string;
    }

    /** A histogram summary; latencies in milliseconds, requests per second, bytes per second. */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
      p99_9: number;
    }

    interface Result {
      url: string;
      connections: number;
      /** Seconds actually run. */
      duration: number;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      '2xx': number;
      latency: Histogram & { totalCount: number };
      requests: Histogram & { sent: number };
      throughput: Histogram;
    }

    /** The run handle: an EventEmitter that is also a promise of the result. */
    interface Instance extends PromiseLike<Result> {
      stop(): void;
      on(event: string, listener: (...args: unknown[]) => void): this;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
