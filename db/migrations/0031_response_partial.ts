import type { Knex } from "knex";

// On a shared tablet, a person who walks away leaves answers behind. Where the survey allows it, what they answered
// is sent as a partial response (decision 0032): stored, marked, and kept out of the outcome figures and the export.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.boolean("partial").notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.dropColumn("partial");
  });
}
