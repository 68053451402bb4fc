import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { codebookCsv, importSps } from "~/exports/codebook";
import { buildLayout, channelCode, oneLine, stockholmMonth } from "~/exports/variables";

const brukarenkat = JSON.parse(fs.readFileSync(path.resolve("surveys/brukarenkat.json"), "utf8")) as Record<
  string,
  unknown
>;
const layout = (freeText: boolean) =>
  buildLayout({
    versions: [brukarenkat],
    waves: [{ campaignId: 7, label: { sv: "Våren", en: "Spring" } }],
    freeText,
  });

describe("free text in the research export", () => {
  it("stays on one line, so every response is one line of data.csv", () => {
    expect(oneLine("Första raden\nandra\r\ntredje\rfjärde")).toBe("Första raden / andra / tredje / fjärde");
    expect(oneLine("slut med mellanslag \n  nästa")).toBe("slut med mellanslag / nästa");
    expect(oneLine("ingen radbrytning, men\ttabb")).toBe("ingen radbrytning, men\ttabb");
  });

  it("is coded on one line after redaction", () => {
    const l = layout(true);
    const names = l.variables.map((v) => v.name);
    const cells = l.codeAnswers({ free_text: "Hej\nGunilla" }, (t) => t.replace("Gunilla", "[namn]"));
    expect(cells[names.indexOf("free_text") - 6]).toBe("Hej / [namn]");
  });
});

describe("import.sps", () => {
  const sps = importSps(layout(true).variables);

  it("reads data.csv as UTF-8 with a format for every variable, in SPSS syntax PSPP accepts too", () => {
    expect(sps).toContain("GET DATA");
    expect(sps).toContain("/ENCODING='UTF8'");
    // PSPP stops at SET UNICODE; SPSS 21 and later are in Unicode mode already.
    expect(sps).not.toMatch(/^SET UNICODE/m);
    expect(sps).toMatch(/^ {4}gender F8\.0$/m);
    expect(sps).toMatch(/^ {4}free_text A4000$/m);
    expect(sps).toMatch(/^ {4}response A32$/m);
  });

  it("labels variables and values, quoting apostrophes", () => {
    expect(sps).toMatch(/VARIABLE LABELS\n {2}response 'Svarets pseudonym/);
    expect(sps).toMatch(/ {2}gender\n {4}1 'Kvinna'/);
    expect(sps.trimEnd().endsWith("EXECUTE.")).toBe(true);
    const [gender] = layout(false).variables.filter((v) => v.name === "gender");
    const quoted = importSps([{ ...gender, label: { sv: "Vad tycker du om Mallis' kafé?", en: "" } }]);
    expect(quoted).toContain("gender 'Vad tycker du om Mallis'' kafé?'.");
  });

  it("says in the codebook which free text is masked and how line breaks are written", () => {
    const csv = codebookCsv(layout(true).variables, { suppressed: { gender: 3 } });
    expect(csv).toContain('radbrytning skriven som "" / ""');
    expect(csv).toContain("3 celler dolda för k-anonymitet");
  });
});

describe("the channel column", () => {
  it("codes every channel a response can be stored with, paper and imported waves included, in a fixed order", () => {
    expect(["phone", "kiosk", "staff", "paper", "import"].map(channelCode)).toEqual([1, 2, 3, 4, 5]);
    expect(channelCode("something-else")).toBeNull();
  });

  it("cuts a stored instant to its month in Stockholm, the late hours of a month's last day included", () => {
    expect(stockholmMonth("2026-01-31T23:00:00.000Z")).toBe("2026-02"); // midnight in winter time
    expect(stockholmMonth("2026-01-31T23:30:00.000Z")).toBe("2026-02"); // the same hour again: the same answer
    expect(stockholmMonth("2026-01-31T22:59:59.000Z")).toBe("2026-01");
    expect(stockholmMonth("2026-01-31T22:00:00.000Z")).toBe("2026-01");
    expect(stockholmMonth("2026-06-30T21:59:59.000Z")).toBe("2026-06"); // 23:59 in summer time
    expect(stockholmMonth("2026-06-30T22:00:00.000Z")).toBe("2026-07");
    expect(stockholmMonth("2026-06-29T23:00:00.000Z")).toBe("2026-06");
    expect(stockholmMonth("2026-03-15T10:00:00.000Z")).toBe("2026-03");
  });
});
