import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  // Each distinct content of a survey file, stored the first time it is used, so old responses stay readable.
  await knex.schema.createTable("survey_versions", (t) => {
    t.increments("id").primary();
    t.string("survey_key", 64).notNullable();
    t.string("hash", 64).notNullable().unique();
    t.text("json").notNullable();
    t.string("title", 300).notNullable();
    t.string("created_at", 32).notNullable();
    t.index(["survey_key"]);
  });

  await knex.schema.createTable("campaigns", (t) => {
    t.increments("id").primary();
    t.string("code", 16).notNullable().unique();
    t.string("survey_key", 64).notNullable();
    t.string("title", 200).notNullable();
    t.integer("program_id").notNullable().references("id").inTable("programs");
    t.integer("activity_id").nullable().references("id").inTable("activities");
    // Calendar dates in Stockholm, both inclusive.
    t.string("opens_on", 10).notNullable();
    t.string("closes_on", 10).notNullable();
    // anonymous | participant_code
    t.string("mode", 20).notNullable().defaultTo("anonymous");
    t.boolean("kiosk").notNullable().defaultTo(false);
    t.integer("created_by").nullable().references("id").inTable("staff_users");
    t.string("created_at", 32).notNullable();
    t.string("updated_at", 32).notNullable();
  });

  await knex.schema.createTable("responses", (t) => {
    // The client's UUID: the idempotency key of a submission.
    t.string("id", 36).primary();
    t.integer("campaign_id").notNullable().references("id").inTable("campaigns");
    t.integer("survey_version_id").notNullable().references("id").inTable("survey_versions");
    t.string("submitted_at", 32).notNullable();
    t.string("locale", 5).notNullable();
    // phone | kiosk | staff
    t.string("channel", 10).notNullable();
    t.boolean("staff_assisted").notNullable().defaultTo(false);
    t.string("participant_code_hmac", 64).nullable();
    t.text("answers").notNullable();
    t.index(["campaign_id", "submitted_at"]);
    t.index(["participant_code_hmac"]);
  });

  // One row per answered value, for aggregation in SQL (a checkbox gives one row per chosen value).
  await knex.schema.createTable("response_answers", (t) => {
    t.increments("id").primary();
    t.string("response_id", 36).notNullable().references("id").inTable("responses").onDelete("CASCADE");
    t.string("question", 64).notNullable();
    t.text("value_text").nullable();
    t.double("value_num").nullable();
    t.index(["response_id"]);
    t.index(["question"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("response_answers");
  await knex.schema.dropTable("responses");
  await knex.schema.dropTable("campaigns");
  await knex.schema.dropTable("survey_versions");
}
