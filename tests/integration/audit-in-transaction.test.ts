import { beforeEach, describe, expect, it } from "vitest";
import { resetPassword, updateAccount } from "~/auth/staff-accounts.server";
import { listAudit } from "~/models/audit.server";
import { getStaffById, passwordHashOf } from "~/models/staff.server";
import { listOpenSessions } from "~/models/staff-session.server";
import { loader as campaignLoader } from "~/routes/staff.campaigns.$id._index";
import { db, get, makePrograms, makeStaff, resetDatabase, sessionCookie, settle, statusOf } from "../support/fixtures";
import { VALID_ANSWERS, makeCampaign, newId, submit } from "../support/surveys";

/**
 * Decision 0010: a change and its audit entry are written in one transaction. Here the database itself refuses
 * one of the two writes, and neither may be left behind.
 */
const ip = "198.51.100.30";

beforeEach(resetDatabase);

/** Runs `fn` while the table is out of reach (renamed), so every write to it fails as a real database error. */
async function withoutTable<T>(table: string, fn: () => Promise<T>): Promise<T> {
  await db.schema.renameTable(table, `${table}_away`);
  try {
    return await fn();
  } finally {
    await db.schema.renameTable(`${table}_away`, table);
  }
}

describe("staff account changes", () => {
  it("leave no audit row when the change fails, and no change when the audit row cannot be written", async () => {
    const [bf] = await makePrograms();
    const admin = await makeStaff({ role: "admin", programIds: [bf.id] });
    const cm = await makeStaff({ role: "case_manager", programIds: [bf.id] });
    const value = { name: "Nytt Namn", email: cm.email, role: cm.role, programIds: [999_999], disabled: true };

    // A programme that does not exist: the foreign key refuses the write.
    await expect(updateAccount({ actor: admin, id: cm.id, value, ip })).rejects.toThrow();
    expect((await listAudit({ entityType: "staff" })).total).toBe(0);
    expect(await getStaffById({ id: cm.id })).toMatchObject({ name: cm.name, disabled: false, programIds: [bf.id] });

    await sessionCookie(cm);
    const hashBefore = await passwordHashOf({ id: cm.id });
    await expect(withoutTable("audit_log", () => resetPassword({ actor: admin, id: cm.id, ip }))).rejects.toThrow();
    expect(await passwordHashOf({ id: cm.id })).toBe(hashBefore);
    expect(await getStaffById({ id: cm.id })).toMatchObject({ mustChangePassword: false });
    expect(await listOpenSessions({ staffId: cm.id })).toHaveLength(1);

    // Both written when nothing fails.
    expect(await resetPassword({ actor: admin, id: cm.id, ip })).toMatchObject({ ok: true });
    expect((await listAudit({ action: "staff.password_reset" })).total).toBe(1);
    expect(await listOpenSessions({ staffId: cm.id })).toHaveLength(0);
  });
});

describe("reading single responses", () => {
  it("logs no read when the read fails, and shows nothing when the read cannot be logged", async () => {
    const [bf] = await makePrograms();
    const id = await makeCampaign({ programId: bf.id, code: "LASA" });
    expect((await submit("LASA", { id: newId(), answers: VALID_ANSWERS, locale: "sv" })).status).toBe(201);
    const cm = await makeStaff({ role: "case_manager", programIds: [bf.id] });
    const cookie = await sessionCookie(cm);
    const read = () =>
      settle(() =>
        campaignLoader({
          request: get(`/staff/campaigns/${id}?visa=svar`, { cookie }),
          params: { id: String(id) },
          context: { clientAddress: ip },
        }),
      );

    const failedRead = await withoutTable("responses", read);
    expect(failedRead.thrown).toBe(true);
    expect((await listAudit({ action: "responses.read" })).total).toBe(0);

    const unlogged = await withoutTable("audit_log", read);
    expect(unlogged.thrown).toBe(true);
    expect(JSON.stringify(unlogged.value ?? "")).not.toContain("bostad_forst");
    expect((await listAudit({ action: "responses.read" })).total).toBe(0);

    const logged = await read();
    expect(statusOf(logged)).toBe(200);
    expect((await listAudit({ action: "responses.read" })).entries).toEqual([
      expect.objectContaining({ actorId: cm.id, entityId: String(id), details: { page: 1, count: 1 } }),
    ]);
  });
});
