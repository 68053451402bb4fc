import type { Knex } from "knex";

/** The seeded themes; "hinder" has the barriers participants name as sub-themes. */
export const DEFAULT_THEMES: { name: string; children?: string[] }[] = [
  { name: "ensamhet" },
  { name: "aktiviteter" },
  { name: "lokal och öppettider" },
  { name: "personal" },
  { name: "hinder", children: ["dagsform", "mående", "SL-kort"] },
  { name: "förslag" },
  { name: "trygghet" },
  { name: "ekonomi" },
];

/**
 * Case managers' review of the feedback intake (0003): status, assignment, safety flag, themes,
 * internal comments, the quote bank and the staff's list of names to redact.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("feedback", (t) => {
    t.integer("assigned_to").nullable();
    t.boolean("flagged").notNullable().defaultTo(false);
    // The risk words that matched, or "manual"; kept after the flag is cleared, for the record.
    t.string("flag_reason", 500).nullable();
    t.string("flagged_at", 32).nullable();
    // Set once the risk word scan has looked at the item, so a cleared flag is never raised again.
    t.string("risk_scanned_at", 32).nullable();
    t.string("updated_at", 32).nullable();
  });
  await knex.schema.alterTable("feedback", (t) => {
    t.index(["program_id", "created_at"]);
    t.index(["flagged"]);
    t.index(["risk_scanned_at"]);
  });

  await knex.schema.createTable("feedback_themes", (t) => {
    t.increments("id").primary();
    t.string("name", 100).notNullable().unique();
    t.integer("parent_id").nullable().references("id").inTable("feedback_themes");
    t.integer("sort_order").notNullable().defaultTo(0);
    t.string("archived_at", 32).nullable();
    t.string("created_at", 32).notNullable();
  });

  await knex.schema.createTable("feedback_item_themes", (t) => {
    t.integer("feedback_id").notNullable().references("id").inTable("feedback").onDelete("CASCADE");
    t.integer("theme_id").notNullable().references("id").inTable("feedback_themes").onDelete("CASCADE");
    t.primary(["feedback_id", "theme_id"]);
    t.index(["theme_id"]);
  });

  await knex.schema.createTable("feedback_comments", (t) => {
    t.increments("id").primary();
    t.integer("feedback_id").notNullable().references("id").inTable("feedback").onDelete("CASCADE");
    t.integer("author_id").nullable().references("id").inTable("staff_users");
    // comment | flag_set | flag_cleared
    t.string("kind", 16).notNullable().defaultTo("comment");
    t.text("body").notNullable();
    t.string("created_at", 32).notNullable();
    t.index(["feedback_id", "created_at"]);
  });

  await knex.schema.createTable("quotes", (t) => {
    t.increments("id").primary();
    // One quote per feedback item, so a rejected quote cannot come back through the same item.
    t.integer("feedback_id").notNullable().unique().references("id").inTable("feedback").onDelete("CASCADE");
    // Always the redacted text; staff may mask more by hand before approving.
    t.text("text").notNullable();
    // candidate | approved | rejected
    t.string("status", 16).notNullable().defaultTo("candidate");
    t.integer("program_id").nullable().references("id").inTable("programs");
    t.integer("activity_id").nullable().references("id").inTable("activities");
    t.string("quote_date", 10).notNullable();
    t.integer("created_by").nullable().references("id").inTable("staff_users");
    t.string("created_at", 32).notNullable();
    t.string("updated_at", 32).notNullable();
    t.integer("decided_by").nullable().references("id").inTable("staff_users");
    t.string("decided_at", 32).nullable();
    t.string("decision_note", 1000).nullable();
    t.index(["status", "quote_date"]);
  });

  await knex.schema.createTable("quote_themes", (t) => {
    t.integer("quote_id").notNullable().references("id").inTable("quotes").onDelete("CASCADE");
    t.integer("theme_id").notNullable().references("id").inTable("feedback_themes").onDelete("CASCADE");
    t.primary(["quote_id", "theme_id"]);
  });

  await knex.schema.createTable("redaction_names", (t) => {
    t.increments("id").primary();
    t.string("name", 200).notNullable().unique();
    t.integer("created_by").nullable().references("id").inTable("staff_users");
    t.string("created_at", 32).notNullable();
  });

  const now = new Date().toISOString();
  let order = 0;
  for (const theme of DEFAULT_THEMES) {
    const [{ id }] = await knex("feedback_themes")
      .insert({ name: theme.name, sort_order: (order += 10), created_at: now })
      .returning("id");
    for (const child of theme.children ?? []) {
      await knex("feedback_themes").insert({ name: child, parent_id: id, sort_order: (order += 10), created_at: now });
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("redaction_names");
  await knex.schema.dropTable("quote_themes");
  await knex.schema.dropTable("quotes");
  await knex.schema.dropTable("feedback_comments");
  await knex.schema.dropTable("feedback_item_themes");
  await knex.schema.dropTable("feedback_themes");
  await knex.schema.alterTable("feedback", (t) => {
    t.dropIndex(["program_id", "created_at"]);
    t.dropIndex(["flagged"]);
    t.dropIndex(["risk_scanned_at"]);
    t.dropColumns("assigned_to", "flagged", "flag_reason", "flagged_at", "risk_scanned_at", "updated_at");
  });
}
