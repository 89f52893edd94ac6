import {
  createPersonRequestSchema,
  followResponseSchema,
  personSessionSchema,
  personViewSchema,
  publicAccountSchema,
  scanRequestSchema,
  type PersonView,
  type PublicAccount,
} from '@gzh/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Account } from '../../../modules/accounts/account.types';
import type { Person } from '../../../modules/followers/follower.types';
import type { Services } from '../../../services';
import { AppError } from '../../../shared/errors';
import { conversationRoutes } from './conversation.routes';
import { noticeRoutes } from './notices.routes';

const appidParams = z.object({ appid: z.string().max(32) });

function presentPerson(person: Person): PersonView {
  return {
    id: person.id,
    nickname: person.nickname,
    avatarUrl: person.avatarUrl,
    platform: person.platform,
    language: person.language,
    createdAt: person.createdAt,
  };
}

/**
 * Follower API (`/api/follower`): what the follower client and scripts use to act as WeChat
 * users: create or pick a person, search accounts, follow, unfollow, scan QR codes.
 */
export async function followerRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();

  const personOf = (request: FastifyRequest) => {
    const header = request.headers.authorization;
    return services.followers.authenticate(header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined);
  };
  const sandboxOnly = () => {
    if (!services.config.sandbox) throw new AppError('common.forbidden', 'picking existing persons needs sandbox mode');
  };
  const publicAccount = async (account: Account, personId: string): Promise<PublicAccount> => {
    const follower = await services.followers.followerOfPerson(account.id, personId);
    return {
      appid: account.appid,
      originalId: account.originalId,
      name: account.name,
      type: account.type,
      verified: account.verified,
      avatarUrl: account.avatarUrl,
      intro: account.intro,
      reportLocation: account.reportLocation,
      following: follower?.subscribed ?? false,
      openid: follower?.openid ?? null,
    };
  };
  const requireAccount = async (appid: string) => {
    const account = await services.accounts.getByAppId(appid);
    if (!account) throw new AppError('account.not_found', `account ${appid} not found`);
    return account;
  };

  r.post(
    '/persons',
    { schema: { tags: ['follower'], body: createPersonRequestSchema, response: { 200: personSessionSchema } } },
    async (request) => {
      const { person, token } = await services.followers.createPerson(request.body);
      return { person: presentPerson(person), token };
    },
  );

  r.get(
    '/persons',
    {
      schema: {
        tags: ['follower'],
        querystring: z.object({ q: z.string().max(64).optional() }),
        response: { 200: z.object({ persons: z.array(personViewSchema) }) },
      },
    },
    async (request) => {
      sandboxOnly();
      return { persons: (await services.followers.listPersons(request.query.q ?? '')).map(presentPerson) };
    },
  );

  r.post(
    '/persons/:id/session',
    { schema: { tags: ['follower'], params: z.object({ id: z.string().max(64) }), response: { 200: personSessionSchema } } },
    async (request) => {
      sandboxOnly();
      const token = await services.followers.issueSession(request.params.id);
      return { person: presentPerson(await services.followers.getPerson(request.params.id)), token };
    },
  );

  r.get(
    '/me',
    { schema: { tags: ['follower'], response: { 200: z.object({ person: personViewSchema }) } } },
    async (request) => ({
      person: presentPerson(await personOf(request)),
    }),
  );

  r.get(
    '/accounts',
    {
      schema: {
        tags: ['follower'],
        querystring: z.object({ q: z.string().max(64).optional() }),
        response: { 200: z.object({ accounts: z.array(publicAccountSchema) }) },
      },
    },
    async (request) => {
      const person = await personOf(request);
      const accounts = await services.accounts.search(request.query.q ?? '');
      return { accounts: await Promise.all(accounts.map((a) => publicAccount(a, person.id))) };
    },
  );

  r.get(
    '/accounts/:appid',
    { schema: { tags: ['follower'], params: appidParams, response: { 200: z.object({ account: publicAccountSchema }) } } },
    async (request) => {
      const person = await personOf(request);
      return { account: await publicAccount(await requireAccount(request.params.appid), person.id) };
    },
  );

  r.post(
    '/accounts/:appid/follow',
    { schema: { tags: ['follower'], params: appidParams, response: { 200: followResponseSchema } } },
    async (request) => {
      const person = await personOf(request);
      const account = await requireAccount(request.params.appid);
      const { follower, event } = await services.followers.follow(person.id, account.appid);
      return {
        account: await publicAccount(account, person.id),
        openid: follower.openid,
        alreadyFollowing: event.alreadyFollowing,
      };
    },
  );

  r.post(
    '/accounts/:appid/unfollow',
    { schema: { tags: ['follower'], params: appidParams, response: { 200: z.object({ account: publicAccountSchema }) } } },
    async (request) => {
      const person = await personOf(request);
      const account = await requireAccount(request.params.appid);
      await services.followers.unfollow(person.id, account.appid);
      return { account: await publicAccount(account, person.id) };
    },
  );

  r.post(
    '/scan',
    { schema: { tags: ['follower'], body: scanRequestSchema, response: { 200: followResponseSchema } } },
    async (request) => {
      const person = await personOf(request);
      const ticket = request.body.ticket ?? ticketFromUrl(request.body.url ?? '');
      const { follower, event, account } = await services.followers.scan(person.id, ticket);
      return {
        account: await publicAccount(account, person.id),
        openid: follower.openid,
        alreadyFollowing: event.alreadyFollowing,
      };
    },
  );

  await conversationRoutes(app, { services, personOf });
  await noticeRoutes(app, { services, personOf });

  r.get(
    '/follows',
    { schema: { tags: ['follower'], response: { 200: z.object({ accounts: z.array(publicAccountSchema) }) } } },
    async (request) => {
      const person = await personOf(request);
      const follows = (await services.followers.followsOfPerson(person.id)).filter((f) => f.subscribed);
      const accounts = await Promise.all(follows.map((f) => services.accounts.getById(f.accountId)));
      return {
        accounts: await Promise.all(
          accounts.filter((a): a is Account => a !== undefined).map((a) => publicAccount(a, person.id)),
        ),
      };
    },
  );
}

/**
 * A phone camera reads the QR image's URL (`…/q/<code>`), not the ticket; the QR module resolves
 * both, so the URL's last path segment is passed on with a marker.
 */
function ticketFromUrl(url: string): string {
  const match = /\/q\/([A-Za-z0-9_-]+)\/?$/.exec(url.trim());
  if (!match) throw new AppError('qrcode.invalid_ticket', 'not a QR code URL of this server');
  return `code:${match[1]}`;
}
