import type { Knex } from "knex";

/**
 * Follow-up reports: the generated draft (figures, sections, tables, charts) as JSON, the staff's edits per
 * section, and every version kept. A finalised report renders only from what is stored here, so it reads
 * the same after the data changes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("reports", (t) => {
    t.increments("id").primary();
    t.string("title", 200).notNullable();
    t.string("period_from", 10).notNullable();
    t.string("period_to", 10).notNullable();
    // JSON array of programme ids; a report covers few programmes and is read whole.
    t.text("program_ids").notNullable();
    // draft | final
    t.string("status", 16).notNullable().defaultTo("draft");
    t.text("draft").notNullable();
    // JSON array of quote ids chosen by the coordinator; null: the first of the period.
    t.text("chosen_quote_ids").nullable();
    t.integer("version").notNullable().defaultTo(1);
    t.integer("created_by").nullable().references("id").inTable("staff_users").onDelete("SET NULL");
    t.string("created_at", 32).notNullable();
    t.string("updated_at", 32).notNullable();
    t.string("generated_at", 32).notNullable();
    t.integer("finalised_by").nullable().references("id").inTable("staff_users").onDelete("SET NULL");
    t.string("finalised_at", 32).nullable();
    t.index(["created_at"]);
  });
  await knex.schema.createTable("report_sections", (t) => {
    t.integer("report_id").notNullable().references("id").inTable("reports").onDelete("CASCADE");
    t.string("section_key", 32).notNullable();
    t.text("edited_text").nullable();
    t.integer("edited_by").nullable().references("id").inTable("staff_users").onDelete("SET NULL");
    t.string("edited_at", 32).nullable();
    // JSON {figureKey: text}: the figures the generated text stated when the staff member edited it.
    t.text("edited_figures").nullable();
    // The figures behind an edited section changed on regeneration; JSON list of what changed.
    t.boolean("stale").notNullable().defaultTo(false);
    t.text("changed_figures").nullable();
    t.primary(["report_id", "section_key"]);
  });
  await knex.schema.createTable("report_versions", (t) => {
    t.increments("id").primary();
    t.integer("report_id").notNullable().references("id").inTable("reports").onDelete("CASCADE");
    t.integer("version").notNullable();
    // create | edit | reset | regenerate | quotes | finalise
    t.string("action", 16).notNullable();
    t.string("section_key", 32).nullable();
    t.integer("created_by").nullable().references("id").inTable("staff_users").onDelete("SET NULL");
    t.string("created_at", 32).notNullable();
    // JSON: the draft and the edited sections as they stood after the action.
    t.text("snapshot").notNullable();
    t.unique(["report_id", "version"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("report_versions");
  await knex.schema.dropTable("report_sections");
  await knex.schema.dropTable("reports");
}
