import type { Knex } from "knex";

// Portable across SQLite and PostgreSQL: times are ISO-8601 UTC text, dates YYYY-MM-DD text (docs/decisions/0003).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("programs", (t) => {
    t.increments("id").primary();
    t.string("slug", 64).notNullable().unique();
    t.string("name", 200).notNullable();
    t.string("created_at", 32).notNullable();
  });

  await knex.schema.createTable("staff_users", (t) => {
    t.increments("id").primary();
    t.string("email", 254).notNullable().unique();
    t.string("name", 200).notNullable();
    t.string("role", 32).notNullable();
    t.string("password_hash", 300).notNullable();
    t.boolean("disabled").notNullable().defaultTo(false);
    // Bumped on password reset or disabling, so open sessions stop working at their next request.
    t.integer("session_version").notNullable().defaultTo(1);
    t.string("created_at", 32).notNullable();
    t.string("updated_at", 32).notNullable();
  });

  await knex.schema.createTable("staff_programs", (t) => {
    t.integer("staff_id").notNullable().references("id").inTable("staff_users").onDelete("CASCADE");
    t.integer("program_id").notNullable().references("id").inTable("programs").onDelete("CASCADE");
    t.primary(["staff_id", "program_id"]);
  });

  await knex.schema.createTable("audit_log", (t) => {
    t.increments("id").primary();
    t.string("at", 32).notNullable().index();
    t.integer("actor_id").nullable();
    t.string("actor_email", 254).nullable();
    t.string("action", 64).notNullable().index();
    t.string("entity_type", 64).nullable();
    t.string("entity_id", 64).nullable();
    t.string("ip", 64).nullable();
    t.text("details").nullable();
  });

  await knex.schema.createTable("login_attempts", (t) => {
    t.increments("id").primary();
    t.string("at", 32).notNullable();
    t.string("email", 254).notNullable();
    t.string("ip", 64).notNullable();
    t.boolean("success").notNullable();
    t.index(["email", "at"]);
    t.index(["ip", "at"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("login_attempts");
  await knex.schema.dropTable("audit_log");
  await knex.schema.dropTable("staff_programs");
  await knex.schema.dropTable("staff_users");
  await knex.schema.dropTable("programs");
}
