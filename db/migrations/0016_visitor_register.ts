import type { Knex } from "knex";

// The pseudonymous visitor register (a participant-code HMAC with the gender and programme stated once),
// self check-ins stored once by their device id, and app settings (kiosk PIN, register retention).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("visitors", (t) => {
    t.increments("id").primary();
    t.string("code_hmac", 64).notNullable().unique();
    // women | men | other | notStated, as in attendance
    t.string("gender", 16).notNullable();
    // Null: the person did not say, or belongs to no programme of the partnership.
    t.integer("program_id").nullable().references("id").inTable("programs").onDelete("SET NULL");
    t.string("first_visit_on", 10).nullable();
    t.string("last_visit_on", 10).nullable().index();
    // staff | kiosk | import | demo
    t.string("source", 16).notNullable().defaultTo("staff");
    t.string("created_at", 32).notNullable();
  });

  await knex.schema.createTable("kiosk_checkins", (t) => {
    // The id the tablet gave the check-in, so a retry after a dropped connection is stored once.
    t.string("id", 64).primary();
    t.integer("attendance_id").nullable().references("id").inTable("attendance").onDelete("SET NULL");
    t.string("device_id", 64).notNullable();
    t.string("created_at", 32).notNullable();
  });

  await knex.schema.createTable("app_settings", (t) => {
    t.string("key", 64).primary();
    t.text("value").notNullable();
    t.string("updated_at", 32).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("app_settings");
  await knex.schema.dropTable("kiosk_checkins");
  await knex.schema.dropTable("visitors");
}
