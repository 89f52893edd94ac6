import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('has working defaults for a fresh machine', () => {
    const config = loadConfig({}, {});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', roles: ['api', 'worker', 'scheduler'], sandbox: true });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.databaseUrl).toBeUndefined();
  });

  it('lets flags override the environment', () => {
    const config = loadConfig({ port: '4000' }, { GZH_PORT: '5000', GZH_DATABASE_URL: 'postgres://x@h/db', GZH_ROLES: 'api' });
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBe('postgres://x@h/db');
    expect(config.roles).toEqual(['api']);
  });

  it('keeps media files under the data directory unless GZH_BLOB_DIR says otherwise', () => {
    expect(loadConfig({}, { GZH_DATA: '/srv/gzh' }).blobDir).toBe(path.resolve('/srv/gzh/blobs'));
    expect(loadConfig({}, { GZH_DATA: '/srv/gzh', GZH_BLOB_DIR: '/mnt/shared/blobs' }).blobDir).toBe(
      path.resolve('/mnt/shared/blobs'),
    );
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ port: 'abc', roles: 'api,cook' }, { GZH_DATABASE_URL: 'mysql://x', GZH_ADMIN_PASSWORD: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/port/);
      expect(problems).toMatch(/databaseUrl/);
      expect(problems).toMatch(/roles/);
      expect(problems).toMatch(/adminPassword/);
    }
  });
});
