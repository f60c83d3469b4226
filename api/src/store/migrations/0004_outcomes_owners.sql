CREATE TABLE "program_owners" (
	"program_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"role" text NOT NULL,
	"phase" text NOT NULL,
	"instrument_key" text NOT NULL,
	"instrument_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "program_owners_program_person_uq" ON "program_owners" USING btree ("program_id","person_id");--> statement-breakpoint
CREATE INDEX "program_owners_person_idx" ON "program_owners" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_program_person_phase_uq" ON "survey_responses" USING btree ("program_id","person_id","phase");--> statement-breakpoint
CREATE INDEX "survey_responses_person_idx" ON "survey_responses" USING btree ("person_id");--> statement-breakpoint
-- Programs created before owners existed: their creator owns them (at-risk nudges went to them).
INSERT INTO "program_owners" ("program_id", "person_id", "added_by", "added_at") SELECT "id", "created_by", "created_by", "created_at" FROM "programs" ON CONFLICT DO NOTHING;
