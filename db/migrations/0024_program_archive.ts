import type { Knex } from "knex";

// Programmes are added, renamed and archived by admins (issue 10, point 15). An archived programme leaves the
// pickers but keeps its history, so it is marked, never deleted while anything refers to it. `version` lets a
// rename or archive made on a stale page be refused (409) instead of overwriting someone else's change.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("programs", (t) => {
    t.string("archived_at", 32).nullable();
    t.integer("version").notNullable().defaultTo(1);
  });
}

export async function down(knex: Knex): Promise<void> {
  // Plain DROP COLUMN (SQLite 3.35+, PostgreSQL): the schema builder would copy and drop the table on SQLite,
  // and dropping `programs` inside the migration's transaction cascades to staff scopes and enrolment.
  await knex.raw("ALTER TABLE programs DROP COLUMN version");
  await knex.raw("ALTER TABLE programs DROP COLUMN archived_at");
}
