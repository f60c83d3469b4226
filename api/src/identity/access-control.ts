import { eq } from 'drizzle-orm';
import type { Request } from 'express';
import type { AccessControl, AccessRule, Principal } from '../app/index.js';
import { ProblemError, problems } from '../app/index.js';
import { pairings, sessions, type Db } from '../store/index.js';
import { isAdmin, principalFromRequest } from './authenticate.js';
import type { TokenValidator } from './token-validator.js';

export interface AccessControlOptions {
  db: Db;
  validator: TokenValidator;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Members {
  mentorId: string;
  leaderId: string;
}

function isMember(principal: Principal, members: Members): boolean {
  return principal.userId === members.mentorId || principal.userId === members.leaderId;
}

/**
 * What a caller who may not see a resource is told. Non-members get 403 whether or not the id
 * exists, so guessing ids reveals nothing; only callers entitled to it can learn it is missing.
 */
function notYours(what: string): ProblemError {
  return problems.forbidden(`You are not a member of this ${what}.`);
}

function param(params: Record<string, string>, name: string, rule: AccessRule): string {
  const value = params[name];
  // A route declared with this rule but without the parameter is a programming error: fail closed, loudly.
  if (value === undefined) throw new Error(`Route with access "${rule}" has no :${name} parameter`);
  return value;
}

async function pairingMembers(db: Db, pairingId: string): Promise<Members | undefined> {
  // Not a UUID cannot exist, and PostgreSQL would reject the comparison with a 500.
  if (!UUID.test(pairingId)) return undefined;
  const [row] = await db
    .select({ mentorId: pairings.mentorId, leaderId: pairings.leaderId })
    .from(pairings)
    .where(eq(pairings.id, pairingId))
    .limit(1);
  return row;
}

async function sessionMembers(db: Db, sessionId: string): Promise<Members | undefined> {
  if (!UUID.test(sessionId)) return undefined;
  const [row] = await db
    .select({ mentorId: pairings.mentorId, leaderId: pairings.leaderId })
    .from(sessions)
    .innerJoin(pairings, eq(pairings.id, sessions.pairingId))
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row;
}

/**
 * The one place that decides who may call which route, from the rule each route declares in the
 * route table. Tokens go through the same validator in local mode and with Entra.
 */
export function createAccessControl(o: AccessControlOptions): AccessControl {
  // The app identifies the caller early (rate limits, logs) and the route again: validate once.
  const seen = new WeakMap<Request, Promise<Principal | undefined>>();
  return {
    async authenticate(req: Request): Promise<Principal | undefined> {
      let pending = seen.get(req);
      if (pending === undefined) {
        pending = principalFromRequest(o.validator, req);
        seen.set(req, pending);
      }
      try {
        return await pending;
      } catch (err) {
        // RFC 6750: `invalid_token` tells the client to get a new token rather than just any token.
        if (err instanceof ProblemError && err.status === 401)
          req.res?.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
        if (err instanceof ProblemError && err.status === 503)
          req.res?.setHeader('Retry-After', '5');
        throw err;
      }
    },

    async authorize(rule, principal, params): Promise<void> {
      switch (rule) {
        case 'public':
        case 'signed-in':
          return;
        case 'admin':
          if (!isAdmin(principal)) throw problems.forbidden('This needs the Program.Admin role.');
          return;
        case 'pairing-member': {
          const members = await pairingMembers(o.db, param(params, 'pairingId', rule));
          if (members !== undefined && (isMember(principal, members) || isAdmin(principal))) return;
          if (members === undefined && isAdmin(principal))
            throw problems.notFound('No such pairing.');
          throw notYours('pairing');
        }
        case 'session-member': {
          const members = await sessionMembers(o.db, param(params, 'sessionId', rule));
          if (members !== undefined && isMember(principal, members)) return;
          // Admins see every pairing, so telling them a session does not exist leaks nothing.
          if (members === undefined && isAdmin(principal))
            throw problems.notFound('No such session.');
          throw notYours('session');
        }
        default:
          // An unknown rule (a typo in a route table built without types) never grants access.
          throw problems.forbidden('This route has no access rule that admits you.');
      }
    },
  };
}

/**
 * Reflection and check-in text is its author's alone: not the partner's, not an admin's. Feedback
 * routes call this after loading the row, before returning or changing the text.
 */
export function assertAuthor(principal: Principal, authorId: string): void {
  if (principal.userId !== authorId)
    throw problems.forbidden('Only the author can read or change this text.');
}

export function isAuthor(principal: Principal, authorId: string): boolean {
  return principal.userId === authorId;
}
