import type { ScanRequest } from '@gzh/contracts';

/**
 * Turns what a person pasted into the scan box into a scan request. A QR code holds either a
 * ticket or a URL; URLs that already carry the ticket (`/phone/?scan=…`, `showqrcode?ticket=…`)
 * are unwrapped so the server gets the ticket, other URLs (`…/q/<code>`) are sent as they are.
 */
export function toScanRequest(input: string): ScanRequest | null {
  const text = input.trim();
  if (!text) return null;
  if (!/^https?:\/\//i.test(text)) return { ticket: text };
  try {
    const url = new URL(text);
    const ticket = url.searchParams.get('scan') ?? url.searchParams.get('ticket');
    if (ticket) return { ticket };
  } catch {
    // Not a parseable URL; let the server judge it.
  }
  return { url: text };
}

/** The `?scan=<ticket>` a QR landing page redirects to, if the page was opened with one. */
export function scanTicketFromLocation(search: string): string | null {
  const ticket = new URLSearchParams(search).get('scan');
  return ticket && ticket.trim() ? ticket.trim() : null;
}

/** Removes `?scan=` from the address bar once handled, so a reload does not scan again. */
export function clearScanFromLocation(): void {
  const params = new URLSearchParams(window.location.search);
  if (!params.has('scan')) return;
  params.delete('scan');
  const search = params.toString();
  const url = window.location.pathname + (search ? `?${search}` : '') + window.location.hash;
  window.history.replaceState(window.history.state, '', url);
}
