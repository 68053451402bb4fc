import { afterAll, beforeAll } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expectNoServerErrors } from "./server-errors";

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
  /** What the server wrote, stdout and stderr in order. */
  output: () => string;
  /** What the server wrote to stderr: errors, and the one-line warnings of refused requests. */
  stderr: () => string;
  /** The same, as a file that grows while the server runs (test files read it from their own processes). */
  stderrFile: string;
  stop: () => Promise<void>;
  /** The server's process id (benchmarks read its CPU time). */
  pid?: number;
}

/** Serves the built app as `npm start` does, on 127.0.0.1, a free port and a fresh SQLite file with the demo data. */
export async function startServer({ env = {} }: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  const { child, dir, databaseFile, baseUrl, output, stderr, stderrFile } = await spawnServer(env);
  await waitForHealth(baseUrl, child, output, "/healthz", stderr);
  return {
    baseUrl,
    databaseFile,
    output,
    stderr,
    stderrFile,
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
  const { child, dir, baseUrl, output, stderr } = await spawnServer(env);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const started = waitForHealth(baseUrl, child, output, "/healthz", stderr).then(
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
  let stderr = "";
  child.stdout?.on("data", (d) => (output += d));
  const stderrFile = path.join(dir, "stderr.log");
  fs.writeFileSync(stderrFile, "");
  child.stderr?.on("data", (d) => {
    output += d;
    stderr += d;
    fs.appendFileSync(stderrFile, d);
  });
  return {
    child,
    dir,
    databaseFile,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    stderr: () => stderr,
    stderrFile,
  };
}

/**
 * A safety net, not the wait: a start is over when the server answers its health check or its process exits,
 * whichever comes first (`waitForHealth`). Ten minutes is far beyond any start seen (migrating and seeding the demo
 * data, password hashes included, took 60-170 s at load 20-30); only a server that hangs, neither answering nor
 * exiting, meets it, and then fails with its own output.
 */
export const START_CAP_MS = 600_000;

/**
 * Waits for the server's readiness, a state: `path` answers 2xx. A process that exits first fails the start at once
 * with what it wrote to stderr, without waiting for the next ask. While nothing listens yet (it migrates and seeds)
 * the ask is refused at once and repeated every 200 ms.
 */
export async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  path = "/healthz",
  stderr: () => string = output,
): Promise<void> {
  const gone = new AbortController();
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  }).then(() => gone.abort());
  // An ask that was taken but not answered ends when the process exits or the cap is met.
  const ended = AbortSignal.any([gone.signal, AbortSignal.timeout(START_CAP_MS)]);
  const cap = Date.now() + START_CAP_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.exitCode ?? child.signalCode;
      throw new Error(`the server exited (${how}) before it answered ${path}; its stderr:\n${stderr() || "(empty)"}`);
    }
    try {
      if ((await fetch(`${baseUrl}${path}`, { signal: ended })).ok) return;
    } catch {
      // not listening yet (or the ask ended: the checks below say why)
    }
    if (Date.now() > cap) {
      throw new Error(`the server neither answered ${path} nor exited within ${START_CAP_MS / 1000} s:\n${output()}`);
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 200))]);
  }
}

/**
 * For an e2e file whose assertions need the demo data as seeded (other files add answers on the shared server):
 * a server and database of its own for the file's tests, stopped after them. Call once at the top of the file.
 */
export function setUpOwnServer(): { readonly baseUrl: string; readonly databaseFile: string } {
  let running: RunningServer | undefined;
  // The hook's budget is the start's safety cap (and a little): the start ends on the server's state.
  beforeAll(async () => {
    running = await startServer();
  }, START_CAP_MS + 30_000);
  afterAll(async () => {
    const stderr = running?.stderr() ?? "";
    await running?.stop();
    expectNoServerErrors(stderr, "this file's own server");
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
