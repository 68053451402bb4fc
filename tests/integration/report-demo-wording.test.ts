import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { buildDraft } from "~/reports/draft";
import type { Draft, SectionKey } from "~/reports/draft-types";
import { blocksToText } from "~/reports/plain-text";
import { gatherReportInput } from "~/reports/report-input.server";
import { seedDemo } from "../../db/seeds/demo/index";
import { resetDatabase } from "../support/fixtures";

// The demo's report as a committee reads it: the sentences the drafting writes from two survey waves and a
// programme whose count of women is withheld must be plain, grammatical Swedish.
let draft: Draft;
const text = (key: SectionKey) =>
  blocksToText(draft.sections.find((s) => s.key === key)!.blocks, draft.figures).replace(/\s+/g, " ");

beforeAll(async () => {
  await resetDatabase();
  await seedDemo();
  const programs = await db("programs").select("id", "name").orderBy("id");
  draft = buildDraft(await gatherReportInput({ from: "2026-01-01", to: "2026-11-29", programs, chosenQuoteIds: null }));
});

afterAll(resetDatabase);

describe("the demo report's wording", () => {
  it("states the further survey figures in one clause with statement word order", () => {
    const survey = text("upplevelse");
    expect(survey).not.toMatch(/Vidare \d/);
    expect(survey).toMatch(/Enkäten visar också att \d+ procent svarar att de ofta känner sig ensamma, /);
  });

  it("introduces the changes since the wave before with a colon, not an uninverted clause", () => {
    const survey = text("upplevelse");
    expect(survey).not.toMatch(/Jämfört med brukarenkäten [^:.]* andelen/);
    expect(survey).toMatch(
      /Så har andelarna förändrats jämfört med brukarenkäten under april och maj 2024: andelen som /,
    );
  });

  it("never prints a withheld count as a number word, only says it is not stated", () => {
    const reach = text("besok");
    expect(reach).not.toContain("ej redovisat antal");
    expect(reach).toMatch(
      /I [a-z]+ 2026 var \d+ män inskrivna i Försöks- och träningslägenheter\. Antalet kvinnor redovisas inte\./,
    );
  });

  it("lists barriers in the survey's own words and never counts 'Inget hindrar mig' as a barrier", () => {
    const survey = text("upplevelse");
    const barriers = survey.slice(survey.indexOf("Som hinder"));
    expect(barriers).toMatch(/^Som hinder för att komma oftare angav de svarande främst ”[^”]+” \(\d+ procent\)/);
    expect(barriers).toContain("”Jag har inget SL-kort”");
    expect(barriers.slice(0, barriers.indexOf("."))).not.toContain("Inget hindrar mig");
    expect(barriers).toMatch(/ Samtidigt svarade \d+ procent ”Inget hindrar mig”\./);
  });

  it("says once, after the changes, that none of them is statistically certain", () => {
    const survey = text("upplevelse");
    expect(survey).not.toContain("(ingen säker skillnad)");
    expect(survey).toContain("Ingen av förändringarna är statistiskt säkerställd, så de kan bero på slumpen.");
  });

  it("speaks of the Framtidsverkstad the attendance register knows of, and the summary agrees", () => {
    const workshops = text("framtidsverkstad");
    expect(workshops).toContain(
      "Under perioden hölls en framtidsverkstad, den 14 oktober 2026. Det som kom fram där registrerades inte digitalt",
    );
    expect(workshops).not.toContain("hölls ingen framtidsverkstad");
    expect(text("sammanfattning")).not.toContain("Ingen framtidsverkstad hölls");
  });

  it("introduces no two quotes in a row with the same words", () => {
    const leads = draft.sections
      .flatMap((s) => s.blocks)
      .filter((b) => b.t === "quote")
      .map((b) => (b as { lead: unknown[] }).lead.join(""));
    expect(leads.length).toBeGreaterThanOrEqual(3);
    leads.slice(1).forEach((lead, i) => expect(lead).not.toBe(leads[i]));
  });
});
