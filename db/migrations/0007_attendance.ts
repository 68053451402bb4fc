import type { Knex } from "knex";

// Attendance counts by gender category, enrolment per programme, and optional participant-code ticks.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("activities", (t) => {
    // Null: open to every programme of the partnership. No foreign key: SQLite cannot add one to an existing table.
    t.integer("program_id").nullable();
  });

  await knex.schema.createTable("attendance", (t) => {
    t.increments("id").primary();
    t.string("date", 10).notNullable();
    // Null: the day's drop-in visits, not tied to an activity.
    t.integer("activity_id").nullable().references("id").inTable("activities").onDelete("RESTRICT");
    // "a<id>" or "drop-in": NULLs never collide in a unique index, so this key carries the one-per-day rule.
    t.string("slot", 32).notNullable();
    t.integer("women").notNullable().defaultTo(0);
    t.integer("men").notNullable().defaultTo(0);
    t.integer("other").notNullable().defaultTo(0);
    t.integer("not_stated").notNullable().defaultTo(0);
    t.integer("first_time").nullable();
    t.text("note").notNullable().defaultTo("");
    t.string("source", 16).notNullable().defaultTo("form");
    t.integer("created_by").nullable().references("id").inTable("staff_users").onDelete("SET NULL");
    t.string("created_at", 32).notNullable();
    t.integer("updated_by").nullable().references("id").inTable("staff_users").onDelete("SET NULL");
    t.string("updated_at", 32).notNullable();
    t.unique(["date", "slot"]);
    t.index(["activity_id"]);
  });

  await knex.schema.createTable("attendance_codes", (t) => {
    t.integer("attendance_id").notNullable().references("id").inTable("attendance").onDelete("CASCADE");
    t.string("code_hmac", 64).notNullable();
    t.primary(["attendance_id", "code_hmac"]);
    t.index(["code_hmac"]);
  });

  await knex.schema.createTable("enrolments", (t) => {
    t.increments("id").primary();
    t.integer("program_id").notNullable().references("id").inTable("programs").onDelete("CASCADE");
    t.string("on_date", 10).notNullable();
    t.integer("women").notNullable().defaultTo(0);
    t.integer("men").notNullable().defaultTo(0);
    t.integer("other").notNullable().defaultTo(0);
    t.integer("not_stated").notNullable().defaultTo(0);
    t.integer("created_by").nullable().references("id").inTable("staff_users").onDelete("SET NULL");
    t.string("created_at", 32).notNullable();
    t.unique(["program_id", "on_date"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("enrolments");
  await knex.schema.dropTable("attendance_codes");
  await knex.schema.dropTable("attendance");
  await knex.schema.alterTable("activities", (t) => {
    t.dropColumn("program_id");
  });
}
