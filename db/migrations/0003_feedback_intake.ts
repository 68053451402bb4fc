import type { Knex } from "knex";

/**
 * The feedback intake: every free text that reaches staff — the "tyck till" form, survey answers tagged
 * `"feedback": true`, workshop notes a facilitator sends, notes staff write — lands here once.
 * Laid in the foundation so each source can write to it whichever feature lands first.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("feedback", (t) => {
    t.increments("id").primary();
    // form | survey | workshop | staff
    t.string("source", 16).notNullable();
    // Where it came from within the source (e.g. "response:<uuid>:<question>"); makes intake idempotent.
    t.string("source_ref", 200).nullable();
    t.integer("program_id").nullable().references("id").inTable("programs");
    t.integer("activity_id").nullable().references("id").inTable("activities");
    t.text("text").notNullable();
    // The person agreed to be quoted anonymously (survey question, form tick box, recorded verbal consent).
    t.boolean("consent_to_quote").notNullable().defaultTo(false);
    t.string("consent_note", 500).nullable();
    // "I want someone to contact me": a name or phone number only the programme's staff may see.
    t.text("contact").nullable();
    t.integer("created_by").nullable().references("id").inTable("staff_users");
    t.string("status", 16).notNullable().defaultTo("ny");
    t.string("created_at", 32).notNullable().index();
    t.unique(["source", "source_ref"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("feedback");
}
