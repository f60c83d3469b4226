CREATE TABLE "free_busy_cache" (
	"person_id" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"busy" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unknown_windows" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"unknown_reason" text,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "graph_subscriptions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organizer_id" text NOT NULL,
	"subscription_id" text,
	"client_state" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"pairing_id" uuid NOT NULL,
	"organizer_id" text NOT NULL,
	"transaction_id" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"request" jsonb NOT NULL,
	"event_id" text,
	"join_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "graph_subscriptions_organizer_uq" ON "graph_subscriptions" USING btree ("organizer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "graph_subscriptions_graph_id_uq" ON "graph_subscriptions" USING btree ("subscription_id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_events_transaction_uq" ON "session_events" USING btree ("transaction_id");--> statement-breakpoint
CREATE INDEX "session_events_session_idx" ON "session_events" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "session_events_pairing_idx" ON "session_events" USING btree ("pairing_id");