import { and, asc, eq, inArray, or } from 'drizzle-orm';
import { ProblemError } from '../app/index.js';
import type { Services } from '../app/index.js';
import {
  addCommitment,
  findSessionMembership,
  putOwnCheckIn,
  setCommitmentDone,
} from '../feedback/index.js';
import { JobRunner } from '../jobs/index.js';
import { approveRun, createMatchRun } from '../matching/index.js';
import { syncOrg } from '../org/index.js';
import { shippedSurveys, saveMySurvey } from '../outcomes/index.js';
import type { SurveyLibrary } from '../outcomes/index.js';
import {
  addOwner,
  createProgram,
  enrol,
  programInput,
  transitionProgram,
} from '../programs/index.js';
import {
  bookingJobHandlers,
  queueProgramBookings,
  REBOOK_LEAD_MS,
  rebookSession,
  runJobsToCompletion,
} from '../scheduling/index.js';
import { jobs, pairings, people, programs, sessions } from '../store/index.js';
import { pickPeople, type Cohort } from './living-demo-people.js';

export const LIVE_PROGRAM_NAME = 'Spring cohort — reverse mentoring';
export const CLOSED_PROGRAM_NAME = 'Pilot cohort — reverse mentoring';
const DAY = 24 * 3_600_000;
const WEEK = 7 * DAY;

/** A small deterministic generator (mulberry32): the same organisation gives the same demo. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (x: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(x)));
const at = (services: Services, instant: Date): Services => ({
  ...services,
  now: () => new Date(instant),
});

export interface LivingDemoSummary {
  seeded: boolean;
  programs: { name: string; status: string; pairs: number; sessions: number }[];
  /** Who to sign in as to see each role (ids and names from the directory). */
  signInAs: { admin: string; mentor: string | null; leader: string | null };
}

const TOPIC_ROTATION = ['digital-ai-tools', 'remote-async', 'wellbeing', 'social-cultural-trends'];
const COMMITMENTS = [
  'Try one AI assistant on my own weekly report for a month',
  'Open each staff meeting with five minutes for the most junior voice in the room',
  'Move one status meeting a week to an async update',
  'Ask my team which tool they wish I used, and use it',
  'Hold a monthly open hour for early-career colleagues',
];

/** Answers on the instrument's scale: baseline around `level`, end moved by `gain` per dimension. */
function answersFor(
  library: SurveyLibrary,
  role: 'mentor' | 'leader',
  phase: 'baseline' | 'end',
  rand: () => number,
  base: Map<string, number>,
): Record<string, number> {
  const instrument = library.latest(role, phase);
  const out: Record<string, number> = {};
  for (const item of instrument.items) {
    const start = base.get(item.key) ?? clamp(2 + rand() * 2, 1, 5);
    base.set(item.key, start);
    const gain = item.dimension === 'pair-safety' ? 0.4 : 0.6 + rand() * 0.9;
    out[item.key] =
      phase === 'baseline'
        ? start
        : clamp(start + gain + (rand() - 0.5), item.scale.min, item.scale.max);
  }
  return out;
}

/**
 * Sessions that did not fit their series are rebooked a week before they are due. The cohort was
 * booked as of its start, so those weeks have passed since for the earlier ones: each is rebooked
 * now on the clock of the day its job would have run, and the ones not due yet keep their job,
 * queued for the real day (it was queued relative to the start date).
 */
async function rebookAsTimePassed(services: Services, programId: string, startedAt: Date) {
  const waiting = await services.db
    .select({ id: sessions.id, startsAt: sessions.startsAt })
    .from(sessions)
    .innerJoin(pairings, eq(pairings.id, sessions.pairingId))
    .where(and(eq(pairings.programId, programId), eq(sessions.status, 'rebooking')))
    .orderBy(asc(sessions.startsAt));
  for (const s of waiting) {
    const due = new Date(Math.max(startedAt.getTime(), s.startsAt.getTime() - REBOOK_LEAD_MS));
    const job = and(eq(jobs.kind, 'session-rebook'), eq(jobs.key, s.id), eq(jobs.status, 'queued'));
    if (due.getTime() > services.now().getTime()) {
      await services.db.update(jobs).set({ runAfter: due }).where(job);
      continue;
    }
    await rebookSession(at(services, due), s.id);
    await services.db.update(jobs).set({ status: 'succeeded' }).where(job);
  }
}

