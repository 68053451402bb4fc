import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDraft } from "~/reports/draft";
import type { Draft, SectionKey } from "~/reports/draft-types";
import { blocksToText } from "~/reports/plain-text";
import { gatherReportInput } from "~/reports/report-input.server";
import { CITY_ACTIVITIES, MALLIS_ACTIVITIES, QUOTE_MALLIS, QUOTE_RADIO, buildSeed000 } from "../fixtures/seed-000";
import { lineSolver, lpSolver } from "../support/disclosure-audit";
import { makePrograms, makeStaff, resetDatabase } from "../support/fixtures";

let draft: Draft;
let audit: Parameters<NonNullable<Parameters<typeof buildDraft>[1]>["onProtected"] & {}>[0];
const text = (key: SectionKey) =>
  blocksToText(draft.sections.find((s) => s.key === key)!.blocks, draft.figures).replace(/\s+/g, " ");
const all = () => draft.sections.map((s) => text(s.key)).join("\n");

beforeAll(async () => {
  await resetDatabase();
  const [bf, fot] = await makePrograms();
  const coordinator = await makeStaff({ role: "coordinator", programIds: [bf.id] });
  await buildSeed000({ programId: bf.id, otherProgramId: fot.id, coordinator });
  const input = await gatherReportInput({
    from: "2023-07-01",
    to: "2023-12-31",
    programs: [{ id: bf.id, name: bf.name }],
    chosenQuoteIds: null,
  });
  draft = buildDraft(input, { onProtected: (a) => (audit = a) });
});

// Leave nothing behind: a later file's migration rollback must not trip over these rows.
afterAll(resetDatabase);

describe("the draft for 1 July – 31 December 2023 states seed 000's figures in its words", () => {
  it("names the period", () => {
    expect(text("sammanfattning")).toContain("1 juli 2023 till 31 december 2023");
  });

  it("has 131 enrolled in Bostad Först, 34 women and 97 men", () => {
    expect(text("besok")).toContain(
      "I december 2023 var 131 personer inskrivna i Bostad Först, 34 kvinnor respektive 97 män.",
    );
  });

  it("gives the gender shares of the enrolled as 26 and 74 percent", () => {
    expect(text("jamstalldhet")).toContain("Av deltagarna i Bostad Först är 26 procent kvinnor och 74 procent män.");
  });

  it("has two to six participants a day at Mallis", () => {
    expect(text("oppen-verksamhet")).toContain("mellan två och sex deltagare per dag");
  });

  it("has about 15 at Framtidsverkstad and the Christmas party", () => {
    expect(text("oppen-verksamhet")).toContain(
      "Aktiviteter vid särskilda tillfällen såsom Framtidsverkstad och Julfirande har haft cirka 15 deltagare.",
    );
  });

  it("lists the ten Mallis activities, run Monday to Friday, and the six city-wide ones", () => {
    const open = text("oppen-verksamhet");
    expect(open).toContain("måndag till fredag");
    expect(open).toContain("Följande tio aktiviteter har pågått");
    for (const name of [...MALLIS_ACTIVITIES, ...CITY_ACTIVITIES]) expect(open).toContain(name);
    expect(open).toContain("förs ingen statistik över deltagande");
  });

  it("says the first Framtidsverkstad was in June 2023 and was followed up twice", () => {
    const w = text("framtidsverkstad");
    expect(w).toContain("Den första framtidsverkstaden ägde rum i juni 2023");
    expect(w).toContain("har följts upp vid två tillfällen under andra halvåret 2023");
    expect(w).toContain("Under perioden hölls två framtidsverkstäder: den 12 oktober 2023 och den 23 november 2023.");
  });

  it("quotes participants who gave consent, in Swedish quotation marks", () => {
    const v = text("synpunkter");
    expect(v).toContain(`En deltagare har exempelvis beskrivit att ”${QUOTE_MALLIS}”`);
    expect(v).toContain(`”${QUOTE_RADIO}”`);
    expect(v).toContain("dagsform, mående samt SL-kort");
  });

  it("gives the spring 2023 survey's 33 and 22 percent in the words of the follow-up", () => {
    const survey = text("upplevelse");
    expect(survey).toContain("I brukarenkäten som genomfördes under april och maj 2023 svarade 45 personer");
    expect(survey).toContain(
      "Av de svarande uppgav 33 procent att de behövde mer stöd med något att göra på dagarna medan 22 procent uppgav att de behövde mer stöd utifrån ensamhet.",
    );
    expect(text("sammanfattning")).toContain("33 procent");
  });

  it("says visits, not persons, were counted", () => {
    expect(text("besok")).toContain("Statistiken avser besök, inte personer");
  });

  it("never prints NaN, undefined, null or a share of nothing", () => {
    expect(all()).not.toMatch(/NaN|undefined|null|0 procent av 0|\[object/);
    for (const s of draft.sections) expect(s.blocks.length).toBeGreaterThan(0);
  });

  it("traces every figure it mentions to a named computation with filters", () => {
    for (const f of Object.values(draft.figures)) {
      expect(f.computation).not.toBe("");
      expect(f.filters).not.toBe("");
      expect(f.label).not.toBe("");
    }
    expect(draft.figures["attendance.dailyRange"].n).toBeGreaterThan(50);
  });

  it("publishes every table and sentence as one protected publication from which nothing hidden can be worked out", () => {
    expect(audit.figures.length).toBeGreaterThan(50);
    expect(audit.figures.some((f) => f.status === "small")).toBe(true);
    // Sentence figures are in it too, not checked against "< 5" on their own: the number of views, for one.
    expect(audit.figures.map((f) => f.key)).toContain("feedback.total");
    expect(text("synpunkter")).toMatch(/Under perioden kom (färre än fem|\S+) synpunkter? in\./);
    expect(lineSolver(audit.figures, audit.sums)).toEqual([]);
    expect(lpSolver(audit.figures, audit.sums)).toEqual([]);
  });

  it("is deterministic", async () => {
    const again = buildDraft(
      await gatherReportInput({
        from: "2023-07-01",
        to: "2023-12-31",
        programs: draft.programNames.map((name, i) => ({ id: i + 1, name })),
        chosenQuoteIds: null,
      }),
    );
    expect(JSON.stringify(again)).toBe(JSON.stringify(draft));
  });
});
