import { afterAll, expect } from 'vitest';
import { formatProblems, GraphConformance } from '../../api/src/graph-schema/index.js';
import { recordAllLocalTenants, type RecordedExchange } from '../../api/src/local-tenant/index.js';

/**
 * Every integration and e2e test file: each Graph call a local tenant answers (our client's
 * request bodies and the tenant's answers, `$batch` envelopes and sub-requests included) is
 * held against Microsoft's published v1.0 schema; a file whose calls break it fails. The calls
 * are checked after the file's tests, so the checking adds nothing to their timing; a problem
 * is reported once per distinct message.
 */
const exchanges: RecordedExchange[] = [];
recordAllLocalTenants((exchange) => exchanges.push(exchange));

afterAll(() => {
  recordAllLocalTenants(undefined);
  const conformance = new GraphConformance();
  const problems = new Map<string, number>();
  for (const exchange of exchanges)
    for (const p of conformance.exchange(exchange)) {
      const key = formatProblems([p]).replace(/\/users\/[^/ ]+/g, '/users/{id}');
      problems.set(key, (problems.get(key) ?? 0) + 1);
    }
  const report = [...problems].map(([p, n]) => (n > 1 ? `${p} (x${n})` : p)).join('\n');
  expect(report, `Graph calls that differ from the v1.0 schema (of ${exchanges.length})`).toBe('');
});
