import { beforeEach, describe, expect, it } from "vitest";
import { createAccountFromCli } from "~/auth/staff-cli.server";
import { attemptLogin } from "~/auth/login.server";
import { listAudit } from "~/models/audit.server";
import { resetDatabase } from "../support/fixtures";

beforeEach(resetDatabase);

describe("staff:add", () => {
  it("creates the first admin on an empty database, with the programmes, and a password that works", async () => {
    const result = await createAccountFromCli({ email: "First@Example.se", role: "admin" });
    expect(result).toMatchObject({
      ok: true,
      email: "first@example.se",
      role: "admin",
      programs: ["Bostad Först", "Försöks- och träningslägenheter"],
    });
    const password = result.ok ? result.generatedPassword! : "";
    expect(await attemptLogin({ email: "first@example.se", password, ip: "cli" })).toMatchObject({ ok: true });
    expect((await listAudit({ action: "staff.create" })).entries[0].details).toMatchObject({ via: "cli" });
  });

  it("refuses a bad role, a bad e-mail, a short password and a duplicate", async () => {
    expect(await createAccountFromCli({ email: "a@b.se", role: "boss" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("--role"),
    });
    expect(await createAccountFromCli({ email: "nope", role: "admin" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("--email"),
    });
    expect(await createAccountFromCli({ email: "a@b.se", role: "admin", password: "short" })).toMatchObject({
      ok: false,
    });
    await createAccountFromCli({ email: "a@b.se", role: "admin" });
    expect(await createAccountFromCli({ email: "A@B.se", role: "admin" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("already"),
    });
    expect(await createAccountFromCli({ email: "c@b.se", role: "admin", programSlugs: ["nowhere"] })).toMatchObject({
      ok: false,
    });
  });
});
