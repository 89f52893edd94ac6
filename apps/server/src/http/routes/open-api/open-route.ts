import type { z } from 'zod';
import type { Services } from '../../../services';
import type { FormFile } from '../../multipart';
import type { WireError } from './errcodes';
import { WIRE_ERRORS } from './errcodes';
import { parseJsonBody } from './wire';

/** What an open-API handler receives: the caller's account, its input, and the services. */
export interface OpenContext {
  services: Services;
  /** Account the access_token belongs to; empty for routes with `auth: 'none'`. */
  accountId: string;
  /** First value of each query parameter. */
  query: Record<string, string | undefined>;
  /** Path parameters of routes such as `/q/:code`. */
  params: Record<string, string | undefined>;
  /** The raw request body as text (empty string when there is none, and for uploads). */
  rawBody: string;
  /** File parts of a `multipart/form-data` upload (routes with `upload: true`); empty otherwise. */
  files: FormFile[];
  /** Text fields of a `multipart/form-data` upload (video `description`); empty otherwise. */
  fields: Record<string, string>;
  /** The upload went past the route's body limit and was discarded: its file is too large. */
  bodyTooLarge: boolean;
  clientIp: string;
  rid: string;
}

/** A non-JSON reply (images, redirects), passed through as is. */
export class RawReply {
  constructor(
    readonly contentType: string,
    readonly body: Buffer | string,
    readonly statusCode = 200,
    readonly headers: Record<string, string> = {},
  ) {}
}

/** One WeChat-compatible endpoint. */
export interface OpenRoute {
  method: 'GET' | 'POST';
  /** Canonical path as WeChat spells it (`/cgi-bin/user/info`); also the quota key. */
  path: string;
  /** Extra paths SDKs use for the same endpoint (spec §0.3). */
  aliases?: string[];
  /** `token` (default) requires `?access_token=`; `none` for token endpoints and public pages. */
  auth?: 'token' | 'none';
  /** Adds `errcode: 0, errmsg: "ok"` to successful JSON replies (default true). */
  ok?: boolean;
  /**
   * Accepts `multipart/form-data` uploads (parts in {@link OpenContext.files} and `fields`), with
   * a body limit raised for this route only; larger bodies are drained and flagged, not cut off.
   */
  upload?: boolean;
  handler(ctx: OpenContext): Promise<object | RawReply>;
}

/** Throws a WeChat error straight from the transport (method, body format, rid lookups…). */
export class WireFailure extends Error {
  constructor(
    readonly wire: WireError,
    readonly detail?: string,
  ) {
    super(wire.errmsg);
  }
}

/** Declares a route; exists for type inference and to keep route files declarative. */
export function defineOpenRoute(route: OpenRoute): OpenRoute {
  return route;
}

/**
 * The JSON object a POST carries: 44002 when the body is empty, 47001 when it is not a JSON
 * object. `null` members are dropped first, since some SDKs send `null` for "absent".
 */
export function jsonBody(ctx: OpenContext): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseJsonBody(ctx.rawBody);
  } catch {
    throw new WireFailure(WIRE_ERRORS.dataFormat);
  }
  if (parsed === undefined) throw new WireFailure(WIRE_ERRORS.emptyPostData);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new WireFailure(WIRE_ERRORS.dataFormat);
  return dropNulls(parsed as Record<string, unknown>);
}

/** Parses the body with a zod schema; shape errors are WeChat's 47001 "data format error". */
export function parseBody<S extends z.ZodType>(ctx: OpenContext, schema: S): z.output<S> {
  const result = schema.safeParse(jsonBody(ctx));
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WireFailure(WIRE_ERRORS.dataFormat, issue ? `${issue.path.join('.')}: ${issue.message}` : undefined);
  }
  return result.data;
}

function dropNulls(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === null) continue;
    out[key] = v && typeof v === 'object' && !Array.isArray(v) ? dropNulls(v as Record<string, unknown>) : v;
  }
  return out;
}
