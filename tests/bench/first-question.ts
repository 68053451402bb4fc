import http from "node:http";
import os from "node:os";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { cpuSeconds } from "../support/process-cpu";
import { startServer } from "../support/start-server";

/** The low-end phone of the issue: 4× CPU slowdown, 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency. */
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;
/** Issue 14's goals. */
export const GOALS = { firstQuestionRatio: 1.3, bytesBeforeFirst: 30 * 1024, nextWaitMs: 300 };

const BARE_FORM = `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Formulär</title></head>
<body><main><h1>Brukarenkät</h1><form method="post"><fieldset><legend><h2>Var bor du?</h2></legend>
<label><input type="radio" name="program" value="bostad_forst"> I Bostad Först</label>
<label><input type="radio" name="program" value="fot"> I en försöks- eller träningslägenhet</label>
<label><input type="radio" name="program" value="vet_inte"> Vet inte</label></fieldset>
<button>Nästa</button></form></main></body></html>`;

interface Measure {
  ms: number;
  bytes: number;
  requests: number;
  /** Where the time went, from the page's own navigation timing (ms from the navigation's start). */
  phases: Phases;
}

/** The document's first byte, its last byte, the parser done (scripts included), and the first contentful paint. */
interface Phases {
  firstByte: number;
  lastByte: number;
  parsed: number;
  firstPaint: number;
}

/** A throttled page that counts every byte received, finished or not, from the moment it opens. */
async function throttledPage(browser: Browser): Promise<{
  page: Page;
  bytes: () => number;
  requests: () => number;
  stepReplies: () => number[];
  stepsAsked: () => number;
  foresightArrived: () => boolean;
}> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  // Finished responses count with every byte on the wire; ones still arriving with what has arrived so far.
  const partial = new Map<string, number>();
  const finished = new Map<string, number>();
  // The step replies (`/s/CODE/svara`) as the page reads them, unpacked, and whether the foresight has come.
  const urls = new Map<string, string>();
  const unpacked = new Map<string, number>();
  const stepReplies: number[] = [];
  let foresight = false;
  let stepsAsked = 0;
  cdp.on("Network.requestWillBeSent", (e: { requestId: string; request: { url: string } }) => {
    urls.set(e.requestId, e.request.url);
    if (e.request.url.includes("/svara")) stepsAsked += 1;
  });
  cdp.on("Network.dataReceived", (e: { requestId: string; encodedDataLength: number; dataLength: number }) => {
    partial.set(e.requestId, (partial.get(e.requestId) ?? 0) + (e.encodedDataLength || e.dataLength));
    unpacked.set(e.requestId, (unpacked.get(e.requestId) ?? 0) + e.dataLength);
  });
  cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => {
    finished.set(e.requestId, e.encodedDataLength);
    const url = urls.get(e.requestId) ?? "";
    if (url.includes("/svara")) stepReplies.push(unpacked.get(e.requestId) ?? 0);
    if (url.includes("/framat")) foresight = true;
  });
  const bytes = () => {
    let sum = 0;
    for (const n of finished.values()) sum += n;
    for (const [id, n] of partial) if (!finished.has(id)) sum += n;
    return sum;
  };
  return {
    page,
    bytes,
    requests: () => new Set([...partial.keys(), ...finished.keys()]).size,
    stepReplies: () => [...stepReplies],
    stepsAsked: () => stepsAsked,
    foresightArrived: () => foresight,
  };
}

/** From navigation until the first answer box shows, and the bytes received by then. */
async function firstAnswerable(
  browser: Browser,
  url: string,
): Promise<Measure & { page: Page; tracked: Awaited<ReturnType<typeof throttledPage>> }> {
  const t = await throttledPage(browser);
  const start = Date.now();
  await t.page.goto(url, { waitUntil: "commit" });
  await t.page.getByRole("radio").first().waitFor({ state: "visible" });
  const ms = Date.now() - start;
  const phases = await t.page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const paint = performance.getEntriesByName("first-contentful-paint")[0];
    return {
      firstByte: nav.responseStart,
      lastByte: nav.responseEnd,
      parsed: nav.domInteractive,
      firstPaint: paint ? paint.startTime : NaN,
    };
  });
  return { ms, bytes: t.bytes(), requests: t.requests(), phases, page: t.page, tracked: t };
}

