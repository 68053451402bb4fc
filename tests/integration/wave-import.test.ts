import { beforeEach, describe, expect, it } from "vitest";
import { loader as importLoader, action as importAction } from "~/routes/staff.campaigns.import";
import { loader as campaignLoader } from "~/routes/staff.campaigns.$id._index";
import { loader as paperLoader } from "~/routes/staff.campaigns.$id.paper";
import { loadOutcomeReport } from "~/outcomes/load-outcomes.server";
import {
  BASE,
  dataOf,
  db,
  get,
  locationOf,
  programsWithStaff,
  resetDatabase,
  signedInStaff,
  settle,
  statusOf,
} from "../support/fixtures";
import { makeCampaign } from "../support/surveys";
import type { WaveCheck } from "~/paper/wave-import.server";

const context = { clientAddress: "198.51.100.11" };
let bf: number;
let fot: number;
let cookie: string;

beforeEach(async () => {
  await resetDatabase();
  ({ bf, fot, cookie } = await programsWithStaff("coordinator"));
});

const WAVE = { surveyKey: "brukarenkat", title: "Brukarenkät 2023", opensOn: "2023-04-01", closesOn: "2023-04-30" };

function upload(
  file: Uint8Array | string | null,
  fields: Record<string, string> = {},
  { c = cookie, name = "brukarenkat-2023.csv" }: { c?: string; name?: string } = {},
): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...WAVE, programId: String(bf), intent: "check", ...fields }))
    form.append(k, v);
  if (file !== null)
    form.append(
      "file",
      new Blob([(typeof file === "string" ? new TextEncoder().encode(file) : file) as Uint8Array<ArrayBuffer>]),
      name,
    );
  return new Request(`${BASE}/staff/campaigns/import`, {
    method: "POST",
    headers: { Cookie: c, Origin: BASE },
    body: form,
  });
}

type Result = {
  errors: Record<string, string>;
  fileProblem: string | null;
  check: WaveCheck | null;
  csv: string;
  fileName: string;
  ready: number;
};
const act = async (request: Request) => settle(() => importAction({ request, params: {}, context } as never));
const check = async (
  file: Uint8Array | string | null,
  fields?: Record<string, string>,
  opts?: { c?: string; name?: string },
) => act(upload(file, fields, opts));
const confirm = async (csv: string, fields: Record<string, string> = {}, fileName = "brukarenkat-2023.csv") => {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...WAVE, programId: String(bf), intent: "import", csv, fileName, ...fields }))
    form.append(k, v);
  return act(
    new Request(`${BASE}/staff/campaigns/import`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: BASE },
      body: form,
    }),
  );
};

const count = async (table: string, where: Record<string, unknown> = {}) => {
  const [{ n }] = await db(table).where(where).count<{ n: number | string }[]>("* as n");
  return Number(n);
};

const nothingWritten = async () => {
  expect(await count("campaigns")).toBe(0);
  expect(await count("responses")).toBe(0);
  expect(await count("response_answers")).toBe(0);
  expect(await count("response_imports")).toBe(0);
  expect(await count("audit_log", { action: "campaign.import" })).toBe(0);
};

/** Seven people, as Swedish Excel saves them: BOM, semicolons, labels and codes mixed, an extra column. */
const GOOD =
  "\uFEFFgender;Program;visits;activities;support_daytime;ucla_companionship;barriers;barriers_annat;satisfaction;wishes;deltagarkod;Tidsstämpel\r\n" +
  "Kvinna;bostad_forst;Varje vecka;Sygrupp|matlagning;Ja;2;annat;Trappan;4;Mer yoga;AN07LU;2023-04-02 10:00\r\n" +
  "man;fot;aldrig;sygrupp;nej;Nästan aldrig;;;5;;;x\r\n" +
  'Man;Vet inte;Någon gång i månaden;;Ja;3;Min dagsform, Tiderna passar inte;;3;"Längre, öppettider";BE11ST;\r\n' +
  "kvinna;bostad_forst;varje_vecka;peer_support;ja;1;;;2;;;\r\n" +
  "Vill inte svara;fot;sallan;;vet_inte;2;;;;;;\r\n" +
  "kvinna;fot;varje_vecka;;ja;;;;1;;;\r\n" +
  "man;bostad_forst;varje_vecka;;nej;3;;;4;;;\r\n";

