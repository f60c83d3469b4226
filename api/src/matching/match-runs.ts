// Long on purpose: one match run from solving the cohort through its view, overrides and approval, all over the same run rows.
import { and, count, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { ProblemError, problems } from '../app/index.js';
import type {
  LeftOutView,
  MatchRunView,
  ProposedPairView,
  SwapCandidatesView,
} from '../contract/index.js';
import { enqueueJob, seriesBookJob } from '../jobs/index.js';
import { messageLeftOut } from '../notifications/index.js';
import {
  assertTransition,
  audit,
  findProgram,
  personCard,
  unknownPersonCard,
  membershipForRun,
  whyNotEligible,
} from '../programs/index.js';
import type { ProgramRow } from '../programs/index.js';
import type { Services } from '../app/index.js';
import type {
  Db,
  ProgramRules as StoredRules,
  StoredLeftOut,
  StoredProposedPair,
  StoredRunSummary,
} from '../store/index.js';
import { matchOverrides, matchRuns, pairings, people, programs } from '../store/index.js';
import { hardConstraintViolations } from './constraints.js';
import { loadCohort, programOverrides } from './match-cohort.js';
import type { Cohort } from './match-cohort.js';
import { foldOverrides } from './match-override-state.js';
import type { OverrideRecord, OverrideState } from './match-override-state.js';
import type { MatchPerson, ProgramRules as MatchRules } from './match-types.js';
import { pairFacts } from './pair-facts.js';
import { scorePair } from './pair-score.js';
import { MatchPinError, proposeMatches } from './propose-matches.js';
import { OVERRIDE_KINDS, REASON_LIMITS } from '../contract/index.js';

export type MatchRunRow = typeof matchRuns.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const overrideInput = z
  .object({
    kind: z.enum(OVERRIDE_KINDS),
    mentorId: z.string().trim().min(1).max(200),
    leaderId: z.string().trim().min(1).max(200).optional(),
    reason: z.string().trim().min(REASON_LIMITS.minChars).max(REASON_LIMITS.maxChars),
  })
  .strict();

export type OverrideInput = z.infer<typeof overrideInput>;

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function matchRulesOf(rules: StoredRules, state: OverrideState, cohort: Cohort): MatchRules {
  return {
    minLevelGap: rules.minLevelGap,
    weights: rules.weights,
    leaderCapacity: rules.leaderCapacity,
    neverPair: state.forbidden,
    previousPairs: cohort.previousPairs,
  };
}

/** The hard rules a pin of these two would break (empty when it may stand). */
function pinViolations(mentor: MatchPerson, leader: MatchPerson, rules: MatchRules): string[] {
  const facts = pairFacts(mentor, leader, rules);
  return hardConstraintViolations(facts, rules, { mentorId: mentor.id, leaderId: leader.id }).map(
    (v) => v.message,
  );
}

function quartiles(values: number[]): [number, number, number, number, number] {
  if (values.length === 0) return [0, 0, 0, 0, 0];
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return round2((s[lo] ?? 0) + ((s[hi] ?? 0) - (s[lo] ?? 0)) * (pos - lo));
  };
  return [at(0), at(0.25), at(0.5), at(0.75), at(1)];
}

