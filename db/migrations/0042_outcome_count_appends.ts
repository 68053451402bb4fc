import type { Knex } from "knex";

/**
 * A submission is an append (decision 0055, amending 0049). Migration 0038's triggers moved a campaign's `version` on
 * every write, so the next outcome page counted the whole wave again by every axis. Now:
 *
 * - An inserted response only moves `grown` (the same one primary-key update per response on SQLite, one per
 *   statement on PostgreSQL, as before): the stored sums stay valid, and the next page counts only what arrived
 *   since they were counted and adds it to them.
 * - The sums remember how far they counted: `counted_responses_through` (the campaign's highest response sequence
 *   counted: SQLite's rowid, PostgreSQL's new `responses.seq`) and `counted_answers_through` (the highest answer-row
 *   id counted; it only grows on both databases), and `counted_grown`.
 * - An update or delete still moves `version` (a full recount), but only where it touches a response or answer row
 *   the sums already hold (at or below the marks): a response marked partial in the transaction that stored it, or
 *   anything else done to rows not yet counted, changes nothing counted. Moving `version` also forgets the marks,
 *   so until the sums are counted again every update or delete of the wave moves it.
 * - Answer rows are only ever inserted with their response, in one transaction (SQLite never had a trigger on their
 *   insert; PostgreSQL's is dropped here): the response's `grown` covers them.
 */

const isPg = (knex: Knex) => knex.client.config.client === "pg";

/** Moves the version and forgets the marks (so every later write moves it too, until the next full recount). */
const INVALIDATE = "version = version + 1, counted_responses_through = null, counted_answers_through = null";

/** SQLite: one trigger per row. `counted(row)`: the condition that the row is held by the campaign's stored sums. */
function sqliteTriggers(): [string, string][] {
  const responseCounted = (row: string) =>
    `(counted_responses_through is null or ${row}.rowid <= counted_responses_through)`;
  const answerCounted = (row: string) => `(counted_answers_through is null or ${row}.id <= counted_answers_through)`;
  const bump = (campaign: string, counted: string) =>
    `update outcome_count_versions set ${INVALIDATE} where campaign_id = ${campaign} and ${counted};`;
  return [
    [
      "responses_outcome_grown_insert",
      `after insert on responses begin
         update outcome_count_versions set grown = grown + 1 where campaign_id = new.campaign_id;
       end`,
    ],
    [
      "responses_outcome_stale_update",
      `after update on responses begin
         ${bump("old.campaign_id", responseCounted("old"))}
         ${bump("new.campaign_id", responseCounted("new"))}
       end`,
    ],
    [
      "responses_outcome_stale_delete",
      `after delete on responses begin ${bump("old.campaign_id", responseCounted("old"))} end`,
    ],
    [
      "response_answers_outcome_stale_update",
      `after update on response_answers begin
         ${bump("old.campaign_id", answerCounted("old"))}
         ${bump("new.campaign_id", answerCounted("new"))}
       end`,
    ],
    [
      "response_answers_outcome_stale_delete",
      `after delete on response_answers begin ${bump("old.campaign_id", answerCounted("old"))} end`,
    ],
  ];
}

/** PostgreSQL: one trigger per statement over its transition tables. */
const PG_FUNCTIONS = `
  create function outcome_counts_grown() returns trigger language plpgsql as $$
  begin
    update outcome_count_versions set grown = grown + 1
      where campaign_id in (select distinct campaign_id from new_rows);
    return null;
  end $$;
  create function outcome_counts_responses_stale() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      update outcome_count_versions v set ${INVALIDATE} where exists (select 1 from old_rows o
        where o.campaign_id = v.campaign_id and (v.counted_responses_through is null or o.seq <= v.counted_responses_through));
    end if;
    if tg_op = 'UPDATE' then
      update outcome_count_versions v set ${INVALIDATE} where exists (select 1 from new_rows o
        where o.campaign_id = v.campaign_id and (v.counted_responses_through is null or o.seq <= v.counted_responses_through));
    end if;
    return null;
  end $$;
  create function outcome_counts_answers_stale() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      update outcome_count_versions v set ${INVALIDATE} where exists (select 1 from old_rows o
        where o.campaign_id = v.campaign_id and (v.counted_answers_through is null or o.id <= v.counted_answers_through));
    end if;
    if tg_op = 'UPDATE' then
      update outcome_count_versions v set ${INVALIDATE} where exists (select 1 from new_rows o
        where o.campaign_id = v.campaign_id and (v.counted_answers_through is null or o.id <= v.counted_answers_through));
    end if;
    return null;
  end $$`;

