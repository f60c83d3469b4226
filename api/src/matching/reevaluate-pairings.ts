import { and, eq, ne } from 'drizzle-orm';
import { messagePartnerChanged, type PartnerChange } from '../notifications/index.js';
import { endPairing, openRematchRequest, whyNotEligible } from '../programs/index.js';
import type { Services } from '../app/index.js';
import type { Db, ProgramRules as StoredRules, RematchSource, Role } from '../store/index.js';
import { pairings, people, programs } from '../store/index.js';
import { hardConstraintViolations } from './constraints.js';
import { explainPair } from './explain.js';
import { loadCohort, managerChain, programOverrides } from './match-cohort.js';
import type { Cohort } from './match-cohort.js';
import { foldOverrides } from './match-override-state.js';
import type { MatchPerson, ProgramRules as MatchRules } from './match-types.js';
import { pairFacts } from './pair-facts.js';
import { scorePair } from './pair-score.js';

export interface ReevaluationSummary {
  checked: number;
  /** Pairings whose two people now share a reporting line (flagged, kept until an admin acts). */
  reportingLine: number;
  /** Pairings ended because one of the two left the company. */
  departed: number;
}

export const REPORTING_LINE_FLAG = 'reporting-line';
export const PARTNER_LEFT_FLAG = 'partner-left';
const CANDIDATES = 3;

export interface Candidate {
  personId: string;
  score: number;
  explanation: string;
  scoreParts: Record<string, number>;
}

/**
 * The best few new partners for one person: people of the other role in the same program, free
 * (or with room, for leaders), breaking no hard rule. Only this person is re-matched; nobody
 * else's pairing moves.
 */
export function candidatesFor(
  cohort: Cohort,
  affected: { id: string; role: Role },
  rules: MatchRules,
  busy: ReadonlyMap<string, number>,
  leaderCapacity: number,
  exclude: string,
  limit = CANDIDATES,
): Candidate[] {
  const self = (affected.role === 'mentor' ? cohort.mentors : cohort.leaders).find(
    (p) => p.id === affected.id,
  );
  if (self === undefined) return [];
  const others = affected.role === 'mentor' ? cohort.leaders : cohort.mentors;
  const capacity = affected.role === 'mentor' ? leaderCapacity : 1;
  const out: Candidate[] = [];
  for (const other of others) {
    if (other.id === exclude || (busy.get(other.id) ?? 0) >= capacity) continue;
    const [mentor, leader]: [MatchPerson, MatchPerson] =
      affected.role === 'mentor' ? [self, other] : [other, self];
    const facts = pairFacts(mentor, leader, rules);
    if (
      hardConstraintViolations(facts, rules, { mentorId: mentor.id, leaderId: leader.id }).length >
      0
    )
      continue;
    const score = scorePair(facts, rules);
    out.push({
      personId: other.id,
      score: Math.round(score.total * 100) / 100,
      explanation: explainPair(facts),
      scoreParts: { ...score.parts },
    });
  }
  return out
    .sort((a, b) => b.score - a.score || (a.personId < b.personId ? -1 : 1))
    .slice(0, limit);
}

export async function programContext(db: Db, programId: string, rules: StoredRules, now: Date) {
  const cohort = await loadCohort(db, { id: programId, rules }, now, {
    // Groups are checked at enrolment and matching; leaving one does not end a pairing.
    ineligibility: (p, role) => whyNotEligible(p, rules, role, now, 'not-checked'),
  });
  const state = foldOverrides(await programOverrides(db, programId), rules.leaderCapacity);
  const matchRules: MatchRules = {
    minLevelGap: rules.minLevelGap,
    weights: rules.weights,
    leaderCapacity: rules.leaderCapacity,
    neverPair: state.forbidden,
    previousPairs: cohort.previousPairs,
  };
  const live = await db
    .select({ mentorId: pairings.mentorId, leaderId: pairings.leaderId })
    .from(pairings)
    .where(and(eq(pairings.programId, programId), ne(pairings.status, 'ended')));
  const busy = new Map<string, number>();
  for (const p of live) {
    busy.set(p.mentorId, (busy.get(p.mentorId) ?? 0) + 1);
    busy.set(p.leaderId, (busy.get(p.leaderId) ?? 0) + 1);
  }
  return { cohort, matchRules, busy };
}

/**
 * After an org sync: a pairing whose two people now sit in one reporting line (either way) is
 * flagged and its mentor gets a rematch proposal; a pairing where someone left the company is
 * ended (its series cancellation queued) and the one who stays gets a proposal. Idempotent: an
 * open request is not made twice.
 */
