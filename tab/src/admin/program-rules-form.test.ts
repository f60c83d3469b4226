import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  ApiProvider,
  rulesFixedProblem,
  type ApiClient,
  type ProgramStatus,
} from '../api/index.js';
import { ProgramRulesForm } from './program-rules-form.js';
import { programFixture } from './program-fixture.test-support.js';

function render(status: ProgramStatus): string {
  return renderToStaticMarkup(
    createElement(ApiProvider, {
      client: {} as ApiClient,
      children: createElement(ProgramRulesForm, {
        program: programFixture({ status }),
        onSaved: () => undefined,
      }),
    }),
  );
}

describe('the rules form offers Save exactly while the API takes rules', () => {
  it('offers Save rules in draft, enrolling and matching (before any pair is approved)', () => {
    for (const status of ['draft', 'enrolling', 'matching'] as const) {
      const html = render(status);
      expect(html, status).toContain('Save rules');
    }
  });

  it("says why the rules are fixed once pairs are approved, in the API's words, with no Save", () => {
    for (const status of ['active', 'closed'] as const) {
      const html = render(status);
      expect(html, status).not.toContain('Save rules');
      expect(html, status).toContain((rulesFixedProblem(status) ?? '').replace(/'/g, '&#x27;'));
    }
  });
});
