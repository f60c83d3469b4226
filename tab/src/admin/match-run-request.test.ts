import { describe, expect, it } from 'vitest';
import { createApiClient, type ApiError, type MatchRunView } from '../api/index.js';
import { newerRunOf, newMatchRunBody } from './match-run-request.js';

describe('running matching from the match review screen', () => {
  it('names the proposal on screen as the one the new run replaces, or none', () => {
    expect(newMatchRunBody('run-1')).toEqual({ supersedes: 'run-1' });
    expect(newMatchRunBody(undefined)).toEqual({ supersedes: null });
  });

  it('sends it, and finds the other admin’s newer proposal in the 409 that answers it', async () => {
    const sent: unknown[] = [];
    const api = createApiClient({
      getToken: async () => 'tok',
      fetch: (_url, init) => {
        sent.push(JSON.parse(String(init?.body)));
        return Promise.resolve(
          new Response(
            JSON.stringify({
              type: 'https://reverse-mentoring.example/problems/conflict',
              title: 'Conflict with the current state',
              status: 409,
              detail: 'Another match run was created meanwhile; review that one.',
              runId: 'run-2',
            }),
            { status: 409, headers: { 'content-type': 'application/problem+json' } },
          ),
        );
      },
    });
    const refused = await api
      .send<MatchRunView>('POST', '/api/programs/p/match-runs', newMatchRunBody('run-1'))
      .then(
        () => undefined,
        (err: unknown) => err as ApiError,
      );
    expect(sent).toEqual([{ supersedes: 'run-1' }]);
    expect(newerRunOf(refused)).toBe('run-2');
  });

  it('finds no newer proposal in other refusals', () => {
    expect(newerRunOf(undefined)).toBeUndefined();
    const notFound = { status: 404, problem: { runId: 'x' } } as unknown as ApiError;
    expect(newerRunOf(notFound)).toBeUndefined();
  });
});
