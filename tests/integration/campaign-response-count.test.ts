import { beforeEach, describe, expect, it } from "vitest";
import { format } from "~/i18n/define";
import { campaigns as campaignStrings } from "~/i18n/strings/campaigns";
import { loader as detailLoader } from "~/routes/staff.campaigns.$id._index";
import { dataOf, db, loadRoute, makePrograms, makeStaff, resetDatabase, sessionCookie } from "../support/fixtures";
import { makeCampaign, newId, submit } from "../support/surveys";

let programId: number;

beforeEach(async () => {
  await resetDatabase();
  [{ id: programId }] = await makePrograms();
});

describe("the campaign page's count of responses", () => {
  it("counts complete responses in the total and per day, and names partial ones apart", async () => {
    const id = await makeCampaign({ programId, code: "YOGA", surveyKey: "aktivitet", kiosk: true });
    await submit("YOGA", { id: newId(), answers: { rating: 5 }, channel: "kiosk" });
    await submit("YOGA", { id: newId(), answers: { rating: 4 }, channel: "kiosk", partial: true });
    await submit("YOGA", { id: newId(), answers: { rating: 3 }, channel: "kiosk", partial: true });
    const cookie = await sessionCookie(await makeStaff({ role: "case_manager", programIds: [programId] }));
    const load = async () =>
      dataOf<{ total: number; partial: number; perDay: [string, number][] }>(
        await loadRoute(detailLoader, `/staff/campaigns/${id}`, { cookie, params: { id: String(id) } }),
      );
    const page = await load();
    expect(page).toMatchObject({ total: 1, partial: 2 });
    expect(page.perDay.map(([, n]) => n)).toEqual([1]);
    // Only partial responses: no complete one to count, and how many were begun is still said.
    await db("responses").where({ partial: false }).delete();
    expect(await load()).toMatchObject({ total: 0, partial: 2, perDay: [] });
  });

  it("says it in plain Swedish, for one and for several", () => {
    expect(format(campaignStrings.sv.partialMany, { n: 2 })).toBe(
      "Dessutom 2 svar som påbörjades men inte blev klara: på surfplattan gick personen ifrån. De räknas inte i totalen, resultaten eller exporten.",
    );
    expect(campaignStrings.sv.partialOne).toMatch(/^Dessutom 1 svar som påbörjades men inte blev klart:/);
    expect(campaignStrings.sv.total).toBe("Svar totalt: {n}");
  });
});
