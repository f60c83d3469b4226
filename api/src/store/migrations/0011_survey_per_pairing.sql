DROP INDEX "survey_responses_program_person_phase_uq";--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "pairing_id" uuid;--> statement-breakpoint
-- Each end answer given before the end survey was per pairing is about the pairing it was asked
-- about then: the person's latest pairing in that program that had started when the answer was
-- last saved (the survey only opened once that pairing ended or its sessions were over). An
-- answer about a pairing that ended early is therefore attached to that pairing, not to the
-- rematch that started after it. Answers with no such pairing (nobody to pair with before the
-- program closed) keep a null pairing, as do baselines.
UPDATE "survey_responses" AS r SET "pairing_id" = (
  SELECT p."id" FROM "pairings" AS p
  WHERE p."program_id" = r."program_id"
    AND r."person_id" IN (p."mentor_id", p."leader_id")
    AND p."started_at" <= r."updated_at"
  ORDER BY p."started_at" DESC, p."id" DESC
  LIMIT 1
) WHERE r."phase" = 'end';--> statement-breakpoint
-- The end survey's nudge is now once per pairing ("<program>:end:<pairing>"): a nudge already
-- sent names the pairing it was about by the same rule, so it is not sent again.
UPDATE "notifications" AS n SET
  "subject_id" = n."subject_id" || ':' || x."pairing_id",
  "dedupe_key" = n."dedupe_key" || ':' || x."pairing_id",
  "pairing_id" = x."pairing_id"
FROM (
  SELECT o."id", (
    SELECT p."id" FROM "pairings" AS p
    WHERE p."program_id"::text = split_part(o."subject_id", ':', 1)
      AND o."person_id" IN (p."mentor_id", p."leader_id")
      AND p."started_at" <= o."created_at"
    ORDER BY p."started_at" DESC, p."id" DESC
    LIMIT 1
  ) AS "pairing_id"
  FROM "notifications" AS o
  WHERE o."kind" = 'surveyWaiting' AND o."subject_id" LIKE '%:end'
) AS x
WHERE n."id" = x."id" AND x."pairing_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_pairing_person_phase_uq" ON "survey_responses" USING btree ("pairing_id","person_id","phase") WHERE "survey_responses"."pairing_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_responses_program_person_phase_uq" ON "survey_responses" USING btree ("program_id","person_id","phase") WHERE "survey_responses"."pairing_id" is null;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD CONSTRAINT "survey_responses_baseline_no_pairing" CHECK ("survey_responses"."phase" = 'end' or "survey_responses"."pairing_id" is null);