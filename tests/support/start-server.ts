import { afterAll, beforeAll } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export function buildApp(): void {
  execFileSync(process.execPath, [path.join(ROOT, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
}

export interface RunningServer {
  baseUrl: string;
  databaseFile: string;
  output: () => string;
  stop: () => Promise<void>;
  /** The server's process id (benchmarks read its CPU time). */
  pid?: number;
}

/** Serves the built app as `npm start` does, on 127.0.0.1, a free port and a fresh SQLite file with the demo data. */
export async function startServer({ env = {} }: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  const { child, dir, databaseFile, baseUrl, output } = await spawnServer(env);
  await waitForHealth(baseUrl, child, output);
  return {
    baseUrl,
    databaseFile,
    output,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await new Promise((r) => child.once("exit", r));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * For a start that must fail: server.js with the settings `startServer` uses and `env` over them. Waits for the
 * process to exit and returns its exit code and output; a server that starts after all is stopped and said so.
 */
export async function failedStart(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const { child, dir, baseUrl, output } = await spawnServer(env);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const started = waitForHealth(baseUrl, child, output).then(
    () => true,
    () => false,
  );
  if (await Promise.race([exited.then(() => false), started])) {
    child.kill("SIGTERM");
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`the server started, but it should have refused to:\n${output()}`);
  }
  const code = await exited;
  fs.rmSync(dir, { recursive: true, force: true });
  return { code, output: output() };
}

/** server.js as `npm start` runs it, on 127.0.0.1, a free port and a fresh SQLite file with the demo data. */
async function spawnServer(env: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deltagarrost-server-"));
  const databaseFile = path.join(dir, "app.sqlite");
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "server.js")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${databaseFile}`,
      SESSION_SECRET: "test-server-secret-0123456789abcdef",
      SEED_DEMO: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  return { child, dir, databaseFile, baseUrl: `http://127.0.0.1:${port}`, output: () => output };
}

/**
 * How long a server may take to answer its health check before the start fails. The start migrates and seeds the
 * demo data (password hashes included); at load 20-30 it took over 60 s, the old budget, and failed the survey
 * helper's runs (96dc1a1). A budget, not a wait: the check returns as soon as the server answers, and it stays under
 * the 180 s hook budget so a start that never comes fails with the server's own output.
 */
export const START_BUDGET_MS = 170_000;

/** Asks `path` until the server answers it (a state), the process exits, or `START_BUDGET_MS` is spent. */
export async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  path = "/healthz",
): Promise<void> {
  const deadline = Date.now() + START_BUDGET_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}${path}`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * For an e2e file whose assertions need the demo data as seeded (other files add answers on the shared server):
 * a server and database of its own for the file's tests, stopped after them. Call once at the top of the file.
 */
export function setUpOwnServer(): { readonly baseUrl: string; readonly databaseFile: string } {
  let running: RunningServer | undefined;
  beforeAll(async () => {
    running = await startServer();
  });
  afterAll(async () => {
    await running?.stop();
  });
  const started = () => {
    if (!running) throw new Error("the file's own server starts in beforeAll");
    return running;
  };
  return {
    get baseUrl() {
      return started().baseUrl;
    },
    get databaseFile() {
      return started().databaseFile;
    },
  };
}
