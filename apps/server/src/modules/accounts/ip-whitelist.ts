import { BlockList, isIP } from 'node:net';

/**
 * Parses whitelist entries (single IPv4/IPv6 addresses or CIDR blocks).
 * Returns the problems found so the console can show them; never throws.
 */
export function validateWhitelist(entries: string[]): string[] {
  const problems: string[] = [];
  for (const entry of entries) {
    const [ip, bits, extra] = entry.trim().split('/');
    const family = isIP(ip ?? '');
    if (!family || extra !== undefined) {
      problems.push(`"${entry}" is not an IP address or CIDR block`);
      continue;
    }
    if (bits !== undefined) {
      const n = Number(bits);
      if (!/^\d+$/.test(bits) || n > (family === 4 ? 32 : 128)) problems.push(`"${entry}" has a bad prefix length`);
    }
  }
  return problems;
}

/**
 * True when `clientIp` is allowed by `entries`. An empty whitelist allows everyone (the feature is
 * off), as on WeChat. IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`) match their IPv4 entries.
 */
export function isIpAllowed(entries: string[], clientIp: string): boolean {
  if (entries.length === 0) return true;
  const list = new BlockList();
  for (const entry of entries) {
    const [ip, bits] = entry.trim().split('/');
    const family = isIP(ip ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (!isIP(ip ?? '')) continue;
    if (bits === undefined) list.addAddress(ip!, family);
    else list.addSubnet(ip!, Number(bits), family);
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(clientIp);
  const candidate = mapped ? mapped[1]! : clientIp;
  const family = isIP(candidate) === 6 ? 'ipv6' : 'ipv4';
  if (!isIP(candidate)) return false;
  return list.check(candidate, family) || (family === 'ipv4' && list.check(`::ffff:${candidate}`, 'ipv6'));
}
