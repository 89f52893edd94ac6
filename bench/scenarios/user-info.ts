import { startServerChild, type ServerChild } from '../lib/children';
import { measure, type LoadResult, type LoadSettings } from '../lib/load';
import { tempDir } from '../lib/temp';

/**
 * Scenario 1: `GET /cgi-bin/user/info` on SQLite against a bare fastify route, in one run.
 *
 * gzh runs as production runs it (own process, WAL SQLite, all roles) with 10,000 followers on
 * the account; the token and the OpenID are obtained the way an SDK obtains them, over HTTP. The
 * baseline is a bare fastify app in an identical child process, serving the very same reply body
 * on the very same path, so the ratio isolates what gzh adds per request: token check, quota
 * count, two indexed reads and the WeChat presentation.
 */

export const USER_INFO_PATH = '/cgi-bin/user/info';

export interface UserInfoResult {
  gzh: LoadResult;
  baseline: LoadResult;
  /** gzh req/s ÷ baseline req/s. */
  ratio: number;
  followers: number;
  responseBytes: number;
}

interface Prepared {
  path: string;
  body: string;
}

export async function runUserInfo(options: { tempRoot: string; followers: number; load: LoadSettings }): Promise<UserInfoResult> {
  let gzh: ServerChild | undefined;
  let baseline: ServerChild | undefined;
  try {
    gzh = await startServerChild({ kind: 'gzh', dataDir: tempDir(options.tempRoot, 'user-info'), followers: options.followers });
    const prepared = await prepare(gzh);
    baseline = await startServerChild({ kind: 'baseline', body: JSON.parse(prepared.body), path: USER_INFO_PATH });
    await expectSameReply(baseline.ready.url + prepared.path, prepared.body);

    // Baseline first, then gzh, each alone on the machine while it is measured.
    const baselineResult = await measure(baseline.ready.url + prepared.path, options.load, prepared.body);
    const gzhResult = await measure(gzh.ready.url + prepared.path, options.load, prepared.body);
    return {
      gzh: gzhResult,
      baseline: baselineResult,
      ratio: gzhResult.requestsPerSecond / baselineResult.requestsPerSecond,
      followers: options.followers,
      responseBytes: Buffer.byteLength(prepared.body),
    };
  } finally {
    await baseline?.stop();
    await gzh?.stop();
  }
}

/** Token and OpenID through the open API itself, and the reply every measured request must get. */
async function prepare(gzh: ServerChild): Promise<Prepared> {
  const { url, account } = gzh.ready;
  if (!account) throw new Error('gzh child reported no account');
  const token = await getJson<{ access_token?: string }>(
    `${url}/cgi-bin/token?grant_type=client_credential&appid=${account.appid}&secret=${account.secret}`,
  );
  if (!token.access_token) throw new Error(`cgi-bin/token failed: ${JSON.stringify(token)}`);
  const accessToken = encodeURIComponent(token.access_token);

  const list = await getJson<{ total?: number; data?: { openid: string[] } }>(
    `${url}/cgi-bin/user/get?access_token=${accessToken}`,
  );
  const openids = list.data?.openid ?? [];
  // A follower from the middle of the index, not the first or last leaf.
  const openid = openids[Math.floor(openids.length / 2)];
  if (!openid) throw new Error(`cgi-bin/user/get returned no followers: ${JSON.stringify(list).slice(0, 200)}`);

  const path = `${USER_INFO_PATH}?access_token=${accessToken}&openid=${openid}`;
  const response = await fetch(url + path);
  const body = await response.text();
  const info = JSON.parse(body) as { errcode?: number; subscribe?: number; openid?: string };
  if ((info.errcode ?? 0) !== 0 || info.subscribe !== 1 || info.openid !== openid) {
    throw new Error(`cgi-bin/user/info did not answer with the follower: ${body}`);
  }
  return { path, body };
}

async function expectSameReply(url: string, body: string): Promise<void> {
  const text = await (await fetch(url)).text();
  if (text !== body) throw new Error(`baseline reply differs from gzh's:\n  ${text}\n  ${body}`);
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${new URL(url).pathname} answered HTTP ${response.status}`);
  return (await response.json()) as T;
}