/** One cohort, run from its start date through the same functions an admin and the pairs use. */
async function runCohort(services: Services, library: SurveyLibrary, c: Cohort, close: boolean) {
  const realNow = services.now();
  const startedAt = new Date(realNow.getTime() - c.startedWeeksAgo * WEEK);
  const then = at(services, startedAt);
  const [admin, coOwner] = c.adminIds;
  if (admin === undefined) throw new Error('the local tenant has no program admin');
  const created = await createProgram(
    then,
    admin,
    programInput.parse({
      name: c.name,
      description: c.description,
      // The day its booking starts from (never before the day after approval).
      startsOn: new Date(startedAt.getTime() + DAY).toISOString().slice(0, 10),
      rules: {
        cadence: 'weekly',
        sessions: c.sessions,
        mentorMaxLevel: 3,
        leaderMinLevel: 6,
        minLevelGap: 3,
      },
    }),
  );
  if (coOwner !== undefined)
    await addOwner(then, { actorId: admin, programId: created.id, personId: coOwner });
  await transitionProgram(then, admin, created.id, 'enrolling', 'demo');
  const { picked } = await pickPeople(then, created.id, c);
  for (const [i, p] of picked.entries()) {
    // A pair (leader, then mentor) shares a topic; the rotation varies it between pairs.
    const topic = TOPIC_ROTATION[Math.floor(i / 2) % TOPIC_ROTATION.length] ?? 'digital-ai-tools';
    await enrol(then, p.id, created.id, {
      role: p.role,
      topicsOffered:
        p.role === 'mentor'
          ? [topic, 'digital-ai-tools'].filter((t, k, a) => a.indexOf(t) === k)
          : [],
      topicsWanted: p.role === 'leader' ? [topic] : [],
      preferredTimes: [],
    });
    c.taken.add(p.id);
  }
  await transitionProgram(then, admin, created.id, 'matching', 'demo');
  const run = await createMatchRun(then, admin, created.id);
  await approveRun(then, admin, run.id);

  // Baseline answers before the first session (most people answer; a few never do).
  const baselines = new Map<string, Map<string, number>>();
  for (const p of picked) {
    if (c.rand() < 0.15) continue;
    const base = new Map<string, number>();
    baselines.set(p.id, base);
    await saveMySurvey(services.db, library, {
      personId: p.id,
      programId: created.id,
      phase: 'baseline',
      answers: answersFor(library, p.role, 'baseline', c.rand, base),
      now: new Date(startedAt.getTime() + DAY),
    });
  }

  // Booked in the local tenant's calendars as of the start date: the first sessions are past.
  await queueProgramBookings(then, created.id);
  const handlers = bookingJobHandlers(then);
  const runner = new JobRunner({
    db: services.db,
    handlers,
    concurrency: 8,
    logger: services.logger,
  });
  await runJobsToCompletion(services.db, runner, Object.keys(handlers), { timeoutMs: 5 * 60_000 });
  await rebookAsTimePassed(services, created.id, startedAt);

  const pairRows = await services.db
    .select()
    .from(pairings)
    .where(and(eq(pairings.programId, created.id), eq(pairings.status, 'active')));
  const sessionRows =
    pairRows.length === 0
      ? []
      : await services.db
          .select()
          .from(sessions)
          .where(
            inArray(
              sessions.pairingId,
              pairRows.map((p) => p.id),
            ),
          )
          .orderBy(asc(sessions.startsAt));
  services.logger.info(
    { program: c.name, pairs: pairRows.length, sessions: sessionRows.length },
    'demo cohort booked',
  );
  const past = sessionRows.filter((s) => s.endsAt.getTime() < realNow.getTime());
  for (const s of past) {
    const pairing = pairRows.find((p) => p.id === s.pairingId);
    if (pairing === undefined) continue;
    for (const personId of [pairing.mentorId, pairing.leaderId]) {
      if (c.rand() < 0.25) continue;
      const membership = await findSessionMembership(services.db, s.id, personId);
      await putOwnCheckIn(
        services.db,
        membership,
        personId,
        {
          held: true,
          usefulness: clamp(3.4 + c.rand() * 1.8, 1, 5),
          safety: clamp(3.6 + c.rand() * 1.6, 1, 5),
          reflection: '',
        },
        new Date(s.endsAt.getTime() + 3_600_000),
      );
    }
  }
  for (const [i, pairing] of pairRows.entries()) {
    const mine = past.filter((s) => s.pairingId === pairing.id);
    const last = mine[mine.length - 1];
    if (last === undefined || (!close && i % 2 === 1)) continue;
    const made = await addCommitment(services.db, {
      pairingId: pairing.id,
      authorId: pairing.leaderId,
      text: COMMITMENTS[i % COMMITMENTS.length] ?? 'Keep meeting monthly',
      now: last.endsAt,
    });
    if (close ? i % 4 !== 3 : i % 3 === 0)
      await setCommitmentDone(services.db, {
        pairingId: pairing.id,
        commitmentId: made.id,
        callerId: pairing.leaderId,
        done: true,
        now: new Date(last.endsAt.getTime() + WEEK),
      });
  }

  if (close) {
    const lastEnd = sessionRows.reduce(
      (m, s) => Math.max(m, s.endsAt.getTime()),
      startedAt.getTime(),
    );
    const members = pairRows.flatMap((p) => [
      { id: p.mentorId, role: 'mentor' as const, pairingId: p.id },
      { id: p.leaderId, role: 'leader' as const, pairingId: p.id },
    ]);
    // Closed the day after its last session: every member's end survey is open from then.
    await transitionProgram(
      at(services, new Date(lastEnd + DAY)),
      admin,
      created.id,
      'closed',
      'Pilot finished',
    );
    for (const m of members) {
      if (c.rand() < 0.1) continue;
      // Two days after the pilot's last session, inside every member's end window.
      await saveMySurvey(services.db, library, {
        personId: m.id,
        programId: created.id,
        phase: 'end',
        pairingId: m.pairingId,
        answers: answersFor(library, m.role, 'end', c.rand, baselines.get(m.id) ?? new Map()),
        now: new Date(lastEnd + 2 * DAY),
      }).catch((error: unknown) => {
        if (!(error instanceof ProblemError && error.status === 409)) throw error;
      });
    }
  }
  return { id: created.id, pairs: pairRows, sessions: sessionRows.length };
}

