import type { AccountType } from '@gzh/contracts';

/** Chinese names of account types, as WeChat shows them. */
export function accountTypeLabel(type: AccountType): string {
  return type === 'service' ? '服务号' : '订阅号';
}

/** Person platforms as the follower API numbers them (WeChat's `platform` of a user). */
export const PLATFORMS = [
  { value: 1, label: 'iOS' },
  { value: 2, label: 'Android' },
  { value: 3, label: '其他' },
] as const;

export type Platform = (typeof PLATFORMS)[number]['value'];

export function platformLabel(platform: number): string {
  return PLATFORMS.find((p) => p.value === platform)?.label ?? '其他';
}

/** The red unread count, capped as WeChat caps it. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}