function tally(values: (string | null | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) {
    const k = v === null || v === undefined || v.trim() === '' ? 'Unknown' : v;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

function sentence(s: string): string {
  const t = s.length === 0 ? s : (s[0]?.toUpperCase() ?? '') + s.slice(1);
  return t.endsWith('.') ? t : `${t}.`;
}

export interface SolvedRun {
  pairs: StoredProposedPair[];
  leftOut: StoredLeftOut[];
  summary: StoredRunSummary;
}

/**
 * One solve over the cohort with the program's overrides: removed mentors are left out with the
 * admin's reason, pins that still hold are kept, forbidden pairs are never made, and everyone else
 * is either paired or left out with the solver's reason.
 */
export function solveCohort(cohort: Cohort, rules: StoredRules, state: OverrideState): SolvedRun {
  const matchRules = matchRulesOf(rules, state, cohort);
  const mentors = cohort.mentors.filter((m) => !state.removed.has(m.id));
  const leftOut: StoredLeftOut[] = [...cohort.excluded];
  for (const m of cohort.mentors) {
    const why = state.removed.get(m.id);
    if (why !== undefined)
      leftOut.push({
        personId: m.id,
        role: 'mentor',
        reasonCode: 'removed-by-admin',
        reason: `Left out by an admin: ${why}`,
      });
  }
  const mentorById = new Map(mentors.map((m) => [m.id, m]));
  const leaderById = new Map(cohort.leaders.map((l) => [l.id, l]));
  // A pin made in an earlier run may no longer hold (someone paused, a re-org): it is dropped.
  const pins = [...state.pins]
    .map(([mentorId, leaderId]) => ({
      mentorId,
      leaderId,
      m: mentorById.get(mentorId),
      l: leaderById.get(leaderId),
    }))
    .filter(
      (p) =>
        p.m !== undefined && p.l !== undefined && pinViolations(p.m, p.l, matchRules).length === 0,
    )
    .map(({ mentorId, leaderId }) => ({ mentorId, leaderId }));

  const proposal = proposeMatches(mentors, cohort.leaders, matchRules, { pins });
  const pairs: StoredProposedPair[] = proposal.pairs.map((p) => ({
    mentorId: p.mentorId,
    leaderId: p.leaderId,
    score: round2(p.score),
    scoreParts: Object.fromEntries(Object.entries(p.parts).map(([k, v]) => [k, round2(v)])),
    explanation: sentence(p.explanation),
    pinned: p.pinned,
  }));
  for (const u of proposal.unmatched) {
    leftOut.push({
      personId: u.personId,
      role: u.role,
      reasonCode: u.code === 'capacity' ? 'capacity' : 'no-compatible-partner',
      reason: sentence(u.message),
    });
  }
  const matchedLeaders = new Set(pairs.map((p) => p.leaderId));
  const eligible = mentors.length + cohort.leaders.length;
  const person = (id: string) => cohort.people.get(id);
  return {
    pairs,
    leftOut,
    summary: {
      eligibleMentors: mentors.length,
      eligibleLeaders: cohort.leaders.length,
      matched: pairs.length,
      shareMatched: eligible === 0 ? 0 : round2((pairs.length + matchedLeaders.size) / eligible),
      scoreQuartiles: quartiles(pairs.map((p) => p.score)),
      departments: {
        mentors: tally(pairs.map((p) => person(p.mentorId)?.department)),
        leaders: tally([...matchedLeaders].map((id) => person(id)?.department)),
      },
      offices: {
        mentors: tally(pairs.map((p) => person(p.mentorId)?.officeLocation)),
        leaders: tally([...matchedLeaders].map((id) => person(id)?.officeLocation)),
      },
    },
  };
}

function requireMatching(program: ProgramRow): void {
  if (program.status !== 'matching')
    throw problems.conflict(
      `Matching happens while a program is matching; this one is ${program.status}.`,
    );
}

/** The cohort with everyone's eligibility now; the program's groups are read once for the run. */
async function cohortOf(services: Services, program: ProgramRow, now: Date): Promise<Cohort> {
  const groups = await membershipForRun(services, program.rules);
  return loadCohort(services.db, program, now, {
    ineligibility: (p, role) => whyNotEligible(p, program.rules, role, now, groups),
  });
}

export async function findRun(db: Db, runId: string): Promise<MatchRunRow> {
  if (!UUID.test(runId)) throw problems.notFound('No such match run.');
  const [run] = await db.select().from(matchRuns).where(eq(matchRuns.id, runId)).limit(1);
  if (run === undefined) throw problems.notFound('No such match run.');
  return run;
}

export async function matchRunView(db: Db, run: MatchRunRow): Promise<MatchRunView> {
  const overrides = await programOverrides(db, run.programId);
  const ids = [
    ...new Set([
      ...run.pairs.flatMap((p) => [p.mentorId, p.leaderId]),
      ...run.leftOut.map((l) => l.personId),
      ...overrides.flatMap((o) => [
        o.actorId,
        o.mentorId,
        ...(o.leaderId === null ? [] : [o.leaderId]),
      ]),
    ]),
  ];
  const rows =
    ids.length === 0 ? [] : await db.select().from(people).where(inArray(people.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const card = (id: string) => {
    const p = byId.get(id);
    return p === undefined ? unknownPersonCard(id) : personCard(p);
  };
  const pairs: ProposedPairView[] = run.pairs.map((p) => ({
    mentor: card(p.mentorId),
    leader: card(p.leaderId),
    score: p.score,
    scoreParts: p.scoreParts,
    explanation: p.explanation,
    pinned: p.pinned,
  }));
  const leftOut: LeftOutView[] = run.leftOut.map((l) => ({
    person: card(l.personId),
    role: l.role,
    reasonCode: l.reasonCode,
    reason: l.reason,
  }));
  return {
    id: run.id,
    programId: run.programId,
    status: run.status,
    createdAt: run.createdAt.toISOString(),
    pairs,
    leftOut,
    overrides: overrides.map((o) => ({
      id: o.id,
      kind: o.kind,
      mentorId: o.mentorId,
      leaderId: o.leaderId,
      reason: o.reason,
      actor: o.actorId,
      actorName: byId.get(o.actorId)?.displayName ?? 'A program admin',
      mentorName: card(o.mentorId).displayName,
      leaderName: o.leaderId === null ? null : card(o.leaderId).displayName,
      createdAt: o.createdAt.toISOString(),
    })),
    summary: run.summary,
  };
}

/** Proposes pairs for the program's current cohort; an older proposal is superseded. */
export const matchRunInput = z
  .object({
    /**
     * The proposal this run replaces (`null`: there is none yet). When given, the run is created
     * only if that is still the program's current proposal, else 409 naming the current one: of
     * any number of identical requests, exactly one creates a run.
     */
    supersedes: z.uuid().nullable().optional(),
  })
  .strict();

export type MatchRunInput = z.infer<typeof matchRunInput>;

export async function createMatchRun(
  services: Services,
  actorId: string,
  programId: string,
  input: MatchRunInput = {},
): Promise<MatchRunView> {
  const now = services.now();
  const program = await findProgram(services.db, programId);
  requireMatching(program);
  // Compare-and-set: the run is computed from the program as it stands now; if another run was
  // created meanwhile (a double click, a retried request), this one answers 409 naming it.
  const base = await runsOf(services.db, programId);
  const cohort = await cohortOf(services, program, now);
  const state = foldOverrides(
    await programOverrides(services.db, programId),
    program.rules.leaderCapacity,
  );
  const solved = solveCohort(cohort, program.rules, state);
  const run = await services.db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ status: programs.status })
      .from(programs)
      .where(eq(programs.id, programId))
      .for('update');
    if (locked === undefined) throw problems.notFound('No such program.');
    requireMatching({ ...program, status: locked.status });
    const runs = await runsOf(tx, programId);
    const stale =
      input.supersedes === undefined
        ? runs.n !== base.n
        : (runs.proposed ?? null) !== input.supersedes;
    if (stale)
      throw problems.conflict('Another match run was created meanwhile; review that one.', {
        runId: runs.proposed ?? runs.latest,
      });
    await tx
      .update(matchRuns)
      .set({ status: 'superseded', updatedAt: now })
      .where(and(eq(matchRuns.programId, programId), eq(matchRuns.status, 'proposed')));
    const [created] = await tx
      .insert(matchRuns)
      .values({ programId, ...solved, createdBy: actorId, createdAt: now, updatedAt: now })
      .returning();
    if (created === undefined) throw new Error('match run insert returned nothing');
    await audit(tx, {
      actorId,
      action: 'match-run.create',
      targetType: 'match-run',
      targetId: created.id,
      detail: { programId, matched: solved.pairs.length, leftOut: solved.leftOut.length },
    });
    return created;
  });
  return matchRunView(services.db, run);
}

