import { describe, expect, it } from 'vitest';
import {
  buildQuery,
  graphPath,
  mailboxKey,
  parseGraphBase,
  toRelativePath,
  withQuery,
} from './graph-url.js';

describe('parseGraphBase', () => {
  it('splits real Graph and the local tenant into SDK host and version', () => {
    expect(parseGraphBase('https://graph.microsoft.com/v1.0/')).toEqual({
      baseUrl: 'https://graph.microsoft.com/v1.0',
      host: 'https://graph.microsoft.com',
      version: 'v1.0',
      hostname: 'graph.microsoft.com',
    });
    expect(parseGraphBase('http://127.0.0.1:4321/prefix/v1.0')).toMatchObject({
      host: 'http://127.0.0.1:4321/prefix',
      version: 'v1.0',
      hostname: '127.0.0.1:4321',
    });
  });

  it('refuses other schemes', () => {
    expect(() => parseGraphBase('ftp://example/v1.0')).toThrow(TypeError);
  });
});

describe('toRelativePath', () => {
  const base = parseGraphBase('http://127.0.0.1:4321/v1.0');

  it('keeps relative paths and makes links under the base relative', () => {
    expect(toRelativePath(base, 'users/u1')).toBe('/users/u1');
    expect(toRelativePath(base, 'http://127.0.0.1:4321/v1.0/users?$skiptoken=a%3D')).toBe(
      '/users?$skiptoken=a%3D',
    );
  });

  it('follows a local-tenant link that names loopback differently', () => {
    expect(toRelativePath(base, 'http://localhost:4321/v1.0/users?$skiptoken=b')).toBe(
      '/users?$skiptoken=b',
    );
    expect(() => toRelativePath(base, 'http://localhost:9999/v1.0/users')).toThrow(TypeError);
  });

  it('refuses to follow a link to another server (the token would go with it) or version', () => {
    expect(() => toRelativePath(base, 'http://127.0.0.1:4321/beta/users')).toThrow(TypeError);
    expect(() => toRelativePath(base, 'http://evil.example/v1.0/users')).toThrow(TypeError);
  });
});

describe('queries and paths', () => {
  it('encodes query values, drops undefined ones and appends to an existing query', () => {
    expect(
      buildQuery({ $select: 'id,mail', $filter: "mail eq 'a&b'", $top: 5, skip: undefined }),
    ).toBe("?$select=id%2Cmail&$filter=mail%20eq%20'a%26b'&$top=5");
    expect(withQuery('/users?$skiptoken=x', { $top: 2 })).toBe('/users?$skiptoken=x&$top=2');
    expect(withQuery('/users', {})).toBe('/users');
  });

  it('encodes every value as a single path segment', () => {
    expect(graphPath`/users/${'a@b.com'}/events/${'AA+b/c=='}`).toBe(
      '/users/a%40b.com/events/AA%2Bb%2Fc%3D%3D',
    );
  });
});

describe('mailboxKey', () => {
  it('names the mailbox after /users/, case-insensitively and decoded', () => {
    expect(mailboxKey('http://127.0.0.1:1/v1.0/users/Ada%40Contoso.com/events?$top=1')).toBe(
      'ada@contoso.com',
    );
    expect(mailboxKey('/users/ADA@contoso.com/calendar/getSchedule')).toBe('ada@contoso.com');
  });

  it('has no mailbox for directory-wide requests', () => {
    expect(mailboxKey('https://graph.microsoft.com/v1.0/users?$top=999')).toBeUndefined();
    expect(mailboxKey('https://graph.microsoft.com/v1.0/users/delta?$select=id')).toBeUndefined();
    expect(mailboxKey('https://graph.microsoft.com/v1.0/$batch')).toBeUndefined();
    expect(mailboxKey('/subscriptions/s1')).toBeUndefined();
  });
});
