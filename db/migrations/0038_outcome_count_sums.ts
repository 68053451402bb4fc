import type { Knex } from "knex";

/**
 * Stored sums of the outcome figures, one set per campaign (decision 0049). `outcome_counts` holds a wave's answer
 * counts by question, value and every breakdown axis (gender, programme, channel) as the figures' own SQL computed
 * them; `outcome_count_versions` holds the campaign's version, which every change to its responses or answer rows
 * bumps (the triggers below, in the writing transaction itself), and the version and question set the sums were
 * counted at. The page reads the sums when the two versions agree and counts again otherwise, so a closed wave is
 * summed once. A campaign has a version row only once its sums were asked for: a write to any other campaign's
 * responses updates nothing.
 *
 * SQLite fires a trigger per row: one on each response written, and on answer rows only when they are changed or
 * deleted (an answer row is only ever inserted with its response, in one transaction, so the response's trigger
 * covers it and a submission pays one small update per response, not one per answer). PostgreSQL fires one per
 * statement over its transition tables, answer-row inserts included.
 */
const SQLITE_TRIGGERS = [
  ["responses", "insert", ["new"]],
  ["responses", "update", ["old", "new"]],
  ["responses", "delete", ["old"]],
  ["response_answers", "update", ["old", "new"]],
  ["response_answers", "delete", ["old"]],
] as const;

const PG_TRIGGERS = [
  ["responses", "insert", "referencing new table as new_rows"],
  ["responses", "update", "referencing old table as old_rows new table as new_rows"],
  ["responses", "delete", "referencing old table as old_rows"],
  ["response_answers", "insert", "referencing new table as new_rows"],
  ["response_answers", "update", "referencing old table as old_rows new table as new_rows"],
  ["response_answers", "delete", "referencing old table as old_rows"],
] as const;

const isPg = (knex: Knex) => knex.client.config.client === "pg";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("outcome_count_versions", (t) => {
    t.integer("campaign_id").primary().references("id").inTable("campaigns").onDelete("CASCADE");
    t.integer("version").notNullable().defaultTo(0);
    // The version the stored sums were counted at, and which questions and axes they hold (null: none stored).
    t.integer("counted_version").nullable();
    t.text("spec").nullable();
  });
  await knex.schema.createTable("outcome_counts", (t) => {
    t.integer("campaign_id").notNullable().references("id").inTable("campaigns").onDelete("CASCADE");
    // value | respondents | scale | responses
    t.string("kind", 12).notNullable();
    // The question (value, respondents), the scale's tag (scale), null (responses).
    t.string("question", 64).nullable();
    t.text("value_text").nullable();
    t.integer("answered").nullable();
    t.double("score").nullable();
    // The answer axes in the order of the spec (gender, programme) and the channel; null for no answer.
    t.text("g0").nullable();
    t.text("g1").nullable();
    t.string("ch", 10).nullable();
    t.integer("n").notNullable();
    t.index(["campaign_id", "kind"], "outcome_counts_campaign_kind_index");
  });
  if (isPg(knex)) {
    await knex.raw(`
      create function outcome_counts_stale() returns trigger language plpgsql as $$
      begin
        if tg_op in ('INSERT', 'UPDATE') then
          update outcome_count_versions set version = version + 1
            where campaign_id in (select distinct campaign_id from new_rows);
        end if;
        if tg_op in ('DELETE', 'UPDATE') then
          update outcome_count_versions set version = version + 1
            where campaign_id in (select distinct campaign_id from old_rows);
        end if;
        return null;
      end $$`);
    for (const [table, event, referencing] of PG_TRIGGERS) {
      await knex.raw(
        `create trigger ${table}_outcome_stale_${event} after ${event} on ${table} ${referencing}
         for each statement execute function outcome_counts_stale()`,
      );
    }
  } else {
    for (const [table, event, rows] of SQLITE_TRIGGERS) {
      const campaigns = rows.map((r) => `${r}.campaign_id`).join(", ");
      await knex.raw(
        `create trigger ${table}_outcome_stale_${event} after ${event} on ${table} begin
           update outcome_count_versions set version = version + 1 where campaign_id in (${campaigns});
         end`,
      );
    }
  }
}

export async function down(knex: Knex): Promise<void> {
  const triggers = isPg(knex) ? PG_TRIGGERS : SQLITE_TRIGGERS;
  for (const [table, event] of triggers) {
    await knex.raw(
      isPg(knex)
        ? `drop trigger if exists ${table}_outcome_stale_${event} on ${table}`
        : `drop trigger if exists ${table}_outcome_stale_${event}`,
    );
  }
  if (isPg(knex)) await knex.raw("drop function if exists outcome_counts_stale()");
  await knex.schema.dropTable("outcome_counts");
  await knex.schema.dropTable("outcome_count_versions");
}