/**
 * Where the program's matching stands for a screen opened fresh: its current proposal, else the
 * run that was approved, else its newest run, else none — so the admin lands where matching left
 * off.
 */
export async function currentRun(db: Db, programId: string): Promise<MatchRunView | null> {
  await findProgram(db, programId);
  const { latest, proposed, approved } = await runsOf(db, programId);
  const id = proposed ?? approved ?? latest;
  return id === null ? null : matchRunView(db, await findRun(db, id));
}

/** How many runs the program has had (runs are only ever added), the newest, and the proposal. */
async function runsOf(
  db: Db,
  programId: string,
): Promise<{
  n: number;
  latest: string | null;
  proposed: string | undefined;
  approved: string | undefined;
}> {
  const rows = await db
    .select({ id: matchRuns.id, status: matchRuns.status })
    .from(matchRuns)
    .where(eq(matchRuns.programId, programId))
    .orderBy(desc(matchRuns.createdAt), desc(matchRuns.id));
  return {
    n: rows.length,
    latest: rows[0]?.id ?? null,
    proposed: rows.find((r) => r.status === 'proposed')?.id,
    approved: rows.find((r) => r.status === 'approved')?.id,
  };
}

/**
 * What an admin's change to a run works on: the run, which must still be the proposal, its
 * program (matching allowed), the cohort now, and the named mentor, who must be in it.
 */
