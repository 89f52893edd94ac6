import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../shared/errors';

/**
 * Error mapping of the console and follower APIs: `{error: {code, message, requestId}}` with an
 * HTTP status chosen from the domain code. Validation failures are 400s that say which field is
 * wrong; unexpected errors are logged and surface as a generic 500 without internals.
 */
export function statusOf(code: string): number {
  if (code === 'auth.unauthenticated' || code === 'auth.bad_credentials' || code === 'person.unauthenticated') return 401;
  if (code === 'auth.rate_limited') return 429;
  if (/^(auth\.(forbidden|csrf)|common\.forbidden|sandbox\.disabled)$/.test(code)) return 403;
  // WeChat's refusals of outbound messages: the request is well-formed but the account may not send
  // it now. A closed window, a typing rule or a clientmsgid already used conflict with the
  // follower's or the broadcast's state (409); a spent window or broadcast allowance is a quota
  // (429). Bad payloads and media ids (`message.*`) stay 400. The message keeps WeChat's reason.
  if (/^(kf\.(out_of_window|typing_not_allowed|already_typing)|broadcast\.client_msg_id_exists)$/.test(code)) return 409;
  if (/^(kf\.response_count_limit|broadcast\.(no_quota|client_msg_id_too_fast))$/.test(code)) return 429;
  if (code === 'broadcast.invalid_msg_id') return 404;
  if (code.endsWith('not_found') || code === 'follower.not_following') return 404;
  if (/(taken|duplicate|conflict)$/.test(code)) return 409;
  return 400;
}

export function jsonErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isAppError(error)) {
    const status = statusOf(error.code);
    if (status === 429 && typeof error.details?.retryAfterSeconds === 'number') {
      void reply.header('retry-after', String(error.details.retryAfterSeconds));
    }
    return reply.status(status).send({
      error: {
        code: error.code,
        message: error.message,
        requestId: request.id,
        ...(error.details ? { details: error.details } : {}),
      },
    });
  }
  const fe = error as FastifyError & { validation?: unknown };
  if (fe.validation || fe.code === 'FST_ERR_VALIDATION') {
    return reply.status(400).send({ error: { code: 'common.invalid_request', message: fe.message, requestId: request.id } });
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return reply
      .status(fe.statusCode)
      .send({ error: { code: 'common.bad_request', message: fe.message, requestId: request.id } });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({ error: { code: 'common.internal', message: 'internal error', requestId: request.id } });
}
