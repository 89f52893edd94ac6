import { describe, expect, it } from 'vitest';
import { isIpAllowed, validateWhitelist } from './ip-whitelist';

describe('IP whitelist', () => {
  it('allows everyone when empty, and matches addresses, CIDR blocks and IPv4-mapped IPv6', () => {
    expect(isIpAllowed([], '8.8.8.8')).toBe(true);
    const list = ['10.0.0.0/8', '192.168.1.7', '2001:db8::/32'];
    expect(isIpAllowed(list, '10.20.30.40')).toBe(true);
    expect(isIpAllowed(list, '::ffff:10.1.1.1')).toBe(true);
    expect(isIpAllowed(list, '192.168.1.7')).toBe(true);
    expect(isIpAllowed(list, '192.168.1.8')).toBe(false);
    expect(isIpAllowed(list, '2001:db8::1')).toBe(true);
    expect(isIpAllowed(list, 'not-an-ip')).toBe(false);
  });

  it('reports every malformed entry', () => {
    expect(validateWhitelist(['1.2.3.4', '10.0.0.0/8'])).toEqual([]);
    expect(validateWhitelist(['999.1.1.1', '10.0.0.0/33', 'host', '1.2.3.4/8/9'])).toHaveLength(4);
  });
});