describe("importing an earlier wave from a CSV file", { timeout: 90_000 }, () => {
  it("is for admins and coordinators", async () => {
    const cm = (await signedInStaff("case_manager", [bf])).cookie;
    const out = await settle(() =>
      importLoader({ request: get("/staff/campaigns/import", { cookie: cm }), params: {}, context } as never),
    );
    expect(statusOf(out)).toBe(403);
    expect(statusOf(await check(GOOD, {}, { c: cm }))).toBe(403);
    await nothingWritten();
  });

  it("previews rows, matched and unknown columns, codes and conditions, then imports all in one go, audited", async () => {
    const preview = await check(GOOD);
    expect(dataOf<Result>(preview).check?.problems).toEqual([]);
    expect(statusOf(preview)).toBe(200);
    const p = dataOf<Result>(preview);
    expect(p.check).toMatchObject({
      fatal: null,
      rows: 7,
      unknown: ["Tidsstämpel"],
      codeColumn: "deltagarkod",
      withCodes: 2,
      problemCount: 0,
      // "Aldrig" hides the activities question: that ticked box does not count.
      ignored: 1,
      duplicateOf: null,
    });
    expect(p.check!.matched.map((m) => m.question)).toEqual([
      "gender",
      "program",
      "visits",
      "activities",
      "support_daytime",
      "ucla_companionship",
      "barriers",
      "satisfaction",
      "wishes",
    ]);
    expect(p.ready).toBe(7);
    await nothingWritten();

    const done = await confirm(p.csv.replace(/\r\n/g, "\n").replace(/\n/g, "\r\n"), {}, p.fileName);
    expect(statusOf(done)).toBe(303);
    const campaignId = Number(locationOf(done)!.match(/campaigns\/(\d+)/)![1]);
    const campaign = await db("campaigns").where({ id: campaignId }).first();
    expect(campaign).toMatchObject({
      title: "Brukarenkät 2023",
      opens_on: "2023-04-01",
      closes_on: "2023-04-30",
      program_id: bf,
      mode: "participant_code",
    });
    expect(await count("responses", { campaign_id: campaignId, channel: "import" })).toBe(7);
    expect(await count("response_imports", { campaign_id: campaignId })).toBe(1);
    expect(await count("audit_log", { action: "campaign.import", entity_id: String(campaignId) })).toBe(1);
    expect(await count("audit_log", { action: "campaign.create", entity_id: String(campaignId) })).toBe(1);
    // Imported free text stays in the response; it is not news for the feedback inbox.
    expect(await count("feedback")).toBe(0);

    const rows = await db("responses").where({ campaign_id: campaignId }).orderBy("submitted_at");
    const answers = rows.map((r) => JSON.parse(r.answers));
    expect(answers).toContainEqual({
      gender: "kvinna",
      program: "bostad_forst",
      visits: "varje_vecka",
      activities: ["sygrupp", "matlagning"],
      support_daytime: "ja",
      ucla_companionship: 2,
      barriers: ["other"],
      "barriers-Comment": "Trappan",
      satisfaction: 4,
      wishes: "Mer yoga",
    });
    expect(answers).toContainEqual(
      expect.objectContaining({ gender: "man", visits: "aldrig", support_daytime: "nej", ucla_companionship: 1 }),
    );
    expect(answers.find((a) => a.visits === "aldrig").activities).toBeUndefined();
    expect(answers).toContainEqual(
      expect.objectContaining({ barriers: ["dagsform", "tider"], wishes: "Längre, öppettider" }),
    );
    expect(rows.every((r) => r.submitted_at === "2023-04-30T10:00:00.000Z")).toBe(true);
    expect(rows.filter((r) => r.participant_code_hmac).length).toBe(2);

    // The campaign page says where it came from; no paper questionnaires go into an imported wave.
    const page = dataOf<{ paper: { imported: { fileName: string; rowCount: number } | null } }>(
      await settle(() =>
        campaignLoader({
          request: get(`/staff/campaigns/${campaignId}`, { cookie }),
          params: { id: String(campaignId) },
          context,
        } as never),
      ),
    );
    expect(page.paper.imported).toMatchObject({ fileName: "brukarenkat-2023.csv", rowCount: 7 });
    const paper = dataOf<{ refusal: string }>(
      await settle(() =>
        paperLoader({
          request: get(`/staff/campaigns/${campaignId}/paper`, { cookie }),
          params: { id: String(campaignId) },
          context,
        } as never),
      ),
    );
    expect(paper.refusal).toBe("errImported");

    // The same file again — with or without its byte-order mark, CRLF or LF — is refused: 409, nothing more written.
    const again = await check(GOOD.replace("\uFEFF", "").replace(/\r\n/g, "\n"));
    expect(statusOf(again)).toBe(409);
    expect(dataOf<Result>(again).check!.duplicateOf).toMatchObject({ campaignId, title: "Brukarenkät 2023" });
    expect(statusOf(await confirm(GOOD))).toBe(409);
    expect(await count("campaigns")).toBe(1);
    expect(await count("responses")).toBe(7);
  });

  it("lets the outcome figures compare the imported wave with a later one", async () => {
    const lines = ["gender;support_daytime"];
    for (let i = 0; i < 20; i++) lines.push(`${i % 2 ? "kvinna" : "man"};${i < 12 ? "ja" : "nej"}`);
    const p = dataOf<Result>(await check(lines.join("\n")));
    expect(p.ready).toBe(20);
    const done = await confirm(p.csv);
    const old = Number(locationOf(done)!.match(/campaigns\/(\d+)/)![1]);
    const now = await makeCampaign({ programId: bf, code: "NU" });
    const report = await loadOutcomeReport({ campaignIds: [old, now], scope: undefined });
    const daytime = report.measures.find((m) => m.tag === "support_need_daytime")!;
    const wave = daytime.waves.find((w) => w.campaignId === old)!;
    expect(wave.all.respondents.n).toBe(20);
    expect(wave.all.positive?.n).toBe(12);
    expect(Number(wave.all.share?.toFixed(2))).toBe(0.6);
  });

  it("lists every bad value by line and column, and writes nothing until every row is good", async () => {
    const file =
      "gender,visits,satisfaction,wishes,deltagarkod,datum\n" +
      "Kvinnor,varje_vecka,4,,,\n" +
      'man,aldrig,9,"=HYPERLINK(""http://evil"")",,\n' +
      "man,,,<script>alert(1)</script>,x!,2022-01-01\n" +
      "kvinna,sallan,3,,AN07LU,\n" +
      "man,sallan,3,,an07-lu,\n" +
      ",,,,,\n" +
      "kvinna,sallan,,   ,,\n";
    const out = await check(file);
    expect(statusOf(out)).toBe(422);
    const c = dataOf<Result>(out).check!;
    const byLine = c.problems.map((p) => [p.line, p.column, p.message]);
    expect(byLine).toContainEqual([
      2,
      "gender",
      expect.stringContaining("”Kvinnor” finns inte bland svaren. Möjliga svar: kvinna (Kvinna)"),
    ]);
    expect(byLine).toContainEqual([3, "satisfaction", expect.stringContaining("”9” finns inte bland svaren")]);
    expect(byLine).toContainEqual([3, "wishes", expect.stringContaining("kalkylformel")]);
    expect(byLine).toContainEqual([4, "wishes", expect.stringContaining("HTML-kod")]);
    expect(byLine).toContainEqual([4, "deltagarkod", expect.stringContaining("4 till 20")]);
    expect(byLine).toContainEqual([4, "datum", "Datumet ska vara ÅÅÅÅ-MM-DD, från 2023-04-01 till 2023-04-30."]);
    expect(byLine).toContainEqual([6, "deltagarkod", expect.stringContaining("rad 5")]);
    expect(c.problemCount).toBe(byLine.length);
    expect(dataOf<Result>(out).ready).toBe(0);
    // Even sent straight to "Importera", a bad file writes nothing.
    expect(statusOf(await confirm(file))).toBe(422);
    await nothingWritten();
  });

  it("refuses wrong encodings, huge files, missing files and bad wave details with a Swedish message", async () => {
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode("gender;visits\nKvinna;S"),
      0xe4,
      ...new TextEncoder().encode("llan\n"),
    ]);
    const enc = await check(latin1);
    expect(statusOf(enc)).toBe(422);
    expect(dataOf<Result>(enc).fileProblem).toContain("CSV UTF-8");
    const utf16 = await check(new Uint8Array([0xff, 0xfe, 0x67, 0x00, 0x0a, 0x00]));
    expect(dataOf<Result>(utf16).fileProblem).toContain("UTF-16");
    const huge = await check("gender\n" + "kvinna\n".repeat(700_000));
    expect(statusOf(huge)).toBe(413);
    expect(dataOf<Result>(huge).fileProblem).toContain("högst 2 MB");
    const missing = await check(null);
    expect(statusOf(missing)).toBe(422);
    expect(dataOf<Result>(missing).fileProblem).toBe("Välj en CSV-fil.");
    const noQuestion = await check("namn;personnummer\nAnna;19800101-1234\n");
    expect(dataOf<Result>(noQuestion).check!.fatal).toContain("Ingen kolumn heter som en fråga");

    const future = await check(GOOD, { closesOn: "2099-01-01" });
    expect(statusOf(future)).toBe(422);
    expect(dataOf<Result>(future).errors.closesOn).toBe("errPast");
    const backwards = await check(GOOD, { opensOn: "2023-05-01" });
    expect(dataOf<Result>(backwards).errors.closesOn).toBe("errDates");
    const otherProgramme = await check(GOOD, { programId: String(fot) });
    expect(dataOf<Result>(otherProgramme).errors.programId).toBe("errProgram");
    const unknownSurvey = await check(GOOD, { surveyKey: "../../etc/passwd" });
    expect(dataOf<Result>(unknownSurvey).errors.surveyKey).toBe("errSurvey");
    expect(statusOf(await check(GOOD, { title: "" }))).toBe(422);
    await nothingWritten();
  });
});
