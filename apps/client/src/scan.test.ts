import { describe, expect, it } from 'vitest';
import { scanTicketFromLocation, toScanRequest } from './scan';

describe('toScanRequest', () => {
  it('treats plain text as a ticket, trimmed', () => {
    expect(toScanRequest('  gQH47joAAAAAAAAAASxodHRw/+==\n')).toEqual({ ticket: 'gQH47joAAAAAAAAAASxodHRw/+==' });
  });

  it('sends QR content URLs as urls', () => {
    expect(toScanRequest('http://localhost:3000/q/abc123')).toEqual({ url: 'http://localhost:3000/q/abc123' });
  });

  it('unwraps URLs that carry the ticket', () => {
    expect(toScanRequest('http://localhost:3000/phone/?scan=T1')).toEqual({ ticket: 'T1' });
    expect(toScanRequest('https://example.com/cgi-bin/showqrcode?ticket=T%2B2')).toEqual({ ticket: 'T+2' });
  });

  it('rejects empty input', () => {
    expect(toScanRequest('   ')).toBeNull();
  });
});

describe('scanTicketFromLocation', () => {
  it('reads ?scan=', () => {
    expect(scanTicketFromLocation('?scan=abc&x=1')).toBe('abc');
    expect(scanTicketFromLocation('?scan=')).toBeNull();
    expect(scanTicketFromLocation('')).toBeNull();
  });
});
