import { beforeEach, describe, expect, it } from "vitest";
import { recordFeedbackMany } from "~/models/feedback-intake.server";
import { loader as inboxLoader } from "~/routes/staff.feedback._index";
import { dataOf, loadRoute, makePrograms, makeStaff, resetDatabase, sessionCookie } from "../support/fixtures";

beforeEach(resetDatabase);

type Inbox = { items: { id: number }[]; total: number; pageSize: number };

/** Issue 9: the case managers' inbox held every item on one page (46 in the demo, ~12,000 px on a phone). */
describe("the feedback inbox in pages", () => {
  it("shows one page at a time of the items in the staff member's scope, counted in SQL, in the same order", async () => {
    const [a, b] = await makePrograms();
    const own = Array.from({ length: 45 }, (_, i) => ({
      source: "form" as const,
      programId: a.id,
      text: `Synpunkt ${i + 1}`,
      consentToQuote: false,
    }));
    const other = Array.from({ length: 7 }, (_, i) => ({
      source: "form" as const,
      programId: b.id,
      text: `Annan ${i + 1}`,
      consentToQuote: false,
    }));
    await recordFeedbackMany([...own, ...other]);
    const cookie = await sessionCookie(await makeStaff({ role: "case_manager", programIds: [a.id] }));
    const page = async (query: string) =>
      dataOf<Inbox>(await loadRoute(inboxLoader, `/staff/feedback${query}`, { cookie }));

    const [first, second, third, past] = await Promise.all(["", "?page=2", "?page=3", "?page=4"].map(page));
    // The count is of the programme's own items only: the other programme's seven are neither listed nor counted.
    for (const p of [first, second, third, past]) expect(p.total).toBe(45);
    expect(first.pageSize).toBe(20);
    expect([first.items.length, second.items.length, third.items.length, past.items.length]).toEqual([20, 20, 5, 0]);
    const ids = [...first.items, ...second.items, ...third.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(45);
    // Newest first across the pages, as on one page.
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    // A filter keeps its paging: the page counts what the filter leaves.
    const flaggedOnly = await page("?flagged=0&page=3");
    expect(flaggedOnly.items).toHaveLength(5);
    // A page number that is not one is the first page, not an error.
    expect((await page("?page=abc")).items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
  });
});
