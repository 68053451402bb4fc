import { beforeEach, describe, expect, it } from "vitest";
import { recordFeedback } from "~/models/feedback-intake.server";
import { db, makePrograms, resetDatabase } from "../support/fixtures";

beforeEach(resetDatabase);

describe("feedback intake", () => {
  it("stores one item per source reference, however often it is sent", async () => {
    const [p] = await makePrograms();
    const first = await recordFeedback({
      source: "survey",
      sourceRef: "response:abc:wishes",
      programId: p.id,
      text: "  Mer yoga  ",
      consentToQuote: true,
    });
    const again = await recordFeedback({
      source: "survey",
      sourceRef: "response:abc:wishes",
      programId: p.id,
      text: "Mer yoga",
      consentToQuote: true,
    });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    const rows = await db("feedback").select("text", "status", "consent_to_quote");
    expect(rows).toHaveLength(1);
    expect(rows[0].text).toBe("Mer yoga");
    expect(rows[0].status).toBe("ny");
  });

  it("keeps HTML as the text it is and refuses empty text", async () => {
    const { id } = await recordFeedback({ source: "form", text: "<script>alert(1)</script>", consentToQuote: false });
    expect((await db("feedback").where({ id }).first()).text).toBe("<script>alert(1)</script>");
    await expect(recordFeedback({ source: "form", text: "   ", consentToQuote: false })).rejects.toThrow();
  });
});
