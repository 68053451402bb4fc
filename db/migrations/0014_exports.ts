import type { Knex } from "knex";

// Research exports: who made one, when, with which filters, and the file's size and checksum (issue 12).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("exports", (t) => {
    t.increments("id").primary();
    t.integer("created_by").notNullable().references("id").inTable("staff_users");
    t.string("creator_role", 32).notNullable();
    t.string("created_at", 32).notNullable();
    t.string("finished_at", 32).nullable();
    // running | done | failed
    t.string("status", 16).notNullable();
    // The creator's id while running, else null: a unique index on it allows one running export per person
    // (NULLs never collide), which is what makes a second click harmless.
    t.integer("running_key").nullable().unique();
    t.string("survey_key", 64).notNullable();
    // JSON: campaign ids, free text, k.
    t.text("filters").notNullable();
    t.integer("k").notNullable();
    t.boolean("free_text").notNullable().defaultTo(false);
    t.integer("row_count").nullable();
    t.integer("column_count").nullable();
    t.integer("suppressed_cells").nullable();
    t.integer("dropped_rows").nullable();
    t.string("checksum", 64).nullable();
    t.bigInteger("size_bytes").nullable();
    // The ZIP's name in the export directory: random, so parallel databases never share a name.
    t.string("file_name", 100).nullable();
    t.string("error", 200).nullable();
    t.index(["created_by", "created_at"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("exports");
}
