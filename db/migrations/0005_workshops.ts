import type { Knex } from "knex";

/**
 * Framtidsverkstad: sessions, participants (a hashed device token or a paper stand-in), notes and themes per
 * phase, dot votings with a per-participant ballot row whose counter is the budget guard, and proposals with
 * their status history.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("workshops", (t) => {
    t.increments("id").primary();
    t.string("code", 16).notNullable().unique();
    t.string("title", 200).notNullable();
    t.string("held_on", 10).notNullable();
    t.string("place", 200).notNullable().defaultTo("");
    t.integer("program_id").nullable().references("id").inTable("programs");
    // forberedelse | kritik | fantasi | forverkligande | avslutad
    t.string("phase", 16).notNullable().defaultTo("forberedelse");
    // Opens the projector board without a staff login.
    t.string("board_key", 64).notNullable().unique();
    t.integer("facilitator_id").nullable().references("id").inTable("staff_users");
    t.string("created_at", 32).notNullable();
    t.string("updated_at", 32).notNullable();
  });

  await knex.schema.createTable("workshop_followups", (t) => {
    t.integer("workshop_id").notNullable().references("id").inTable("workshops").onDelete("CASCADE");
    t.integer("follows_id").notNullable().references("id").inTable("workshops").onDelete("CASCADE");
    t.primary(["workshop_id", "follows_id"]);
  });

  await knex.schema.createTable("workshop_participants", (t) => {
    t.increments("id").primary();
    t.integer("workshop_id").notNullable().references("id").inTable("workshops").onDelete("CASCADE");
    // device: a phone with the HttpOnly token cookie (only its SHA-256 is kept); paper: added by the facilitator
    t.string("kind", 8).notNullable().defaultTo("device");
    t.string("token_hash", 64).nullable();
    t.string("nickname", 40).nullable();
    t.string("created_at", 32).notNullable();
    t.unique(["workshop_id", "token_hash"]);
  });

  await knex.schema.createTable("workshop_themes", (t) => {
    t.increments("id").primary();
    t.integer("workshop_id").notNullable().references("id").inTable("workshops").onDelete("CASCADE");
    t.string("phase", 16).notNullable();
    t.string("title", 120).notNullable();
    t.string("created_at", 32).notNullable();
  });

  await knex.schema.createTable("workshop_notes", (t) => {
    t.increments("id").primary();
    t.integer("workshop_id").notNullable().references("id").inTable("workshops").onDelete("CASCADE");
    t.string("phase", 16).notNullable();
    t.integer("participant_id").nullable().references("id").inTable("workshop_participants").onDelete("SET NULL");
    t.text("text").notNullable();
    t.integer("theme_id").nullable().references("id").inTable("workshop_themes").onDelete("SET NULL");
    // Hidden notes stay for the record but leave the board and the votes.
    t.boolean("hidden").notNullable().defaultTo(false);
    // phone | facilitator (typed in for someone) | paper (a paper card typed in)
    t.string("channel", 12).notNullable().defaultTo("phone");
    t.integer("entered_by").nullable().references("id").inTable("staff_users");
    t.integer("feedback_id").nullable().references("id").inTable("feedback");
    t.string("created_at", 32).notNullable();
    t.string("updated_at", 32).notNullable();
    t.index(["workshop_id", "phase"]);
  });

  await knex.schema.createTable("workshop_votings", (t) => {
    t.increments("id").primary();
    t.integer("workshop_id").notNullable().references("id").inTable("workshops").onDelete("CASCADE");
    // critique_themes | fantasy_notes
    t.string("target", 20).notNullable();
    t.integer("dots").notNullable();
    t.string("opened_at", 32).notNullable();
    t.string("closed_at", 32).nullable();
    t.integer("opened_by").nullable().references("id").inTable("staff_users");
  });

  // One row per participant and voting; `used` only grows under a conditional UPDATE, so it cannot pass `dots`.
  await knex.schema.createTable("workshop_ballots", (t) => {
    t.increments("id").primary();
    t.integer("voting_id").notNullable().references("id").inTable("workshop_votings").onDelete("CASCADE");
    t.integer("participant_id").notNullable().references("id").inTable("workshop_participants").onDelete("CASCADE");
    t.integer("used").notNullable().defaultTo(0);
    t.unique(["voting_id", "participant_id"]);
  });

  await knex.schema.createTable("workshop_votes", (t) => {
    t.increments("id").primary();
    t.integer("voting_id").notNullable().references("id").inTable("workshop_votings").onDelete("CASCADE");
    t.integer("participant_id").notNullable().references("id").inTable("workshop_participants").onDelete("CASCADE");
    // theme | note
    t.string("item_type", 8).notNullable();
    t.integer("item_id").notNullable();
    t.integer("cast_by").nullable().references("id").inTable("staff_users");
    t.string("created_at", 32).notNullable();
    t.index(["voting_id", "item_type", "item_id"]);
  });

  await knex.schema.createTable("proposals", (t) => {
    t.increments("id").primary();
    t.integer("workshop_id").notNullable().references("id").inTable("workshops").onDelete("CASCADE");
    t.integer("note_id").nullable().references("id").inTable("workshop_notes").onDelete("SET NULL");
    t.integer("theme_id").nullable().references("id").inTable("workshop_themes").onDelete("SET NULL");
    t.string("title", 200).notNullable();
    t.text("what").notNullable();
    t.string("who", 200).notNullable().defaultTo("");
    t.string("due_on", 10).nullable();
    // foreslagen | planerad | pagar | genomford | ej_genomforbar
    t.string("status", 16).notNullable().defaultTo("foreslagen");
    t.integer("created_by").nullable().references("id").inTable("staff_users");
    t.string("created_at", 32).notNullable();
    t.string("status_changed_at", 32).notNullable().index();
  });

  await knex.schema.createTable("proposal_status_changes", (t) => {
    t.increments("id").primary();
    t.integer("proposal_id").notNullable().references("id").inTable("proposals").onDelete("CASCADE");
    t.string("status", 16).notNullable();
    t.text("comment").notNullable().defaultTo("");
    t.integer("changed_by").nullable().references("id").inTable("staff_users");
    t.string("changed_at", 32).notNullable();
    t.index(["proposal_id", "changed_at"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    "proposal_status_changes",
    "proposals",
    "workshop_votes",
    "workshop_ballots",
    "workshop_votings",
    "workshop_notes",
    "workshop_themes",
    "workshop_participants",
    "workshop_followups",
    "workshops",
  ]) {
    await knex.schema.dropTable(table);
  }
}
