import { describe, expect, it } from 'vitest';
import { ConfigError, LOCAL_TENANT_ID, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs on the embedded local tenant and PGlite with no settings at all', () => {
    const config = loadConfig({});
    expect(config.localMode).toBe(true);
    expect(config.graph.kind).toBe('embedded-local-tenant');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('./.data');
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
    expect(config.auth.allowedTenants).toEqual([LOCAL_TENANT_ID]);
  });

  it('uses a Graph it is pointed at instead of starting its own', () => {
    const config = loadConfig({ GRAPH_BASE_URL: 'http://127.0.0.1:4010/v1.0/' });
    expect(config.graph).toEqual({
      kind: 'external-local-tenant',
      baseUrl: 'http://127.0.0.1:4010/v1.0',
    });
    expect(config.auth.openIdMetadataUrl).toBe(
      `http://127.0.0.1:4010/${LOCAL_TENANT_ID}/v2.0/.well-known/openid-configuration`,
    );
  });

  it('selects Entra and real Graph when the app registration is configured', () => {
    const config = loadConfig({
      AAD_APP_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
      AAD_APP_TENANT_ID: '22222222-2222-4222-8222-222222222222',
      AAD_APP_CLIENT_SECRET: 's3cret',
      DATABASE_URL: 'postgresql://app@db.example:5432/rm',
      PUBLIC_BASE_URL: 'https://rm.example.net/',
    });
    expect(config.publicBaseUrl).toBe('https://rm.example.net');
    expect(config.localMode).toBe(false);
    expect(config.graph.kind).toBe('entra');
    expect(config.host).toBe('0.0.0.0');
    expect(config.auth.openIdMetadataUrl).toBe(
      'https://login.microsoftonline.com/22222222-2222-4222-8222-222222222222/v2.0/.well-known/openid-configuration',
    );
  });

  it('stops start-up with a message naming each wrong setting', () => {
    const attempt = () =>
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/DATABASE_URL/);
    expect(attempt).toThrow(/LOG_LEVEL/);
  });

  it('refuses an Entra setup without a credential', () => {
    expect(() => loadConfig({ AAD_APP_CLIENT_ID: '11111111-1111-4111-8111-111111111111' })).toThrow(
      /AAD_APP_TENANT_ID[\s\S]*AAD_APP_CLIENT_SECRET/,
    );
  });

  it('trusts no proxy unless told: hops, addresses and subnets, wrong values refused', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'none' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, ::1' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '::1',
    ]);
    for (const bad of ['everyone', '10.0.0.0/33', '300.1.1.1', '11'])
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
  });

  it('sheds load past 50 ms of event-loop delay in production unless told otherwise, off elsewhere, 0 turns it off', () => {
    // Development is the local tenant: PGlite's queries run on the event loop.
    expect(loadConfig({}).maxEventLoopDelayMs).toBe(0);
    expect(loadConfig({ NODE_ENV: 'development' }).maxEventLoopDelayMs).toBe(0);
    expect(loadConfig({ NODE_ENV: 'production' }).maxEventLoopDelayMs).toBe(50);
    expect(loadConfig({ NODE_ENV: 'test' }).maxEventLoopDelayMs).toBe(0);
    expect(
      loadConfig({ NODE_ENV: 'test', MAX_EVENT_LOOP_DELAY_MS: '40' }).maxEventLoopDelayMs,
    ).toBe(40);
    expect(
      loadConfig({ NODE_ENV: 'production', MAX_EVENT_LOOP_DELAY_MS: '0' }).maxEventLoopDelayMs,
    ).toBe(0);
    for (const bad of ['-1', 'fast', '1.5', '60001'])
      expect(() => loadConfig({ MAX_EVENT_LOOP_DELAY_MS: bad }), bad).toThrow(
        /MAX_EVENT_LOOP_DELAY_MS/,
      );
  });

  it('runs 64 background jobs at once unless told, 1 to 256', () => {
    expect(loadConfig({}).jobConcurrency).toBe(64);
    expect(loadConfig({ JOB_CONCURRENCY: '8' }).jobConcurrency).toBe(8);
    for (const bad of ['0', '-4', 'many', '2.5', '257'])
      expect(() => loadConfig({ JOB_CONCURRENCY: bad }), bad).toThrow(/JOB_CONCURRENCY/);
  });

  it('refuses Entra without a public HTTPS address for Graph notifications, naming PUBLIC_BASE_URL', () => {
    const entra = {
      AAD_APP_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
      AAD_APP_TENANT_ID: '22222222-2222-4222-8222-222222222222',
      AAD_APP_CLIENT_SECRET: 's3cret',
    };
    expect(() => loadConfig(entra)).toThrow(/PUBLIC_BASE_URL: required/);
    expect(() => loadConfig({ ...entra, PUBLIC_BASE_URL: 'http://rm.example.net' })).toThrow(
      /PUBLIC_BASE_URL: must be an https:\/\/ URL/,
    );
    expect(() => loadConfig({ ...entra, PUBLIC_BASE_URL: 'not a url' })).toThrow(/PUBLIC_BASE_URL/);
  });

  it('keeps the plain loopback address on a local tenant unless told otherwise', () => {
    expect(loadConfig({}).publicBaseUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://127.0.0.1:8080' }).publicBaseUrl).toBe(
      'http://127.0.0.1:8080',
    );
  });
});
