import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The server's logger. Secrets never reach the log: AppSecrets, access tokens, passwords, session
 * cookies and API keys are redacted wherever they appear in a logged object.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: [
          'secret',
          '*.secret',
          'password',
          '*.password',
          'access_token',
          '*.access_token',
          'token',
          '*.token',
          'req.headers.authorization',
          'req.headers.cookie',
          'headers.authorization',
          'headers.cookie',
          'req.query.access_token',
          'req.query.secret',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
