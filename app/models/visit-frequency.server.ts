import { db } from "~/db.server";
import { answeredOn, visitWindow, type LinkedResponse } from "~/outcomes/by-visit-frequency";

/**
 * Survey responses joined to the visitor register by the participant code's keyed hash, in SQL (decision 0031):
 * per response whose code is in the register, the dates of that person's coded registrations from the earliest
 * day any of these responses' windows reaches, and the answers to `questions`. The hash never leaves the database; where a person answered a campaign twice,
 * the later response counts (as for paired change).
 */
export async function listLinkedResponses({
  campaignIds,
  questions,
}: {
  campaignIds: number[];
  questions: string[];
}): Promise<LinkedResponse[]> {
  if (campaignIds.length === 0) return [];
  const linked = () =>
    db("responses as r")
      .join("visitors as v", "v.code_hmac", "r.participant_code_hmac")
      .whereIn("r.campaign_id", campaignIds)
      .where("r.partial", false)
      .whereNotExists(
        db("responses as later")
          .whereRaw("later.campaign_id = r.campaign_id")
          .whereRaw("later.participant_code_hmac = r.participant_code_hmac")
          .where("later.partial", false)
          .whereRaw(
            "(later.submitted_at > r.submitted_at or (later.submitted_at = r.submitted_at and later.id > r.id))",
          ),
      );
  const [span] = (await linked().min({ first: "r.submitted_at" }).max({ last: "r.submitted_at" })) as {
    first: string | null;
    last: string | null;
  }[];
  if (!span?.first || !span.last) return [];
  const visitsFrom = visitWindow(answeredOn(span.first)).from;
  const visitsTo = visitWindow(answeredOn(span.last)).to;
  const visitDays = db("attendance_codes as c")
    .join("attendance as t", "t.id", "c.attendance_id")
    .where("t.date", ">=", visitsFrom)
    .where("t.date", "<=", visitsTo)
    .distinct("c.code_hmac", "t.date")
    .as("d");
  const [visits, answers] = await Promise.all([
    linked()
      .leftJoin(visitDays, "d.code_hmac", "r.participant_code_hmac")
      .select("r.id", "r.campaign_id", "r.submitted_at", "d.date") as Promise<
      { id: string; campaign_id: unknown; submitted_at: string; date: string | null }[]
    >,
    questions.length === 0
      ? Promise.resolve([])
      : (db("response_answers as a")
          .whereIn("a.campaign_id", campaignIds)
          .whereIn("a.question", questions)
          .whereIn("a.response_id", linked().select("r.id"))
          .select("a.response_id", "a.question", "a.value_text") as Promise<
          { response_id: string; question: string; value_text: string | null }[]
        >),
  ]);
  const out = new Map<
    string,
    { campaignId: number; submittedAt: string; visitDates: string[]; answers: { question: string; value: string }[] }
  >();
  for (const row of visits) {
    let r = out.get(row.id);
    if (!r) {
      r = { campaignId: Number(row.campaign_id), submittedAt: row.submitted_at, visitDates: [], answers: [] };
      out.set(row.id, r);
    }
    if (row.date) r.visitDates.push(row.date);
  }
  for (const a of answers) out.get(a.response_id)?.answers.push({ question: a.question, value: String(a.value_text) });
  return [...out.values()];
}
