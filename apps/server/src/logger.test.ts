import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

describe('createLogger', () => {
  it('never writes secrets, tokens, passwords or credential headers', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    logger.info(
      {
        secret: 's3cr3t',
        access_token: 'tok3n',
        account: { password: 'pa55', secret: 'n3st3d' },
        req: { headers: { authorization: 'Bearer k3y', cookie: 'gzh_session=c00kie' }, query: { access_token: 'q7ok' } },
      },
      'hello',
    );
    const text = lines.join('');
    expect(text).toContain('hello');
    for (const leaked of ['s3cr3t', 'tok3n', 'pa55', 'n3st3d', 'Bearer k3y', 'c00kie', 'q7ok'])
      expect(text).not.toContain(leaked);
  });
});
