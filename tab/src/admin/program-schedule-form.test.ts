import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  ApiProvider,
  CLOSED_PROGRAM_PROBLEM,
  ENROLMENT_WINDOW_PROBLEM,
  SCORE_PARTS,
  type ApiClient,
  type ProgramView,
} from '../api/index.js';
import { programFixture } from './program-fixture.test-support.js';
import { ProgramScheduleForm } from './program-schedule-form.js';

const program = programFixture;

function render(p: ProgramView): string {
  return renderToStaticMarkup(
    createElement(ApiProvider, {
      client: {} as ApiClient,
      children: createElement(ProgramScheduleForm, { program: p, onSaved: () => undefined }),
    }),
  );
}

/** Whether the form's Save button is disabled, from the rendered markup. */
function saveDisabled(html: string): boolean {
  const button = /<button[^>]*>Save dates and matching<\/button>/.exec(html)?.[0] ?? '';
  if (button === '') throw new Error('no Save button');
  return /disabled=""|aria-disabled="true"/.test(button);
}

describe('the dates and matching form says why before Save, as the API would', () => {
  it('offers Save on an enrolling program with a sound window', () => {
    expect(saveDisabled(render(program({})))).toBe(false);
  });

  it("shows a window that closes before it opens with the API's sentence, and holds Save back", () => {
    const html = render(
      program({
        enrolmentOpensAt: '2027-03-10T09:00:00.000Z',
        enrolmentClosesAt: '2027-03-01T09:00:00.000Z',
      }),
    );
    expect(html).toContain(ENROLMENT_WINDOW_PROBLEM.replace(/'/g, '&#x27;'));
    expect(saveDisabled(html)).toBe(true);
  });

  it('keeps a closed program read-only and says why, instead of a Save the API answers 409', () => {
    const html = render(program({ status: 'closed' }));
    expect(html).toContain(CLOSED_PROGRAM_PROBLEM);
    expect(saveDisabled(html)).toBe(true);
  });

  it('names the weights as the match screen names the parts of a score', () => {
    const html = render(program({}));
    for (const part of Object.values(SCORE_PARTS)) expect(html).toContain(part.label);
  });
});
