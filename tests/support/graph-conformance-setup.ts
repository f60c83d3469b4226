import { afterAll, expect } from 'vitest';
import { formatProblems, GraphConformance } from '../../api/src/graph-schema/index.js';
import { recordAllLocalTenants } from '../../api/src/local-tenant/index.js';

/**
 * Every integration test file: each Graph call a local tenant answers (our client's request
 * bodies and the tenant's answers, `$batch` envelopes and sub-requests included) is held
 * against Microsoft's published v1.0 schema; a file whose calls break it fails. Problems are
 * counted once per distinct message so a loop does not flood the report.
 */
const conformance = new GraphConformance();
const problems = new Map<string, number>();

recordAllLocalTenants((exchange) => {
  for (const p of conformance.exchange(exchange)) {
    const key = formatProblems([p]).replace(/\/users\/[^/ ]+/g, '/users/{id}');
    problems.set(key, (problems.get(key) ?? 0) + 1);
  }
});

afterAll(() => {
  recordAllLocalTenants(undefined);
  const report = [...problems].map(([p, n]) => (n > 1 ? `${p} (x${n})` : p)).join('\n');
  expect(report, 'Graph calls that differ from the v1.0 schema').toBe('');
});
