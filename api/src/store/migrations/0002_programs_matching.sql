CREATE TABLE "match_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"mentor_id" text NOT NULL,
	"leader_id" text,
	"reason" text NOT NULL,
	"actor_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"pairs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"left_out" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by" text,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "rematch_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"pairing_id" uuid NOT NULL,
	"source" text NOT NULL,
	"affected_person_id" text NOT NULL,
	"requested_by" text,
	"reason" text NOT NULL,
	"candidates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "enrolment_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"suggested_role" text,
	"invited_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "match_overrides_program_idx" ON "match_overrides" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "match_runs_program_idx" ON "match_runs" USING btree ("program_id");--> statement-breakpoint
CREATE INDEX "rematch_requests_program_idx" ON "rematch_requests" USING btree ("program_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rematch_requests_open_uq" ON "rematch_requests" USING btree ("pairing_id","source","affected_person_id") WHERE "rematch_requests"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "enrolment_invitations_program_person_uq" ON "enrolment_invitations" USING btree ("program_id","person_id");--> statement-breakpoint
CREATE INDEX "enrolment_invitations_person_idx" ON "enrolment_invitations" USING btree ("person_id");