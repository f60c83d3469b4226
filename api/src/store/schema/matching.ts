import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, uuidKey } from './columns.js';
import type { Role } from './programs.js';
import { OVERRIDE_KINDS, type MatchRunView, type OverrideKind } from '../../contract/index.js';

export type { OverrideKind };

export type MatchRunStatus = 'proposed' | 'approved' | 'superseded';
export type LeftOutReasonCode =
  'no-compatible-partner' | 'capacity' | 'constraint' | 'removed-by-admin';

/** One proposed pair as a run stored it (people are looked up again when shown). */
export interface StoredProposedPair {
  mentorId: string;
  leaderId: string;
  score: number;
  scoreParts: Record<string, number>;
  explanation: string;
  pinned: boolean;
}

export interface StoredLeftOut {
  personId: string;
  role: Role;
  reasonCode: LeftOutReasonCode;
  reason: string;
}

/** A run's summary, stored as the API shows it. */
export type StoredRunSummary = MatchRunView['summary'];

/**
 * A proposal of pairs for a program. Re-solving after an override rewrites the proposal in place;
 * a new run supersedes the older proposed ones. Only an approved run ever becomes pairings.
 */
export const matchRuns = pgTable(
  'match_runs',
  {
    id: uuidKey(),
    programId: uuid('program_id').notNull(),
    status: text('status').$type<MatchRunStatus>().notNull().default('proposed'),
    pairs: jsonb('pairs').$type<StoredProposedPair[]>().notNull().default([]),
    leftOut: jsonb('left_out').$type<StoredLeftOut[]>().notNull().default([]),
    summary: jsonb('summary').$type<StoredRunSummary>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    approvedBy: text('approved_by'),
    approvedAt: instant('approved_at'),
  },
  (t) => [index('match_runs_program_idx').on(t.programId)],
);

/**
 * An admin's manual change to matching, kept per program so that every later run honours it.
 * Applied in creation order; a later override of the same mentor replaces an earlier pin.
 */
export const matchOverrides = pgTable(
  'match_overrides',
  {
    id: uuidKey(),
    programId: uuid('program_id').notNull(),
    /** The run the admin was looking at when making the change. */
    runId: uuid('run_id').notNull(),
    kind: text('kind', { enum: OVERRIDE_KINDS }).notNull(),
    mentorId: text('mentor_id').notNull(),
    leaderId: text('leader_id'),
    reason: text('reason').notNull(),
    actorId: text('actor_id').notNull(),
    createdAt: createdAt(),
    /**
     * The order admins made their changes in. Two changes can share a timestamp (a fixed clock,
     * or two in one millisecond), and the fold lets a later change win, so order needs its own
     * column.
     */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [index('match_overrides_program_idx').on(t.programId)],
);

/**
 * Why someone needs a new partner: they asked, a re-org put the two in one reporting line, their
 * partner left (the program or the organisation), or their partner was moved to a new pair.
 */
export type RematchSource = 'member' | 'reporting-line' | 'departure' | 'partner-moved';
export type RematchStatus = 'open' | 'resolved';

/**
 * A pairing that needs a new partner for someone: asked for by a member, or found by the
 * re-evaluation after an org sync (the two now share a reporting line, or one has left).
 * `candidates` is the proposal for the affected person only; the partner keeps their enrolment.
 */
export const rematchRequests = pgTable(
  'rematch_requests',
  {
    id: uuidKey(),
    programId: uuid('program_id').notNull(),
    pairingId: uuid('pairing_id').notNull(),
    source: text('source').$type<RematchSource>().notNull(),
    /** The person who needs a new partner (the one still in the program). */
    affectedPersonId: text('affected_person_id').notNull(),
    requestedBy: text('requested_by'),
    reason: text('reason').notNull(),
    candidates: jsonb('candidates')
      .$type<{ personId: string; score: number; explanation: string }[]>()
      .notNull()
      .default([]),
    status: text('status').$type<RematchStatus>().notNull().default('open'),
    createdAt: createdAt(),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [
    index('rematch_requests_program_idx').on(t.programId),
    uniqueIndex('rematch_requests_open_uq')
      .on(t.pairingId, t.source, t.affectedPersonId)
      .where(sql`${t.status} = 'open'`),
  ],
);
