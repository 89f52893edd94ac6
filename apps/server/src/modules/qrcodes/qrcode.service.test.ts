import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { isAppError } from '../../shared/errors';
import type { QrActionName, QrCode, QrcodeStore } from './qrcode.repo';
import { MAX_EXPIRE_SECONDS, MAX_PERMANENT_QRCODES, QrcodeService } from './qrcode.service';

/** In-memory stand-in for the `qrcodes` table. */
class MemoryQrcodes implements QrcodeStore {
  readonly rows: QrCode[] = [];
  /** Pretend this many permanent codes already exist (for the cap). */
  extraPermanent = 0;

  insert(accountId: string, code: Omit<QrCode, 'accountId'>): Promise<void> {
    this.rows.push({ ...code, accountId });
    return Promise.resolve();
  }
  findByTicket(ticket: string): Promise<QrCode | undefined> {
    return Promise.resolve(this.rows.find((r) => r.ticket === ticket));
  }
  findByCode(code: string): Promise<QrCode | undefined> {
    return Promise.resolve(this.rows.find((r) => r.code === code));
  }
  findPermanent(
    accountId: string,
    actionName: QrActionName,
    scene: { sceneId: number | null; sceneStr: string | null },
  ): Promise<QrCode | undefined> {
    return Promise.resolve(
      this.rows.find(
        (r) =>
          r.accountId === accountId &&
          r.permanent &&
          r.actionName === actionName &&
          (scene.sceneId !== null ? r.sceneId === scene.sceneId : r.sceneStr === scene.sceneStr),
      ),
    );
  }
  countPermanent(accountId: string): Promise<number> {
    return Promise.resolve(this.rows.filter((r) => r.accountId === accountId && r.permanent).length + this.extraPermanent);
  }
}

function setup() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const store = new MemoryQrcodes();
  const service = new QrcodeService(store, clock, 'http://gzh.test/');
  return { clock, store, service };
}

