import type { Knex } from "knex";

// Workshop notes from phones get limits and an optional review step (issue 11, point 10). A note remembers a
// keyed hash of the sender's address (never the address itself) so notes per address can be counted; the
// facilitator can hold new notes for review, and a held note shows nowhere public until it is approved.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("workshops", (t) => {
    t.boolean("hold_notes").notNullable().defaultTo(false);
  });
  await knex.schema.alterTable("workshop_notes", (t) => {
    t.boolean("held").notNullable().defaultTo(false);
    t.string("address_key", 32).nullable();
    t.index(["workshop_id", "address_key", "created_at"], "workshop_notes_address_idx");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("workshop_notes", (t) => {
    t.dropIndex(["workshop_id", "address_key", "created_at"], "workshop_notes_address_idx");
    t.dropColumn("address_key");
    t.dropColumn("held");
  });
  await knex.schema.alterTable("workshops", (t) => {
    t.dropColumn("hold_notes");
  });
}
