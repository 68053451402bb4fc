import { chromium, type Browser, type Page } from "playwright-core";
import { startServer } from "../support/start-server";

/** The workshop issue's goal: the board shows a new note within 3 s; at the board's 2 s poll that is 1.5 intervals. */
export const GOAL_SECONDS = 3;

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
}

/** The facilitator logs in, creates a session, opens the critique phase and the board. */
async function openSession(browser: Browser, baseURL: string): Promise<{ board: Page; code: string; cookie: string }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL, locale: "sv-SE" });
  context.setDefaultTimeout(60_000);
  const staff = await context.newPage();
  await staff.goto("/staff/login");
  await staff.getByLabel("E-post").fill("facilitator@demo.local");
  await staff.getByLabel("Lösenord").fill("demo-password");
  await staff.getByRole("button", { name: "Logga in" }).click();
  await staff.waitForURL((url) => !url.pathname.startsWith("/staff/login"));
  await staff.goto("/staff/workshops/new");
  await staff.getByLabel("Namn på träffen").fill("Mätning av tavlan");
  await staff.getByRole("button", { name: "Skapa" }).click();
  await staff.waitForURL(/\/staff\/workshops\/\d+$/);
  const code = (await staff.locator(".join-code").textContent())!.trim();
  await staff.getByRole("button", { name: "Kritikfas" }).click();
  await staff.getByText("Fasen är ändrad till Kritikfas.").waitFor();
  const board = await context.newPage();
  await board.goto(`/w/${code}/board`);
  const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  return { board, code, cookie };
}

/** Milliseconds for `fetch` of each path, alternating so both meet the same load; `rounds` times each. */
async function fetchTimes(baseUrl: string, paths: string[], cookie: string, rounds: number): Promise<number[][]> {
  const times = paths.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (const [i, path] of paths.entries()) {
      const start = performance.now();
      const res = await fetch(`${baseUrl}${path}`, { headers: { cookie, Accept: "application/json" } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      times[i].push(performance.now() - start);
    }
  }
  return times;
}

/**
 * A note's time to the board: from the tap on "Skicka lappen" on a phone until the note is on the facilitator's
 * board, in real Chromium, against the board's own poll interval measured in the same run (the gaps between its
 * requests). Notes are sent at phases spread evenly over one interval, so the figures cover early and late taps.
 * Beside it, what the server adds: the board's feed against a plain page fetch of the same server.
 */
export async function benchWorkshopBoard({ notes = 12 } = {}) {
  const server = await startServer();
  const browser = await launch();
  try {
    const { board, code, cookie } = await openSession(browser, server.baseUrl);
    const polls: number[] = [];
    board.on("request", (req) => {
      if (req.url().includes(`/w/${code}/live?`)) polls.push(Date.now());
    });
    const phoneContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      baseURL: server.baseUrl,
      locale: "sv-SE",
    });
    phoneContext.setDefaultTimeout(60_000);
    const phone = await phoneContext.newPage();
    await phone.goto(`/w/${code}`);
    await phone.getByRole("heading", { name: "Vad är dåligt eller saknas?" }).waitFor();
    await phone.waitForFunction(() => document.documentElement.dataset.hydrated === "1");

    // One note first, so the next one starts right after a poll has shown it.
    const toBoard: number[] = [];
    for (let i = 0; i <= notes; i++) {
      const text = `Lapp nummer ${i} ${Date.now()}`;
      await phone.getByLabel("Skriv din lapp").fill(text);
      // The phase of the tap against the board's poll: spread over one interval (a sampling offset, not a wait).
      const interval = polls.length > 2 ? median(polls.slice(1).map((t, k) => t - polls[k])) : 2000;
      if (i > 0) await new Promise((r) => setTimeout(r, ((i - 1) / notes) * interval));
      const start = Date.now();
      await phone.getByRole("button", { name: "Skicka lappen" }).click();
      await board.waitForFunction(
        (t) => [...document.querySelectorAll(".board__note")].some((n) => n.textContent?.includes(t)),
        text,
        { polling: 20, timeout: 60_000 },
      );
      if (i > 0) toBoard.push(Date.now() - start);
      await phone.getByText("Tack! Din lapp finns nu på tavlan.").waitFor();
    }
    const gaps = polls.slice(1).map((t, k) => t - polls[k]);
    const pollMs = median(gaps);
    const [feed, plain] = await fetchTimes(server.baseUrl, [`/w/${code}/live?board=1`, "/healthz"], cookie, 30);
    const ratio = (ms: number) => `${(ms / pollMs).toFixed(2)}×`;
    const lines = [
      `board's poll interval, measured over ${gaps.length} polls: median ${pollMs} ms`,
      `note sent → on the board, ${toBoard.length} notes: median ${median(toBoard)} ms, p90 ${quantile(toBoard, 0.9)} ms, max ${Math.max(...toBoard)} ms`,
      `time to board / poll interval: median ${ratio(median(toBoard))}, max ${ratio(Math.max(...toBoard))}   (goal ≤ ${(
        (GOAL_SECONDS * 1000) /
        pollMs
      ).toFixed(2)}×: ${GOAL_SECONDS} s)`,
      `board feed /live?board=1: median ${median(feed).toFixed(1)} ms; plain /healthz: ${median(plain).toFixed(1)} ms; ratio ${(
        median(feed) / median(plain)
      ).toFixed(2)}×`,
    ];
    return { lines, pollMs, toBoard, ratio: Math.max(...toBoard) / pollMs };
  } finally {
    await browser.close();
    await server.stop();
  }
}