async function errorCode(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('QrcodeService', () => {
  it('makes WeChat-shaped tickets and /q/ URLs with a 22-character code', async () => {
    const { service } = setup();
    const created = await service.create('acc', { actionName: 'QR_SCENE', expireSeconds: 300, scene: { scene_id: 7 } });
    expect(created.ticket).toMatch(/^gQH[A-Za-z0-9+/]{91}==$/);
    expect(created.url).toMatch(/^http:\/\/gzh\.test\/q\/[A-Za-z0-9_-]{22}$/);
    expect(created.expireSeconds).toBe(300);
  });

  it('defaults temporary codes to 60 s and clamps lifetimes above 30 days', async () => {
    const { service } = setup();
    expect(
      (await service.create('acc', { actionName: 'QR_STR_SCENE', expireSeconds: undefined, scene: { scene_str: 'x' } }))
        .expireSeconds,
    ).toBe(60);
    expect(
      (await service.create('acc', { actionName: 'QR_SCENE', expireSeconds: 9_999_999, scene: { scene_id: 1 } })).expireSeconds,
    ).toBe(MAX_EXPIRE_SECONDS);
    expect(await errorCode(service.create('acc', { actionName: 'QR_SCENE', expireSeconds: 0, scene: { scene_id: 1 } }))).toBe(
      'qrcode.invalid_expire_seconds',
    );
    expect(
      await errorCode(service.create('acc', { actionName: 'QR_SCENE', expireSeconds: 'soon', scene: { scene_id: 1 } })),
    ).toBe('qrcode.invalid_expire_seconds');
  });

  it('applies the scene rules of each action', async () => {
    const { service } = setup();
    const bad = (actionName: unknown, scene: unknown) =>
      errorCode(service.create('acc', { actionName, expireSeconds: undefined, scene }));
    expect(await bad('QR_FOO', { scene_id: 1 })).toBe('qrcode.invalid_action_name');
    expect(await bad(undefined, { scene_id: 1 })).toBe('qrcode.invalid_action_name');
    expect(await bad('QR_SCENE', undefined)).toBe('qrcode.invalid_action_info');
    expect(await bad('QR_SCENE', { scene_id: 0 })).toBe('qrcode.invalid_action_info');
    expect(await bad('QR_SCENE', { scene_id: 4_294_967_296 })).toBe('qrcode.invalid_action_info');
    expect(await bad('QR_SCENE', { scene_id: 1.5 })).toBe('qrcode.invalid_action_info');
    expect(await bad('QR_SCENE', { scene_str: 'abc' })).toBe('qrcode.invalid_action_info');
    expect(await bad('QR_LIMIT_SCENE', { scene_id: 100_001 })).toBe('qrcode.invalid_action_info');
    expect(await bad('QR_STR_SCENE', { scene_str: '' })).toBe('qrcode.invalid_action_info');
    expect(await bad('QR_LIMIT_STR_SCENE', { scene_str: 'x'.repeat(65) })).toBe('qrcode.invalid_action_info');
    expect(await bad('QR_LIMIT_STR_SCENE', { scene_id: 3 })).toBe('qrcode.invalid_action_info');
    // 64 characters, counted as characters rather than bytes.
    await service.create('acc', {
      actionName: 'QR_LIMIT_STR_SCENE',
      expireSeconds: undefined,
      scene: { scene_str: '码'.repeat(64) },
    });
    await service.create('acc', { actionName: 'QR_SCENE', expireSeconds: undefined, scene: { scene_id: 4_294_967_295 } });
    await service.create('acc', { actionName: 'QR_LIMIT_SCENE', expireSeconds: undefined, scene: { scene_id: '100000' } });
  });

  it('returns the same ticket for the same permanent scene, per account and action', async () => {
    const { service, store } = setup();
    const make = (accountId: string, actionName: string, scene: object) =>
      service.create(accountId, { actionName, expireSeconds: 60, scene });
    const a = await make('acc', 'QR_LIMIT_SCENE', { scene_id: 5 });
    expect(a.expireSeconds).toBeNull();
    expect(await make('acc', 'QR_LIMIT_SCENE', { scene_id: 5 })).toEqual(a);
    expect((await make('acc', 'QR_LIMIT_STR_SCENE', { scene_str: '5' })).ticket).not.toBe(a.ticket);
    expect((await make('other', 'QR_LIMIT_SCENE', { scene_id: 5 })).ticket).not.toBe(a.ticket);
    const t1 = await make('acc', 'QR_SCENE', { scene_id: 5 });
    const t2 = await make('acc', 'QR_SCENE', { scene_id: 5 });
    expect(t1.ticket).not.toBe(t2.ticket);
    expect(store.rows).toHaveLength(5);
  });

  it('refuses a new permanent code at the cap but still answers for existing scenes', async () => {
    const { service, store } = setup();
    const first = await service.create('acc', { actionName: 'QR_LIMIT_SCENE', expireSeconds: undefined, scene: { scene_id: 1 } });
    store.extraPermanent = MAX_PERMANENT_QRCODES - 1;
    expect(
      await errorCode(service.create('acc', { actionName: 'QR_LIMIT_SCENE', expireSeconds: undefined, scene: { scene_id: 2 } })),
    ).toBe('qrcode.permanent_limit');
    expect(
      (await service.create('acc', { actionName: 'QR_LIMIT_SCENE', expireSeconds: undefined, scene: { scene_id: 1 } })).ticket,
    ).toBe(first.ticket);
    // Temporary codes are not capped.
    await service.create('acc', { actionName: 'QR_SCENE', expireSeconds: undefined, scene: { scene_id: 2 } });
  });

  it('resolves a ticket or a scanned URL code until the code expires, by the clock', async () => {
    const { service, clock } = setup();
    const created = await service.create('acc', {
      actionName: 'QR_STR_SCENE',
      expireSeconds: 120,
      scene: { scene_str: 'promo' },
    });
    const code = created.url.split('/q/')[1]!;
    const expected = { accountId: 'acc', ticket: created.ticket, sceneId: null, sceneStr: 'promo' };
    expect(await service.resolve(created.ticket)).toEqual(expected);
    expect(await service.resolve(`code:${code}`)).toEqual(expected);
    clock.advance(119_999);
    expect((await service.resolve(created.ticket)).sceneStr).toBe('promo');
    clock.advance(1);
    expect(await errorCode(service.resolve(created.ticket))).toBe('qrcode.expired');
    expect(await errorCode(service.resolve(`code:${code}`))).toBe('qrcode.expired');
    expect(await errorCode(service.resolve('gQHnope'))).toBe('qrcode.invalid_ticket');
    expect(await errorCode(service.resolve('code:short'))).toBe('qrcode.invalid_ticket');
    expect(await errorCode(service.resolve(''))).toBe('qrcode.invalid_ticket');
  });

  it('reads a space in a ticket as the + a client forgot to URL-encode', async () => {
    const { service } = setup();
    let created = await service.create('acc', { actionName: 'QR_LIMIT_SCENE', expireSeconds: undefined, scene: { scene_id: 1 } });
    for (let i = 2; !created.ticket.includes('+'); i++) {
      created = await service.create('acc', { actionName: 'QR_LIMIT_SCENE', expireSeconds: undefined, scene: { scene_id: i } });
    }
    expect((await service.resolve(created.ticket.replace(/\+/g, ' '))).ticket).toBe(created.ticket);
  });

  it('never expires permanent codes', async () => {
    const { service, clock } = setup();
    const created = await service.create('acc', { actionName: 'QR_LIMIT_SCENE', expireSeconds: 60, scene: { scene_id: 9 } });
    clock.advance(10 * 365 * 86_400_000);
    expect((await service.resolve(created.ticket)).sceneId).toBe(9);
  });

  it('renders a PNG', async () => {
    const { service } = setup();
    const created = await service.create('acc', { actionName: 'QR_SCENE', expireSeconds: undefined, scene: { scene_id: 1 } });
    const png = await service.renderPng(created.ticket);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });
});
