import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import type { Clock } from '../../shared/clock';
import { randomToken } from '../../shared/ids';
import type { QrTicketResolver } from '../followers/follower.service';
import { QrcodeErrors } from './qrcode.errors';
import type { QrActionName, QrCode, QrcodeStore } from './qrcode.repo';

/** Lifetime of a temporary code when `expire_seconds` is omitted (spec §7.1; older docs say 30). */
export const DEFAULT_EXPIRE_SECONDS = 60;
/**
 * Longest lifetime of a temporary code (30 days). Larger requests are clamped to it rather than
 * refused: WeChat documents the maximum but not an error for exceeding it (gzh's choice).
 */
export const MAX_EXPIRE_SECONDS = 2_592_000;
/** Permanent codes one account may hold (spec §7.1). */
export const MAX_PERMANENT_QRCODES = 100_000;
/** Largest `scene_id` of a permanent code. */
export const MAX_PERMANENT_SCENE_ID = 100_000;
/** Largest `scene_id` of a temporary code: a non-zero 32-bit unsigned integer, as `EventKey` carries it. */
export const MAX_TEMPORARY_SCENE_ID = 4_294_967_295;
/** Longest `scene_str`, in characters. */
export const MAX_SCENE_STR_LENGTH = 64;

const ACTIONS: Record<QrActionName, { permanent: boolean; scene: 'id' | 'str' }> = {
  QR_SCENE: { permanent: false, scene: 'id' },
  QR_STR_SCENE: { permanent: false, scene: 'str' },
  QR_LIMIT_SCENE: { permanent: true, scene: 'id' },
  QR_LIMIT_STR_SCENE: { permanent: true, scene: 'str' },
};

const CODE_SHAPE = /^[A-Za-z0-9_-]{22}$/;

/** What `qrcode/create` asks for, as received (the service validates every field). */
export interface QrCreateInput {
  actionName: unknown;
  expireSeconds: unknown;
  /** `action_info.scene`. */
  scene: unknown;
}

/** What `qrcode/create` answers; `expireSeconds` is `null` for permanent codes. */
export interface QrCreated {
  ticket: string;
  expireSeconds: number | null;
  url: string;
}

/**
 * Parametric QR codes (spec §7.1–7.2): creation with WeChat's scene rules, the PNG a phone can
 * scan, and resolution of a scanned ticket or URL for the follower side.
 *
 * A code is reachable two ways: by its ticket (what `showqrcode` and callbacks carry) and by the
 * short code in its URL (what a camera reads from the image). Temporary codes expire by the
 * injected clock; permanent codes are idempotent per scene, as on WeChat, where creating the same
 * permanent scene again returns the same ticket.
 */
export class QrcodeService implements QrTicketResolver {
  private readonly baseUrl: string;

  constructor(
    private readonly repo: QrcodeStore,
    private readonly clock: Clock,
    publicUrl: string,
  ) {
    this.baseUrl = publicUrl.replace(/\/+$/, '');
  }

  /**
   * Creates a code, or returns the existing one for a permanent scene already created.
   * Throws `invalid_action_name`, `invalid_action_info`, `invalid_expire_seconds` or
   * `permanent_limit`.
   */
  async create(accountId: string, input: QrCreateInput): Promise<QrCreated> {
    const actionName = checkActionName(input.actionName);
    const action = ACTIONS[actionName];
    const scene = checkScene(action, input.scene);
    if (action.permanent) {
      const existing = await this.repo.findPermanent(accountId, actionName, scene);
      if (existing) return this.present(existing);
      // A concurrent create of the same scene may slip past this check and mint a second ticket;
      // both resolve to the same scene, so the race costs a row, never a wrong follow.
      if ((await this.repo.countPermanent(accountId)) >= MAX_PERMANENT_QRCODES) {
        throw QrcodeErrors.permanentLimit(MAX_PERMANENT_QRCODES);
      }
    }
    const expireSeconds = action.permanent ? null : checkExpireSeconds(input.expireSeconds);
    const now = this.clock.nowMs();
    const code: Omit<QrCode, 'accountId'> = {
      ticket: newTicket(),
      code: randomToken(22),
      actionName,
      ...scene,
      permanent: action.permanent,
      expireSeconds,
      expiresAt: expireSeconds === null ? null : now + expireSeconds * 1000,
      createdAt: now,
    };
    await this.repo.insert(accountId, code);
    return this.present(code);
  }

  /**
   * {@link QrTicketResolver}: a ticket, or `code:<code>` when the person scanned the image's URL.
   * Throws `qrcode.invalid_ticket` or `qrcode.expired`.
   */
  async resolve(ticket: string): Promise<{ accountId: string; ticket: string; sceneId: number | null; sceneStr: string | null }> {
    const qr = ticket.startsWith('code:') ? await this.liveByCode(ticket.slice(5)) : await this.liveByTicket(ticket);
    return { accountId: qr.accountId, ticket: qr.ticket, sceneId: qr.sceneId, sceneStr: qr.sceneStr };
  }

