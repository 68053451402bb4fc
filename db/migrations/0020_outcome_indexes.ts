import type { Knex } from "knex";

/**
 * Answer rows serve the outcome figures (decision 0022): each row carries its campaign, so a wave's figures are one
 * GROUP BY that walks an index in (campaign, question, answer) order instead of sorting joined rows. Free-text
 * answers are no longer written as answer rows (they are never counted; the response's JSON keeps them) — long ones
 * are removed here because PostgreSQL cannot index a text value of several kilobytes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("response_answers", (t) => {
    // No foreign key: SQLite cannot add one to an existing table; the response's own key already ties it.
    t.integer("campaign_id").nullable();
  });
  await knex("response_answers").update({
    campaign_id: knex("responses")
      .select("campaign_id")
      .where("responses.id", knex.ref("response_answers.response_id")),
  });
  await knex("response_answers").whereRaw("length(value_text) > 200").del();
  await knex.schema.alterTable("response_answers", (t) => {
    t.dropIndex(["question"]);
    t.dropIndex(["response_id"]);
    t.index(["campaign_id", "question", "value_text", "value_num"], "response_answers_campaign_question_value_index");
    t.index(["response_id", "question"], "response_answers_response_question_index");
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("response_answers", (t) => {
    t.dropIndex([], "response_answers_response_question_index");
    t.dropIndex([], "response_answers_campaign_question_value_index");
    t.index(["response_id"]);
    t.index(["question"]);
  });
  await knex.schema.alterTable("response_answers", (t) => {
    t.dropColumn("campaign_id");
  });
}