/**
 * A first run that shows a living program: on an empty store with the embedded local tenant,
 * a closed pilot (end answers in) and a cohort part-way through (first sessions held, check-ins,
 * commitments, baseline answers), all through the domain functions and the tenant's calendars.
 * Does nothing when the programs already exist.
 */
export async function seedLivingDemo(
  services: Services,
  o: { adminIds: string[]; say(text: string): void },
): Promise<LivingDemoSummary> {
  const existing = await services.db
    .select({ id: programs.id })
    .from(programs)
    .where(or(eq(programs.name, LIVE_PROGRAM_NAME), eq(programs.name, CLOSED_PROGRAM_NAME)));
  const admin = o.adminIds[0] ?? '';
  if (existing.length > 0 || admin === '')
    return { seeded: false, programs: [], signInAs: { admin, mentor: null, leader: null } };
  await syncOrg(
    { db: services.db, graph: services.graph, logger: services.logger },
    { full: true },
  );
  const library = await shippedSurveys();
  const taken = new Set<string>();
  const rand = prng(20_260_501);
  o.say('seeding the closed pilot cohort…');
  const pilot = await runCohort(
    services,
    library,
    {
      name: CLOSED_PROGRAM_NAME,
      description: 'The first cohort: four weekly sessions, finished, with end-of-program answers.',
      startedWeeksAgo: 12,
      sessions: 4,
      pairs: 9,
      taken,
      adminIds: o.adminIds,
      rand,
    },
    true,
  );
  o.say('seeding the spring cohort, part-way through…');
  const live = await runCohort(
    services,
    library,
    {
      name: LIVE_PROGRAM_NAME,
      description: 'Eight weekly sessions between early-career mentors and senior leaders.',
      startedWeeksAgo: 4,
      sessions: 8,
      pairs: 10,
      taken,
      adminIds: o.adminIds,
      rand,
    },
    false,
  );
  const first = live.pairs[0];
  return {
    seeded: true,
    programs: [
      {
        name: CLOSED_PROGRAM_NAME,
        status: 'closed',
        pairs: pilot.pairs.length,
        sessions: pilot.sessions,
      },
      {
        name: LIVE_PROGRAM_NAME,
        status: 'active',
        pairs: live.pairs.length,
        sessions: live.sessions,
      },
    ],
    signInAs: { admin, mentor: first?.mentorId ?? null, leader: first?.leaderId ?? null },
  };
}

/** `start` with the embedded local tenant: seeds on an empty store and says whom to sign in as. */
export async function seedLivingDemoOnStart(services: Services): Promise<void> {
  const tenant = services.localTenant;
  if (tenant === undefined) return;
  const answer = await fetch(`${tenant.origin}/_local/people?top=1`);
  const { programAdminIds } = (await answer.json()) as { programAdminIds: string[] };
  const say = (text: string) => process.stdout.write(`demo: ${text}\n`);
  const started = Date.now();
  const summary = await seedLivingDemo(services, { adminIds: programAdminIds, say });
  if (!summary.seeded) return;
  const names = await services.db
    .select({ id: people.id, displayName: people.displayName })
    .from(people)
    .where(
      inArray(
        people.id,
        [summary.signInAs.admin, summary.signInAs.mentor, summary.signInAs.leader].filter(
          (x): x is string => x !== null,
        ),
      ),
    );
  const nameOf = (id: string | null) => names.find((n) => n.id === id)?.displayName ?? 'anyone';
  for (const p of summary.programs)
    say(`${p.name}: ${p.status}, ${p.pairs} pairs, ${p.sessions} sessions booked`);
  say(
    `seeded in ${((Date.now() - started) / 1000).toFixed(1)} s. Sign in as ${nameOf(summary.signInAs.admin)} (program admin), ${nameOf(summary.signInAs.mentor)} (mentor) or ${nameOf(summary.signInAs.leader)} (leader).`,
  );
}
