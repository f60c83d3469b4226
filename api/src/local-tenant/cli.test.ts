import { describe, expect, it } from 'vitest';
import { runLocalTenantCli } from './cli.js';

describe('runLocalTenantCli', () => {
  it('refuses unknown options and out-of-range values before starting anything', async () => {
    await expect(runLocalTenantCli(['--bogus', '1'])).rejects.toThrow(/unknown option/);
    await expect(runLocalTenantCli(['--rate429', '2'])).rejects.toThrow(/--rate429/);
    await expect(runLocalTenantCli(['--people'])).rejects.toThrow(/--people/);
  });
});
