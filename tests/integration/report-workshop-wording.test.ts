import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { todayInStockholm } from "~/outcomes/calendar";
import { buildDraft } from "~/reports/draft";
import { blocksToText } from "~/reports/plain-text";
import { gatherReportInput } from "~/reports/report-input.server";
import { seedDemo } from "../../db/seeds/demo/index";
import { resetDatabase } from "../support/fixtures";

// The demo's session of today follows up two earlier ones (June and October 2023): the report must say which
// session each paragraph is about, as a committee reads it top to bottom.
let workshops: string;

beforeAll(async () => {
  await resetDatabase();
  await seedDemo();
  const programs = await db("programs").select("id", "name").orderBy("id");
  const draft = buildDraft(
    await gatherReportInput({ from: "2024-01-01", to: todayInStockholm(), programs, chosenQuoteIds: null }),
  );
  workshops = blocksToText(draft.sections.find((s) => s.key === "framtidsverkstad")!.blocks, draft.figures).replace(
    /\s+/g,
    " ",
  );
});

afterAll(resetDatabase);

describe("the report's paragraphs on earlier Framtidsverkstad sessions", () => {
  it("introduces the first session as the first and a later one as a later one, each in its own paragraph", () => {
    expect(workshops).toContain("Den första framtidsverkstaden ägde rum i juni 2023 och resulterade i sex förslag");
    expect(workshops).toContain("En senare framtidsverkstad ägde rum i oktober 2023 och resulterade i ett förslag.");
  });

  it("never opens a paragraph with 'Framtidsverkstaden ägde rum', which reads as the session just described", () => {
    expect(workshops).not.toContain("Framtidsverkstaden ägde rum");
    expect(workshops.match(/Framtidsverkstaden och de idéer som framkom vid/g)?.length).toBe(2);
  });
});
