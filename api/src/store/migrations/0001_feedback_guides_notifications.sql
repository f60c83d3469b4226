CREATE TABLE "guide_tracks" (
	"id" text NOT NULL,
	"version" text NOT NULL,
	"hash" text NOT NULL,
	"content" jsonb NOT NULL,
	"source" text NOT NULL,
	"parent_id" text,
	"parent_version" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guide_tracks_id_version_pk" PRIMARY KEY("id","version")
);
--> statement-breakpoint
CREATE TABLE "check_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"pairing_id" uuid NOT NULL,
	"person_id" text NOT NULL,
	"held" boolean,
	"usefulness" integer,
	"safety" integer,
	"reflection" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commitments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"pairing_id" uuid NOT NULL,
	"author_id" text NOT NULL,
	"text" text NOT NULL,
	"due_on" text,
	"done" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_settings" (
	"person_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"quiet_start" text DEFAULT '20:00' NOT NULL,
	"quiet_end" text DEFAULT '08:00' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"pairing_id" uuid,
	"dedupe_key" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"text" text NOT NULL,
	"link" text,
	"template_parameters" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scheduled_for" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "check_ins_session_person_uq" ON "check_ins" USING btree ("session_id","person_id");--> statement-breakpoint
CREATE INDEX "check_ins_person_idx" ON "check_ins" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "check_ins_pairing_idx" ON "check_ins" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "commitments_pairing_idx" ON "commitments" USING btree ("pairing_id");--> statement-breakpoint
CREATE INDEX "commitments_author_idx" ON "commitments" USING btree ("author_id");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_dedupe_uq" ON "notifications" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "notifications_person_idx" ON "notifications" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_pairing_idx" ON "notifications" USING btree ("pairing_id");