import type { Knex } from "knex";

// A response finished while the campaign was open but arriving after it closed (a phone that was offline) is
// stored and marked late, so the figures can include or leave it out knowingly.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.boolean("late").notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("responses", (t) => {
    t.dropColumn("late");
  });
}
