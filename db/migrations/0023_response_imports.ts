import type { Knex } from "knex";

// An earlier wave imported from a CSV file (decision 0026): one row per import, tied to the closed campaign it
// created. The file's SHA-256 is unique, so the same file imported twice is refused by the database itself, even
// when two people press "Importera" at the same moment. The responses carry channel "import"; paper
// questionnaires typed in by staff carry channel "paper" (the channel column already takes both).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("response_imports", (t) => {
    t.increments("id").primary();
    t.integer("campaign_id").notNullable().unique().references("id").inTable("campaigns").onDelete("CASCADE");
    t.integer("survey_version_id").notNullable().references("id").inTable("survey_versions");
    t.string("file_name", 200).notNullable();
    t.string("file_sha256", 64).notNullable().unique();
    t.integer("row_count").notNullable();
    t.integer("created_by").nullable().references("id").inTable("staff_users").onDelete("SET NULL");
    t.string("created_at", 32).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("response_imports");
}
