import type { Knex } from "knex";

// Server-side staff sessions, a per-database secret, a forced password change, and collapsed audit rows.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("staff_sessions", (t) => {
    t.increments("id").primary();
    // SHA-256 of the cookie's random token: a copy of the database opens no session.
    t.string("token_hash", 64).notNullable().unique();
    t.integer("staff_id").notNullable().references("id").inTable("staff_users").onDelete("CASCADE");
    // The person's session_version at login: a password reset or disabling (which bump it) ends the session.
    t.integer("session_version").notNullable();
    t.string("created_at", 32).notNullable();
    t.string("last_seen_at", 32).notNullable();
    t.string("expires_at", 32).notNullable();
    t.string("ended_at", 32).nullable();
    t.string("ended_reason", 32).nullable();
    t.string("ip", 64).nullable();
    t.string("user_agent", 200).nullable();
    t.index(["staff_id", "ended_at"]);
  });

  await knex.schema.createTable("app_secrets", (t) => {
    t.string("name", 64).primary();
    t.string("value", 200).notNullable();
    t.string("created_at", 32).notNullable();
  });

  await knex.schema.alterTable("staff_users", (t) => {
    // Set when an admin sets a temporary password; the next login must choose a new one.
    t.boolean("must_change_password").notNullable().defaultTo(false);
  });

  await knex.schema.alterTable("audit_log", (t) => {
    // Repeated refusals of the same kind collapse into one row: how many, and when the last one was.
    t.integer("repeat_count").notNullable().defaultTo(1);
    t.string("last_at", 32).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("audit_log", (t) => {
    t.dropColumn("last_at");
    t.dropColumn("repeat_count");
  });
  await knex.schema.alterTable("staff_users", (t) => {
    t.dropColumn("must_change_password");
  });
  await knex.schema.dropTable("app_secrets");
  await knex.schema.dropTable("staff_sessions");
}
