import { afterAll, describe, expect, it } from "vitest";
import knexFactory from "knex";
import { failedStart, startServer, type RunningServer } from "../support/start-server";

const running: RunningServer[] = [];
afterAll(async () => {
  for (const server of running) await server.stop();
});

async function storedSecret(file: string): Promise<string | undefined> {
  const knex = knexFactory({ client: "sqlite3", connection: { filename: file }, useNullAsDefault: true });
  try {
    const row = await knex("app_secrets").where({ name: "server" }).first("value");
    return row?.value;
  } finally {
    await knex.destroy();
  }
}

async function loginCookie(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/staff/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: "email=admin%40demo.local&password=demo-password",
  });
  expect(response.status).toBe(302);
  return response.headers.get("set-cookie")!.split(";")[0];
}

describe("the session secret", () => {
  it("is generated per database, so an admin cookie of one instance opens nothing on another", async () => {
    const a = await startServer({ env: { SESSION_SECRET: "" } });
    running.push(a);
    const b = await startServer({ env: { SESSION_SECRET: "" } });
    running.push(b);
    const secretA = await storedSecret(a.databaseFile);
    const secretB = await storedSecret(b.databaseFile);
    expect(secretA).toMatch(/^[0-9a-f]{64}$/);
    expect(secretB).toMatch(/^[0-9a-f]{64}$/);
    expect(secretA).not.toBe(secretB);

    const cookie = await loginCookie(a.baseUrl);
    const onA = await fetch(`${a.baseUrl}/staff/users`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onA.status).toBe(200);
    const onB = await fetch(`${b.baseUrl}/staff/users`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onB.status).toBe(302);
    expect(onB.headers.get("location")).toMatch(/^\/staff\/login/);
  });

  it("must be set in production: SEED_DEMO=0 without SESSION_SECRET refuses to start", async () => {
    const { code, output } = await failedStart({ SESSION_SECRET: "", SEED_DEMO: "0" });
    expect(code).toBe(1);
    expect(output).toContain("SESSION_SECRET must be set in production");
    expect(output).not.toMatch(/listening/);
  });

  it("TRUST_PROXY=true starts, and takes the client address from the one proxy in front", async () => {
    const server = await startServer({ env: { TRUST_PROXY: "true" } });
    running.push(server);
    const response = await fetch(`${server.baseUrl}/staff/login`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: server.baseUrl,
        "X-Forwarded-For": "192.0.2.99, 203.0.113.7",
      },
      body: "email=nobody%40demo.local&password=x",
    });
    expect(response.status).toBe(401);
    const knex = knexFactory({
      client: "sqlite3",
      connection: { filename: server.databaseFile },
      useNullAsDefault: true,
    });
    try {
      const rows = await knex("login_attempts").select("ip");
      // One hop: the address the proxy saw, not what the client wrote further left.
      expect(rows.map((r) => r.ip)).toEqual(["203.0.113.7"]);
    } finally {
      await knex.destroy();
    }
  });

  it("an unknown TRUST_PROXY value stops the start with a readable message", async () => {
    const { code, output } = await failedStart({ TRUST_PROXY: "maybe" });
    expect(code).toBe(1);
    expect(output).toContain("TRUST_PROXY=maybe is not understood");
  });
});
