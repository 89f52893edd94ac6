/**
 * Outbound HTTP to developer servers, as a port: the callbacks module decides what to send and
 * records what happened; the adapter (undici, pooled keep-alive, 5 s timeout, size cap, no
 * redirects) lives with the transports in `http/wechat/`.
 */
export interface CallbackTransport {
  /** GET with a query string; used by URL verification. */
  get(url: string, query: Record<string, string>, options?: { timeoutMs?: number }): Promise<TransportResult>;
  /** POST an XML body. */
  post(url: string, query: Record<string, string>, body: string, options?: { timeoutMs?: number }): Promise<TransportResult>;
}

/** How an exchange ended; `outcome` classes are what the delivery ledger filters on. */
export type TransportResult =
  | { outcome: 'response'; status: number; body: string; latencyMs: number; location?: string }
  | { outcome: 'timeout' | 'refused' | 'network' | 'oversize' | 'invalid_url'; error: string; latencyMs: number };