  /** The live code behind a ticket; throws `invalid_ticket` / `expired`. */
  async liveByTicket(ticket: string): Promise<QrCode> {
    // A ticket is base64: a space can only be a `+` that a client forgot to URL-encode.
    const normalised = ticket.trim().replace(/ /g, '+');
    if (!normalised || normalised.length > 512) throw QrcodeErrors.invalidTicket();
    return this.live(await this.repo.findByTicket(normalised));
  }

  /** The live code behind the last segment of a code URL; throws `invalid_ticket` / `expired`. */
  async liveByCode(code: string): Promise<QrCode> {
    if (!CODE_SHAPE.test(code)) throw QrcodeErrors.invalidTicket();
    return this.live(await this.repo.findByCode(code));
  }

  /**
   * The scannable image of a ticket: a PNG of the code's URL, 430 px square like WeChat's, with
   * error correction M and the quiet zone a phone camera needs.
   */
  async renderPng(ticket: string): Promise<Buffer> {
    const qr = await this.liveByTicket(ticket);
    return QRCode.toBuffer(this.urlOf(qr.code), { type: 'png', errorCorrectionLevel: 'M', margin: 4, width: 430 });
  }

  /** `<publicUrl>/q/<code>`, the URL the image encodes (WeChat's `http://weixin.qq.com/q/…`). */
  urlOf(code: string): string {
    return `${this.baseUrl}/q/${code}`;
  }

  private present(qr: Omit<QrCode, 'accountId'>): QrCreated {
    return { ticket: qr.ticket, expireSeconds: qr.expireSeconds, url: this.urlOf(qr.code) };
  }

  private live(qr: QrCode | undefined): QrCode {
    if (!qr) throw QrcodeErrors.invalidTicket();
    if (qr.expiresAt !== null && this.clock.nowMs() >= qr.expiresAt) throw QrcodeErrors.expired();
    return qr;
  }
}

function checkActionName(value: unknown): QrActionName {
  if (typeof value !== 'string' || !Object.hasOwn(ACTIONS, value)) throw QrcodeErrors.invalidActionName(value);
  return value as QrActionName;
}

/** The scene of the action: an integer id in range, or a 1–64 character string (40053 otherwise). */
function checkScene(
  action: { permanent: boolean; scene: 'id' | 'str' },
  scene: unknown,
): { sceneId: number | null; sceneStr: string | null } {
  if (!scene || typeof scene !== 'object' || Array.isArray(scene)) {
    throw QrcodeErrors.invalidActionInfo('action_info.scene is required');
  }
  const fields = scene as Record<string, unknown>;
  if (action.scene === 'str') {
    const value = fields.scene_str;
    const length = typeof value === 'string' ? [...value].length : 0;
    if (typeof value !== 'string' || length < 1 || length > MAX_SCENE_STR_LENGTH) {
      throw QrcodeErrors.invalidActionInfo(`scene_str must be 1 to ${MAX_SCENE_STR_LENGTH} characters`);
    }
    return { sceneId: null, sceneStr: value };
  }
  const max = action.permanent ? MAX_PERMANENT_SCENE_ID : MAX_TEMPORARY_SCENE_ID;
  const id = integerOf(fields.scene_id);
  if (id === null || id < 1 || id > max) throw QrcodeErrors.invalidActionInfo(`scene_id must be an integer from 1 to ${max}`);
  return { sceneId: id, sceneStr: null };
}

/** Default when absent, clamped to the 30-day maximum, refused when not a positive integer. */
function checkExpireSeconds(value: unknown): number {
  if (value === undefined) return DEFAULT_EXPIRE_SECONDS;
  const seconds = integerOf(value);
  if (seconds === null || seconds < 1) throw QrcodeErrors.invalidExpireSeconds();
  return Math.min(seconds, MAX_EXPIRE_SECONDS);
}

/** An integer given as a JSON number or as a string of digits (some SDKs stringify numbers). */
function integerOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'string' && /^-?\d{1,16}$/.test(value)) return Number(value);
  return null;
}

/**
 * A ticket in WeChat's shape: 96 characters of standard base64 (so it may hold `+`, `/` and
 * ends in `==`), starting `gQH` like WeChat's, whose first bytes are 0x81 0x01 0b11xxxxxx.
 * The rest is random; the ticket carries no meaning of its own.
 */
function newTicket(): string {
  const bytes = randomBytes(70);
  bytes[0] = 0x81;
  bytes[1] = 0x01;
  bytes[2] = 0xc0 | (bytes[2]! & 0x3f);
  return bytes.toString('base64');
}