async function proposalToChange(services: Services, runId: string, mentorId: string) {
  const now = services.now();
  const run = await findRun(services.db, runId);
  if (run.status !== 'proposed')
    throw problems.conflict(`This run is ${run.status}; change the latest proposal instead.`);
  const program = await findProgram(services.db, run.programId);
  requireMatching(program);
  const cohort = await cohortOf(services, program, now);
  const mentor = cohort.mentors.find((m) => m.id === mentorId);
  if (mentor === undefined)
    throw problems.badRequest('mentorId is not an eligible mentor of this program.', {
      errors: [{ field: 'mentorId', message: 'not an eligible mentor of this program' }],
    });
  return { now, run, program, cohort, mentor };
}

/**
 * The leaders a swap may give this mentor: every eligible leader the hard rules allow (reporting
 * line, level gap, never-pair, shared working hours), best score first, so the admin is never
 * offered a leader the swap would then refuse.
 */
export async function swapCandidates(
  services: Services,
  runId: string,
  mentorId: string,
): Promise<SwapCandidatesView> {
  const { run, program, cohort, mentor } = await proposalToChange(services, runId, mentorId);
  const state = foldOverrides(
    await programOverrides(services.db, program.id),
    program.rules.leaderCapacity,
  );
  const rules = matchRulesOf(program.rules, state, cohort);
  const current = run.pairs.find((p) => p.mentorId === mentorId)?.leaderId;
  const mentorOf = new Map(run.pairs.map((p) => [p.leaderId, p.mentorId]));
  const feasible = cohort.leaders
    .filter((l) => l.id !== current && pinViolations(mentor, l, rules).length === 0)
    .map((l) => ({ leader: l, score: scorePair(pairFacts(mentor, l, rules), rules) }))
    .sort((a, b) => b.score.total - a.score.total || a.leader.id.localeCompare(b.leader.id));
  const ids = new Set<string>();
  for (const f of feasible) {
    ids.add(f.leader.id);
    const m = mentorOf.get(f.leader.id);
    if (m !== undefined) ids.add(m);
  }
  const rows =
    ids.size === 0
      ? []
      : await services.db
          .select()
          .from(people)
          .where(inArray(people.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const card = (id: string) => {
    const p = byId.get(id);
    return p === undefined ? unknownPersonCard(id) : personCard(p);
  };
  return {
    mentorId,
    items: feasible.map((f) => {
      const other = mentorOf.get(f.leader.id);
      return {
        leader: card(f.leader.id),
        score: round2(f.score.total),
        scoreParts: Object.fromEntries(
          Object.entries(f.score.parts).map(([k, v]) => [k, round2(v)]),
        ),
        currentMentor: other === undefined ? null : card(other),
      };
    }),
  };
}

function infeasible(detail: string): ProblemError {
  return new ProblemError({
    status: 409,
    type: 'override-infeasible',
    title: 'This change cannot be made',
    detail,
  });
}

/**
 * Records an admin's change (with who and why) and re-solves the run around every override of
 * the program. A change the rules cannot honour is refused and nothing is stored.
 */
export async function addOverride(
  services: Services,
  actorId: string,
  runId: string,
  input: OverrideInput,
): Promise<MatchRunView> {
  const { now, program, cohort, mentor } = await proposalToChange(services, runId, input.mentorId);
  const leaderId = input.kind === 'remove' ? null : (input.leaderId ?? null);
  const record: OverrideRecord = {
    kind: input.kind,
    mentorId: input.mentorId,
    leaderId,
    reason: input.reason,
  };
  const previous = await programOverrides(services.db, program.id);
  const state = foldOverrides([...previous, record], program.rules.leaderCapacity);
  if (input.kind !== 'remove') {
    const leader = cohort.leaders.find((l) => l.id === leaderId);
    if (leader === undefined)
      throw problems.badRequest(
        `A ${input.kind} names an eligible leader of this program in leaderId.`,
        {
          errors: [{ field: 'leaderId', message: 'not an eligible leader of this program' }],
        },
      );
    if (input.kind === 'pin' || input.kind === 'swap') {
      const broken = pinViolations(mentor, leader, matchRulesOf(program.rules, state, cohort));
      if (broken.length > 0) throw infeasible(`These two cannot be paired: ${broken.join('; ')}.`);
    }
  }
  let solved: SolvedRun;
  try {
    solved = solveCohort(cohort, program.rules, state);
  } catch (err) {
    if (err instanceof MatchPinError) throw infeasible(err.message);
    throw err;
  }
  const updated = await services.db.transaction(async (tx) => {
    await tx.insert(matchOverrides).values({
      programId: program.id,
      runId,
      kind: input.kind,
      mentorId: input.mentorId,
      leaderId,
      reason: input.reason,
      actorId,
      createdAt: now,
    });
    const [row] = await tx
      .update(matchRuns)
      .set({ ...solved, updatedAt: now })
      .where(and(eq(matchRuns.id, runId), eq(matchRuns.status, 'proposed')))
      .returning();
    if (row === undefined)
      throw problems.conflict('The run changed meanwhile (approved or superseded).');
    await audit(tx, {
      actorId,
      action: `match-run.${input.kind}`,
      targetType: 'match-run',
      targetId: runId,
      reason: input.reason,
      detail: { programId: program.id, mentorId: input.mentorId, leaderId },
    });
    return row;
  });
  return matchRunView(services.db, updated);
}

/**
 * Turns a proposal into pairings, each pinned to the program's guide version, queues one booking
 * job per pairing and makes the program active — all in one transaction. Approving again creates
 * nothing new and answers the same count.
 */
export async function approveRun(
  services: Services,
  actorId: string,
  runId: string,
): Promise<{ pairings: number }> {
  const now = services.now();
  const created = await services.db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(matchRuns)
      .set({ status: 'approved', approvedAt: now, approvedBy: actorId, updatedAt: now })
      .where(and(eq(matchRuns.id, runId), eq(matchRuns.status, 'proposed')))
      .returning();
    if (claimed === undefined) {
      const run = await findRun(tx, runId);
      if (run.status === 'superseded')
        throw problems.conflict('A newer run replaced this one; approve the latest.');
      const [n] = await tx
        .select({ n: count() })
        .from(pairings)
        .where(eq(pairings.matchRunId, runId));
      return { ids: [] as string[], total: n?.n ?? 0 };
    }
    const [program] = await tx
      .select()
      .from(programs)
      .where(eq(programs.id, claimed.programId))
      .limit(1);
    if (program === undefined) throw problems.notFound('No such program.');
    requireMatching(program);
    if (claimed.pairs.length === 0)
      throw problems.conflict('This run proposes no pairs; there is nothing to approve.');
    assertTransition(program.status, 'active');
    const inserted = await tx
      .insert(pairings)
      .values(
        claimed.pairs.map((p) => ({
          programId: program.id,
          mentorId: p.mentorId,
          leaderId: p.leaderId,
          status: 'active' as const,
          matchRunId: runId,
          score: Math.round(p.score * 100),
          explanation: p.explanation,
          scoreParts: p.scoreParts,
          guideTrackId: program.guideTrackId,
          guideTrackVersion: program.guideTrackVersion,
          startedAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: pairings.id });
    for (const { id } of inserted) await enqueueJob(tx, seriesBookJob(id));
    await tx
      .update(matchRuns)
      .set({ status: 'superseded', updatedAt: now })
      .where(
        and(
          eq(matchRuns.programId, program.id),
          eq(matchRuns.status, 'proposed'),
          ne(matchRuns.id, runId),
        ),
      );
    await tx
      .update(programs)
      .set({ status: 'active', updatedAt: now })
      .where(eq(programs.id, program.id));
    // Everyone left out hears why in the same transaction; the paired hear once booking has an
    // outcome (with their first session), from the booking job.
    await messageLeftOut(services, tx, {
      runId,
      programName: program.name,
      leftOut: claimed.leftOut,
    });
    await audit(tx, {
      actorId,
      action: 'match-run.approve',
      targetType: 'match-run',
      targetId: runId,
      detail: { programId: program.id, pairings: inserted.length },
    });
    return { ids: inserted.map((r) => r.id), total: inserted.length };
  });
  // The booking jobs were queued with the pairings; this only wakes the worker.
  for (const id of created.ids) await services.enqueue(seriesBookJob(id));
  return { pairings: created.total };
}
