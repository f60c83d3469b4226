import { and, eq, inArray, isNull } from 'drizzle-orm';
import { loadConfig } from '../config/index.js';
import { JobRunner } from '../jobs/index.js';
import { approveRun, createMatchRun } from '../matching/index.js';
import { syncMailboxSettings, syncOrg } from '../org/index.js';
import {
  assessRoles,
  createProgram,
  membershipForRun,
  programInput,
  transitionProgram,
} from '../programs/index.js';
import {
  bookingJobHandlers,
  queueProgramBookings,
  runJobsToCompletion,
} from '../scheduling/index.js';
import { withCommandWiring } from '../server.js';
import type { Services } from '../app/index.js';
import { bookingSeries, enrolments, pairings, people, programs } from '../store/index.js';
import type { Db } from '../store/index.js';

export const DEMO_PROGRAM_NAME = 'Reverse mentoring demo';
const DEMO_ACTOR = 'demo-cli';

export interface DemoSummary {
  pairs: number;
  booked: number;
  failed: number;
  unmatched: number;
}

/** Enrols everyone whose career level makes them eligible, in the role it suggests. */
async function enrolEveryone(services: Services, programId: string): Promise<string[]> {
  const [program] = await services.db.select().from(programs).where(eq(programs.id, programId));
  if (program === undefined) throw new Error('demo program vanished');
  const enabled = await services.db
    .select()
    .from(people)
    .where(and(isNull(people.goneAt), eq(people.accountEnabled, true)));
  const groups = await membershipForRun(services, program.rules);
  // Only a mailbox tells a room or shared mailbox from a person: read the candidates' first.
  const candidates = enabled.filter(
    (p) => assessRoles(p, program.rules, services.now(), groups).suggestedRole !== null,
  );
  await syncMailboxSettings(
    { db: services.db, graph: services.graph, now: services.now },
    candidates.map((p) => p.id),
  );
  const everyone = await services.db
    .select()
    .from(people)
    .where(
      inArray(
        people.id,
        candidates.map((p) => p.id),
      ),
    );
  const rows: (typeof enrolments.$inferInsert)[] = [];
  for (const person of everyone) {
    const assessment = assessRoles(person, program.rules, services.now(), groups);
    const role = assessment.suggestedRole;
    if (role === null || !assessment.eligibleRoles.includes(role)) continue;
    rows.push({
      programId,
      personId: person.id,
      role,
      suggestedRole: role,
      source: 'demo',
      topicsOffered: role === 'mentor' ? program.rules.topics.slice(0, 3) : [],
      topicsWanted: role === 'leader' ? program.rules.topics.slice(1, 4) : [],
    });
  }
  for (let i = 0; i < rows.length; i += 200) {
    await services.db
      .insert(enrolments)
      .values(rows.slice(i, i + 200))
      .onConflictDoNothing();
  }
  return rows.map((r) => r.personId);
}

async function summarise(db: Db, programId: string): Promise<DemoSummary> {
  const active = await db
    .select({ id: pairings.id, mentorId: pairings.mentorId, leaderId: pairings.leaderId })
    .from(pairings)
    .where(and(eq(pairings.programId, programId), eq(pairings.status, 'active')));
  const series =
    active.length === 0
      ? []
      : await db
          .select({ status: bookingSeries.status })
          .from(bookingSeries)
          .where(
            inArray(
              bookingSeries.pairingId,
              active.map((p) => p.id),
            ),
          );
  const enrolled = await db
    .select({ personId: enrolments.personId })
    .from(enrolments)
    .where(and(eq(enrolments.programId, programId), eq(enrolments.status, 'active')));
  const paired = new Set(active.flatMap((p) => [p.mentorId, p.leaderId]));
  return {
    pairs: active.length,
    booked: series.filter((s) => s.status === 'booked' || s.status === 'partial').length,
    failed: series.filter((s) => s.status === 'failed').length,
    unmatched: enrolled.filter((e) => !paired.has(e.personId)).length,
  };
}

/**
 * `reverse-mentoring demo`: org sync, a program with default rules (found again by name), opt-in
 * enrolment of everyone eligible by career level, matching, approval and booking to the end.
 * Prints progress on stderr and, as its last line on stdout, the JSON summary. A second run finds
 * everything done and books nothing new.
 */
export async function runDemoCli(args: string[]): Promise<number> {
  void args;
  const config = loadConfig();
  const say = (text: string) => process.stderr.write(`demo: ${text}\n`);
  return withCommandWiring(config, async ({ logger, store, graph, services }) => {
    // Full: an embedded tenant starts on a new port each run, so an old delta link cannot be used.
    const sync = await syncOrg({ db: store.db, graph, logger }, { full: true });
    say(`org synced: ${sync.people} people`);

    let [program] = await store.db
      .select()
      .from(programs)
      .where(eq(programs.name, DEMO_PROGRAM_NAME));
    if (program === undefined) {
      const view = await createProgram(
        services,
        DEMO_ACTOR,
        programInput.parse({ name: DEMO_PROGRAM_NAME }),
      );
      [program] = await store.db.select().from(programs).where(eq(programs.id, view.id));
    }
    if (program === undefined) throw new Error('the demo program could not be created');
    const programId = program.id;

    if (program.status === 'draft') {
      await transitionProgram(services, DEMO_ACTOR, programId, 'enrolling', 'demo');
      program.status = 'enrolling';
    }
    if (program.status === 'enrolling') {
      const enrolled = await enrolEveryone(services, programId);
      say(`enrolled ${enrolled.length} people by career level`);
      // Matching weighs working-hours overlap: read the members' mailbox settings first.
      await syncMailboxSettings({ db: store.db, graph, now: services.now }, enrolled);
      await transitionProgram(services, DEMO_ACTOR, programId, 'matching', 'demo');
      program.status = 'matching';
    }
    if (program.status === 'matching') {
      const run = await createMatchRun(services, DEMO_ACTOR, programId);
      const approved = await approveRun(services, DEMO_ACTOR, run.id);
      say(`approved ${approved.pairings} pairs`);
    }
    // Pairs approved earlier but not booked yet (a run stopped half-way) are picked up here.
    await queueProgramBookings(services, programId);
    const handlers = bookingJobHandlers(services);
    const runner = new JobRunner({ db: store.db, handlers, concurrency: 16, logger });
    await runJobsToCompletion(store.db, runner, Object.keys(handlers), { timeoutMs: 10 * 60_000 });
    const summary = await summarise(store.db, programId);
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  });
}