export async function reevaluatePairings(services: Services): Promise<ReevaluationSummary> {
  const now = services.now();
  const db = services.db;
  const open = await db
    .select({ p: pairings, rules: programs.rules })
    .from(pairings)
    .innerJoin(programs, eq(programs.id, pairings.programId))
    .where(ne(pairings.status, 'ended'));
  const summary: ReevaluationSummary = { checked: open.length, reportingLine: 0, departed: 0 };
  if (open.length === 0) return summary;

  const chart = await db
    .select({
      id: people.id,
      managerId: people.managerId,
      goneAt: people.goneAt,
      accountEnabled: people.accountEnabled,
    })
    .from(people);
  const managerOf = new Map(chart.map((r) => [r.id, r.managerId]));
  /** Still in the directory with a closed account, rather than gone from it. */
  const closed = new Set(
    chart.filter((r) => r.goneAt === null && !r.accountEnabled).map((r) => r.id),
  );
  // A disabled account that keeps its mailbox has left all the same.
  const gone = new Set(
    chart.filter((r) => r.goneAt !== null || !r.accountEnabled).map((r) => r.id),
  );
  const known = new Set(chart.map((r) => r.id));
  const contexts = new Map<string, Awaited<ReturnType<typeof programContext>>>();
  const context = async (programId: string, rules: StoredRules) => {
    let c = contexts.get(programId);
    if (c === undefined) {
      c = await programContext(db, programId, rules, now);
      contexts.set(programId, c);
    }
    return c;
  };
  const cancelled: { pairingId: string; reason: string }[] = [];

  for (const { p, rules } of open) {
    const mentorGone = gone.has(p.mentorId) || !known.has(p.mentorId);
    const leaderGone = gone.has(p.leaderId) || !known.has(p.leaderId);
    let source: RematchSource | undefined;
    let affected: { id: string; role: Role } | undefined;
    let reason = '';
    let endReason = '';
    let leaver: { id: string; change: PartnerChange } | undefined;
    if (mentorGone || leaderGone) {
      source = 'departure';
      const leftRole: Role = mentorGone ? 'mentor' : 'leader';
      affected = mentorGone
        ? { id: p.leaderId, role: 'leader' }
        : { id: p.mentorId, role: 'mentor' };
      endReason = `the ${leftRole} left the company`;
      const leftId = mentorGone ? p.mentorId : p.leaderId;
      leaver = { id: leftId, change: closed.has(leftId) ? 'account-closed' : 'left-company' };
      reason = `The ${leftRole} left the company; the ${affected.role} needs a new partner.`;
    } else if (
      managerChain(p.mentorId, managerOf).includes(p.leaderId) ||
      managerChain(p.leaderId, managerOf).includes(p.mentorId)
    ) {
      if (p.flag === REPORTING_LINE_FLAG) continue;
      source = 'reporting-line';
      // The mentor is re-matched: the junior side is the one a shared chain of command silences.
      affected = { id: p.mentorId, role: 'mentor' };
      reason = 'After a re-org the two are in one reporting line; the mentor needs a new leader.';
    }
    if (source === undefined || affected === undefined) continue;

    const ctx = await context(p.programId, rules);
    const partner = affected.id === p.mentorId ? p.leaderId : p.mentorId;
    const candidates = candidatesFor(
      ctx.cohort,
      affected,
      ctx.matchRules,
      ctx.busy,
      rules.leaderCapacity,
      partner,
    );
    const kind = source;
    const who = affected;
    const departed = leaver;
    await db.transaction(async (tx) => {
      if (kind === 'departure') {
        if (await endPairing(tx, { pairingId: p.id, reason: endReason, now }))
          cancelled.push({ pairingId: p.id, reason: endReason });
        await tx.update(pairings).set({ flag: PARTNER_LEFT_FLAG }).where(eq(pairings.id, p.id));
        // The one who stays hears it from us, with what happens next, not from a cancelled invite.
        if (departed !== undefined)
          await messagePartnerChanged(services, tx, {
            pairingId: p.id,
            actorId: departed.id,
            change: departed.change,
            at: now,
          });
      } else {
        await tx.update(pairings).set({ flag: REPORTING_LINE_FLAG }).where(eq(pairings.id, p.id));
      }
      await openRematchRequest(services, tx, {
        pairing: p,
        source: kind,
        affectedPersonId: who.id,
        requestedBy: null,
        reason,
        candidates: candidates.map(({ scoreParts: _parts, ...c }) => c),
        now,
      });
    });
    if (kind === 'departure') summary.departed += 1;
    else summary.reportingLine += 1;
  }
  for (const c of cancelled)
    await services.enqueue({ kind: 'series-cancel', key: c.pairingId, payload: c });
  if (summary.departed + summary.reportingLine > 0)
    services.logger.info({ ...summary }, 'pairings re-evaluated after org sync');
  return summary;
}
