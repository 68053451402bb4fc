import { beforeEach, describe, expect, it } from "vitest";
import { createWorkshop } from "~/models/workshop.server";
import { loader as homeLoader } from "~/routes/_index";
import { loader as oldCodeLoader } from "~/routes/s._index";
import { dataOf, get, makePrograms, resetDatabase, settle, statusOf, locationOf } from "../support/fixtures";
import { makeCampaign } from "../support/surveys";

beforeEach(async () => {
  await resetDatabase();
  const [program] = await makePrograms();
  await makeCampaign({ programId: program.id, code: "ENKAT" });
  await createWorkshop({
    title: "Framtidsverkstad",
    heldOn: "2026-05-01",
    place: "Mallis",
    programId: program.id,
    followsIds: [],
    facilitatorId: null,
    code: "FRAMTID",
  });
});

const home = (query: string) => settle(() => homeLoader({ request: get(`/${query}`), params: {}, context: {} }));

describe("the start page's code box", () => {
  it("takes any kind of code to its page, however it was typed", async () => {
    for (const [typed, where] of [
      ["ENKAT", "/s/ENKAT"],
      [" enkat ", "/s/ENKAT"],
      ["FRAMTID", "/w/FRAMTID"],
      ["fram-tid", "/w/FRAMTID"],
    ]) {
      const out = await home(`?code=${encodeURIComponent(typed)}`);
      expect(statusOf(out), typed).toBe(302);
      expect(locationOf(out), typed).toBe(where);
    }
  });

  it("keeps the box and says plainly when no survey or workshop has the code", async () => {
    const out = await home("?code=xyz9");
    expect(statusOf(out)).toBe(404);
    expect(dataOf(out)).toEqual({ typed: "xyz9", unknown: "XYZ9" });
    const hostile = await home(`?code=${encodeURIComponent("<script>alert(1)</script>' OR 1=1 --")}`);
    expect(statusOf(hostile)).toBe(404);
    expect(statusOf(await home(""))).toBe(200);
  });

  it("sends the old /s?code= address through the same lookup", async () => {
    const out = await settle(() => oldCodeLoader({ request: get("/s?code=framtid"), params: {}, context: {} }));
    expect(locationOf(out)).toBe("/?code=framtid");
  });
});