/**
 * Milliseconds from the tap on "Nästa" until the next question's heading is on screen, measured inside the page
 * (a click listener and a MutationObserver), for `steps` questions in a row.
 */
async function nextWaits(page: Page, steps: number): Promise<{ ms: number; from: string }[]> {
  // States, with a budget for a shared machine under load (the throttled phone is 4× slower still).
  const budget = { timeout: 120_000 };
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === "1", undefined, budget);
  await page.evaluate(() => {
    const w = window as unknown as { __waits: number[]; __t0: number; __from: string[] };
    w.__waits = [];
    w.__from = [];
    w.__t0 = 0;
    document.addEventListener(
      "click",
      (e) => {
        if ((e.target as Element).closest("button")?.textContent?.trim() === "Nästa") w.__t0 = performance.now();
      },
      true,
    );
    let last = document.querySelector("h2")?.textContent;
    new MutationObserver(() => {
      const now = document.querySelector("h2")?.textContent;
      if (now !== last && w.__t0) {
        w.__waits.push(performance.now() - w.__t0);
        w.__from.push(last ?? "");
        w.__t0 = 0;
      }
      last = now;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  for (let i = 0; i < steps; i++) {
    const fieldset = page.locator("fieldset.survey-question");
    const box = fieldset.locator("textarea");
    if ((await box.count()) > 0) await box.fill("Mer yoga");
    else await fieldset.locator("label").first().click();
    await page.getByRole("button", { name: "Nästa", exact: true }).click();
    await page.waitForFunction((n) => (window as unknown as { __waits: number[] }).__waits.length > n, i, budget);
  }
  return page.evaluate(() => {
    const w = window as unknown as { __waits: number[]; __from: string[] };
    return w.__waits.map((ms, i) => ({ ms, from: w.__from[i] }));
  });
}

/** The bare form's own "Nästa": a full page round trip on the same phone. */
async function bareNext(page: Page): Promise<number> {
  await page.getByRole("radio").first().check();
  const start = Date.now();
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Nästa" }).click()]);
  await page.getByRole("radio").first().waitFor({ state: "visible" });
  return Date.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Waits for a state the page's network reaches (the bench's own budget: a shared machine under load). */
async function waitUntil(reached: () => boolean, budgetMs = 120_000): Promise<void> {
  const deadline = Date.now() + budgetMs;
  while (!reached()) {
    if (Date.now() > deadline) throw new Error("the page's requests did not finish");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Issue 14's three figures on an emulated low-end phone, against a bare one-question HTML form in the same run
 * and browser: the first question answerable (time ratio), the bytes received before it (against 30 KB), and the
 * longest wait after "Nästa" on later questions (against 300 ms, and against the bare form's own round trip).
 */
export async function benchFirstQuestion({ runs = Number(process.env.BENCH_PHONE_RUNS ?? 9), steps = 8 } = {}) {
  const bare = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(BARE_FORM));
  });
  await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const app = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync"],
  });
  const bareFirst: Measure[] = [];
  const surveyFirst: Measure[] = [];
  const bareNexts: number[] = [];
  const waits: { ms: number; from: string }[] = [];
  /** The server's CPU over each walk of `steps` questions, and the step replies it served. */
  let stepCpuSeconds = 0;
  const stepReplyBytes: number[] = [];
  try {
    // Interleaved pairs, the order alternating, so a machine that slows down or speeds up during the run (other
    // work on a shared machine) weighs on both sides alike; each pair gives one ratio.
    for (let run = 0; run < runs; run++) {
      const measureBare = async () => {
        const b = await firstAnswerable(browser, bareUrl);
        bareFirst.push(b);
        bareNexts.push(await bareNext(b.page));
        await b.page.context().close();
      };
      const measureSurvey = async () => {
        const s = await firstAnswerable(browser, `${app.baseUrl}/s/DEMO`);
        surveyFirst.push(s);
        // The server's CPU for the steps alone: once the page's one fetch of what lies ahead has come, until the
        // last step's reply has.
        await waitUntil(s.tracked.foresightArrived);
        const cpuBefore = cpuSeconds(app.pid);
        const repliesBefore = s.tracked.stepReplies().length;
        waits.push(...(await nextWaits(s.page, steps)));
        await waitUntil(() => s.tracked.stepReplies().length === s.tracked.stepsAsked());
        stepCpuSeconds += cpuSeconds(app.pid) - cpuBefore;
        stepReplyBytes.push(...s.tracked.stepReplies().slice(repliesBefore));
        await s.page.context().close();
      };
      if (run % 2 === 0) {
        await measureBare();
        await measureSurvey();
      } else {
        await measureSurvey();
        await measureBare();
      }
    }
  } finally {
    await browser.close();
    await app.stop();
    bare.close();
  }
  const base = { ms: median(bareFirst.map((m) => m.ms)), bytes: median(bareFirst.map((m) => m.bytes)) };
  const first = {
    ms: median(surveyFirst.map((m) => m.ms)),
    bytes: median(surveyFirst.map((m) => m.bytes)),
    requests: median(surveyFirst.map((m) => m.requests)),
  };
  const worst = waits.reduce((a, b) => (b.ms > a.ms ? b : a));
  const worstNext = worst.ms;
  const medianNext = median(waits.map((w) => w.ms));
  const bareRoundTrip = median(bareNexts);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  const cpuPerStepMs = (stepCpuSeconds * 1000) / stepReplyBytes.length;
  // The median of the pairs' ratios: robust to a slow moment hitting one side of one pair.
  const pairRatios = surveyFirst.map((m, i) => m.ms / bareFirst[i].ms).sort((a, b) => a - b);
  const quartile = (q: number) => pairRatios[Math.min(pairRatios.length - 1, Math.floor(q * pairRatios.length))];
  const figures = {
    firstQuestionRatio: median(pairRatios),
    bytesRatio: first.bytes / GOALS.bytesBeforeFirst,
    nextWaitRatio: worstNext / GOALS.nextWaitMs,
  };
  const phase = (ms: Measure[], key: keyof Phases) => Math.round(median(ms.map((m) => m.phases[key])));
  const phases = (ms: Measure[]) =>
    `first byte ${phase(ms, "firstByte")}, last byte ${phase(ms, "lastByte")}, parsed ${phase(ms, "parsed")}, first paint ${phase(ms, "firstPaint")} ms`;
  const lines = [
    `bare HTML form: first answer box      ${base.ms} ms, ${kib(base.bytes)}; its own "Nästa" round trip ${bareRoundTrip} ms`,
    `survey: first question answerable     ${first.ms} ms, ${kib(first.bytes)}, ${first.requests} requests`,
    `   where the time went (medians)       bare form: ${phases(bareFirst)}; survey: ${phases(surveyFirst)}`,
    `1. first question, time ratio          ${figures.firstQuestionRatio.toFixed(2)}× the bare form, median of ${pairRatios.length} interleaved pairs (quartiles ${quartile(0.25).toFixed(2)}–${quartile(0.75).toFixed(2)}×; ratio of the medians ${(first.ms / base.ms).toFixed(2)}×)   (goal ≤ ${GOALS.firstQuestionRatio}×)`,
    `2. bytes before it                     ${figures.bytesRatio.toFixed(2)}× of 30 KB (${kib(first.bytes)}; ${(first.bytes / base.bytes).toFixed(1)}× the bare form)   (goal ≤ 1.00×)`,
    `3. longest wait after "Nästa"          ${figures.nextWaitRatio.toFixed(2)}× of 300 ms (${Math.round(worstNext)} ms, median ${Math.round(medianNext)} ms over ${waits.length}, worst after "${worst.from}"; ${(worstNext / bareRoundTrip).toFixed(2)}× the bare form's round trip)   (goal ≤ 1.00×)`,
    `server per step                        ${cpuPerStepMs.toFixed(1)} ms CPU, reply ${kib(median(stepReplyBytes))} unpacked (median; largest ${kib(Math.max(...stepReplyBytes))}), over ${stepReplyBytes.length} step replies   (load ${os.loadavg()[0].toFixed(1)})`,
  ];
  return { lines, figures };
}
