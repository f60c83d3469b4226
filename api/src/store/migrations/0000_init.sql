CREATE TABLE "data_problems" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"person_id" text NOT NULL,
	"kind" text NOT NULL,
	"detail" text NOT NULL,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"mail" text,
	"user_principal_name" text,
	"job_title" text,
	"department" text,
	"office_location" text,
	"hire_date" timestamp with time zone,
	"manager_id" text,
	"depth" integer,
	"org_size" integer DEFAULT 0 NOT NULL,
	"direct_reports" integer DEFAULT 0 NOT NULL,
	"time_zone" text,
	"working_hours" jsonb,
	"mailbox_synced_at" timestamp with time zone,
	"mailbox_error" text,
	"account_enabled" boolean DEFAULT true NOT NULL,
	"gone_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"key" text PRIMARY KEY NOT NULL,
	"delta_link" text,
	"last_full_sync_at" timestamp with time zone,
	"last_delta_sync_at" timestamp with time zone,
	"summary" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"checkpoint" jsonb,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 8 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"reason" text,
	"detail" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "booking_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pairing_id" uuid NOT NULL,
	"organizer_id" text NOT NULL,
	"attendee_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"transaction_id" text NOT NULL,
	"event_id" text,
	"join_url" text,
	"time_zone" text,
	"plan" jsonb,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"role" text NOT NULL,
	"suggested_role" text,
	"status" text DEFAULT 'active' NOT NULL,
	"topics_offered" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"topics_wanted" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"preferred_times" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text DEFAULT 'self' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pairings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"mentor_id" text NOT NULL,
	"leader_id" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"match_run_id" uuid,
	"score" integer,
	"explanation" text DEFAULT '' NOT NULL,
	"score_parts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"guide_track_id" text NOT NULL,
	"guide_track_version" text NOT NULL,
	"flag" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"rules" jsonb NOT NULL,
	"guide_track_id" text NOT NULL,
	"guide_track_version" text NOT NULL,
	"enrolment_opens_at" timestamp with time zone,
	"enrolment_closes_at" timestamp with time zone,
	"starts_on" text,
	"retention_months" integer DEFAULT 24 NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pairing_id" uuid NOT NULL,
	"series_id" uuid,
	"occurrence" integer NOT NULL,
	"guide_session_number" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"event_id" text,
	"join_url" text,
	"status_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "data_problems_open_uq" ON "data_problems" USING btree ("person_id","kind") WHERE "data_problems"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "people_manager_idx" ON "people" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "people_mail_idx" ON "people" USING btree (lower("mail"));--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_kind_key_uq" ON "jobs" USING btree ("kind","key");--> statement-breakpoint
CREATE INDEX "jobs_runnable_idx" ON "jobs" USING btree ("run_after","id") WHERE "jobs"."status" in ('queued', 'running');--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target_type","target_id");--> statement-breakpoint
CREATE UNIQUE INDEX "booking_series_transaction_uq" ON "booking_series" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "booking_series_pairing_idx" ON "booking_series" USING btree ("pairing_id");--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_program_person_uq" ON "enrolments" USING btree ("program_id","person_id");--> statement-breakpoint
CREATE INDEX "enrolments_person_idx" ON "enrolments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "pairings_program_idx" ON "pairings" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "pairings_mentor_idx" ON "pairings" USING btree ("mentor_id");--> statement-breakpoint
CREATE INDEX "pairings_leader_idx" ON "pairings" USING btree ("leader_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pairings_active_uq" ON "pairings" USING btree ("program_id","mentor_id","leader_id") WHERE "pairings"."status" <> 'ended';--> statement-breakpoint
CREATE UNIQUE INDEX "sessions_pairing_occurrence_uq" ON "sessions" USING btree ("pairing_id","occurrence");--> statement-breakpoint
CREATE INDEX "sessions_starts_idx" ON "sessions" USING btree ("starts_at");