import { randomToken } from './shared/ids';
import type { Services } from './services';

export interface FirstRunReport {
  username: string;
  /** Only when generated here; a password given by configuration is not echoed. */
  password: string | null;
  organisation: string;
  accounts: { name: string; type: string; appid: string; secret: string }[];
}

export const DEMO_ORGANISATION = 'gzh Demo';

/**
 * First start on an empty database: creates the owner (with the configured password or a
 * random one) and, unless disabled, a demo organisation with one subscription and one service
 * account. Returns what must be shown once — nothing of it is stored in clear. Returns `null` when
 * the installation already has users.
 */
export async function firstRun(
  services: Services,
  options: { adminPassword?: string | undefined; demo: boolean },
): Promise<FirstRunReport | null> {
  if ((await services.auth.countUsers()) > 0) return null;
  const organisation = await services.organisations.ensure(DEMO_ORGANISATION);
  const password = options.adminPassword ?? randomToken(16).replace(/[-_]/g, 'x');
  await services.auth.createUser({
    organisationId: organisation.id,
    username: 'admin',
    password,
    role: 'owner',
    displayName: 'Administrator',
  });
  const accounts: FirstRunReport['accounts'] = [];
  if (options.demo) {
    const demo = [
      {
        name: 'gzh 演示订阅号',
        type: 'subscription' as const,
        verified: false,
        intro: '一个订阅号示例：每天一次群发，消息折叠在订阅号消息里。',
      },
      {
        name: 'gzh 演示服务号',
        type: 'service' as const,
        verified: true,
        intro: '一个已认证服务号示例：模板消息、客服消息和高级接口。',
      },
    ];
    for (const d of demo) {
      const { account, secret } = await services.accounts.create({ organisationId: organisation.id, ...d });
      accounts.push({ name: account.name, type: account.type, appid: account.appid, secret });
    }
  }
  return { username: 'admin', password: options.adminPassword ? null : password, organisation: organisation.name, accounts };
}

/** The banner printed once on first start. */
export function formatFirstRun(report: FirstRunReport, publicUrl: string): string {
  const lines = [
    '',
    '┌─ gzh first start ─────────────────────────────────────────────────────────',
    `│ Console:          ${publicUrl}/        (user: ${report.username}${report.password ? `, password: ${report.password}` : ''})`,
    `│ Follower client:  ${publicUrl}/phone`,
    `│ Organisation:     ${report.organisation}`,
  ];
  for (const a of report.accounts) {
    lines.push(`│ ${a.type.padEnd(12)}      ${a.name}: AppID ${a.appid}  AppSecret ${a.secret}`);
  }
  lines.push('│ These secrets are shown once; reset them in the console if lost.');
  lines.push('└───────────────────────────────────────────────────────────────────────────', '');
  return lines.join('\n');
}
