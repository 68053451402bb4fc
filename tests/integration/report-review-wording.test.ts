import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { todayInStockholm } from "~/outcomes/calendar";
import { buildDraft } from "~/reports/draft";
import { blocksToText } from "~/reports/plain-text";
import { gatherReportInput } from "~/reports/report-input.server";
import { seedDemo } from "../../db/seeds/demo/index";
import { resetDatabase } from "../support/fixtures";

// The demo's report as a committee reads it top to bottom. Today's session follows up two earlier ones (June and
// October 2023): each paragraph must say which session it is about. Two programmes withhold part of their
// enrolment: the note on why is said once, not after each.
let workshops: string;
let visits: string;

beforeAll(async () => {
  await resetDatabase();
  await seedDemo();
  const programs = await db("programs").select("id", "name").orderBy("id");
  const draft = buildDraft(
    await gatherReportInput({ from: "2024-01-01", to: todayInStockholm(), programs, chosenQuoteIds: null }),
  );
  visits = blocksToText(draft.sections.find((s) => s.key === "besok")!.blocks, draft.figures).replace(/\s+/g, " ");
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

describe("the report's paragraphs on enrolment", () => {
  it("says once, after the last programme that withholds a count, why counts are withheld", () => {
    const note = "Grupper med färre än fem personer redovisas inte, och inte heller uppgifter som skulle avslöja dem.";
    expect(visits).toContain("inskrivna i Bostad Först.");
    expect(visits).toContain("inskrivna i Försöks- och träningslägenheter.");
    expect(visits.split(note).length - 1).toBe(1);
    expect(visits.indexOf(note)).toBeGreaterThan(visits.indexOf("inskrivna i Försöks- och träningslägenheter"));
  });
});