const PG_TRIGGERS: [string, string, string, string][] = [
  [
    "responses_outcome_grown_insert",
    "insert on responses",
    "referencing new table as new_rows",
    "outcome_counts_grown",
  ],
  [
    "responses_outcome_stale_update",
    "update on responses",
    "referencing old table as old_rows new table as new_rows",
    "outcome_counts_responses_stale",
  ],
  [
    "responses_outcome_stale_delete",
    "delete on responses",
    "referencing old table as old_rows",
    "outcome_counts_responses_stale",
  ],
  [
    "response_answers_outcome_stale_update",
    "update on response_answers",
    "referencing old table as old_rows new table as new_rows",
    "outcome_counts_answers_stale",
  ],
  [
    "response_answers_outcome_stale_delete",
    "delete on response_answers",
    "referencing old table as old_rows",
    "outcome_counts_answers_stale",
  ],
];

/** Migration 0038's triggers, dropped here and put back by `down`. */
const OLD_TRIGGERS: [string, string][] = [
  ["responses", "insert"],
  ["responses", "update"],
  ["responses", "delete"],
  ["response_answers", "update"],
  ["response_answers", "delete"],
];

async function dropTriggers(knex: Knex, names: [string, string][]) {
  for (const [name, table] of names)
    await knex.raw(isPg(knex) ? `drop trigger if exists ${name} on ${table}` : `drop trigger if exists ${name}`);
}

export async function up(knex: Knex): Promise<void> {
  await dropTriggers(knex, [
    ...OLD_TRIGGERS.map(([table, event]): [string, string] => [`${table}_outcome_stale_${event}`, table]),
    ["response_answers_outcome_stale_insert", "response_answers"],
  ]);
  if (isPg(knex)) await knex.raw("drop function if exists outcome_counts_stale()");
  await knex.schema.alterTable("outcome_count_versions", (t) => {
    // Moved by every insert of a response; equal to `counted_grown` when nothing arrived since the sums were counted.
    t.integer("grown").notNullable().defaultTo(0);
    t.integer("counted_grown").nullable();
    t.bigInteger("counted_responses_through").nullable();
    t.bigInteger("counted_answers_through").nullable();
    // The campaign's stored rows after its last full count or merge: appends add rows until they are merged.
    t.integer("merged_rows").nullable();
  });
  if (isPg(knex)) {
    // SQLite's rowid plays this part there. Not indexed: a page reads it within one campaign's responses.
    await knex.schema.alterTable("responses", (t) => {
      t.bigIncrements("seq", { primaryKey: false });
    });
    await knex.raw(PG_FUNCTIONS);
    for (const [name, event, referencing, fn] of PG_TRIGGERS)
      await knex.raw(
        `create trigger ${name} after ${event} ${referencing} for each statement execute function ${fn}()`,
      );
  } else {
    for (const [name, body] of sqliteTriggers()) await knex.raw(`create trigger ${name} ${body}`);
  }
  // Sums counted before this migration have no marks: the next page counts them once more, in full.
  await knex("outcome_count_versions").update({ counted_version: null });
}

export async function down(knex: Knex): Promise<void> {
  await dropTriggers(
    knex,
    (isPg(knex) ? PG_TRIGGERS : sqliteTriggers()).map(([name]): [string, string] => [
      name,
      name.startsWith("response_answers") ? "response_answers" : "responses",
    ]),
  );
  // Before any trigger names the table again: SQLite drops a column by copying the table and renaming the copy.
  await knex.schema.alterTable("outcome_count_versions", (t) => {
    t.dropColumn("grown");
    t.dropColumn("counted_grown");
    t.dropColumn("counted_responses_through");
    t.dropColumn("counted_answers_through");
    t.dropColumn("merged_rows");
  });
  if (isPg(knex)) {
    for (const fn of ["outcome_counts_grown", "outcome_counts_responses_stale", "outcome_counts_answers_stale"])
      await knex.raw(`drop function if exists ${fn}()`);
    await knex.schema.alterTable("responses", (t) => t.dropColumn("seq"));
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
    for (const [table, event] of [...OLD_TRIGGERS, ["response_answers", "insert"] as [string, string]]) {
      const referencing =
        event === "insert"
          ? "referencing new table as new_rows"
          : event === "update"
            ? "referencing old table as old_rows new table as new_rows"
            : "referencing old table as old_rows";
      await knex.raw(
        `create trigger ${table}_outcome_stale_${event} after ${event} on ${table} ${referencing}
         for each statement execute function outcome_counts_stale()`,
      );
    }
  } else {
    for (const [table, event] of OLD_TRIGGERS) {
      const rows = event === "insert" ? ["new"] : event === "update" ? ["old", "new"] : ["old"];
      await knex.raw(
        `create trigger ${table}_outcome_stale_${event} after ${event} on ${table} begin
           update outcome_count_versions set version = version + 1
             where campaign_id in (${rows.map((r) => `${r}.campaign_id`).join(", ")});
         end`,
      );
    }
  }
}
