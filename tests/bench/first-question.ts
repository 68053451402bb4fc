import http from "node:http";
import type { AddressInfo } from "node:net";
import { chromium, type CDPSession, type Page } from "playwright-core";
import { startServer } from "../support/start-server";

/** The low-end phone of the issue: 4× CPU slowdown, 1.6 Mbit/s down, 750 kbit/s up, 150 ms latency. */
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;

const BARE_FORM = `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Formulär</title></head>
<body><main><h1>Brukarenkät</h1><form method="post"><fieldset><legend>Var bor du?</legend>
<label><input type="radio" name="program" value="bostad_forst"> I Bostad Först</label>
<label><input type="radio" name="program" value="fot"> I en försöks- eller träningslägenhet</label>
<label><input type="radio" name="program" value="vet_inte"> Vet inte</label></fieldset>
<button>Nästa</button></form></main></body></html>`;

interface Measure {
  label: string;
  ms: number;
  bytes: number;
  requests: number;
}

async function throttled(page: Page): Promise<{ cdp: CDPSession; bytes: () => number; requests: () => number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", NETWORK);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
  let bytes = 0;
  let requests = 0;
  cdp.on("Network.loadingFinished", (e: { encodedDataLength: number }) => {
    bytes += e.encodedDataLength;
    requests += 1;
  });
  return { cdp, bytes: () => bytes, requests: () => requests };
}

/**
 * Time from navigation until the first question can be answered, and the bytes fetched by then: the survey page
 * (the person taps "Börja svara" as soon as it works) against a bare HTML form, in the same run and browser.
 */
export async function benchFirstQuestion({ runs = 3 } = {}) {
  const bare = http.createServer((_req, res) =>
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(BARE_FORM),
  );
  await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  const app = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const results: { bare: Measure[]; intro: Measure[]; survey: Measure[] } = { bare: [], intro: [], survey: [] };
  try {
    for (let run = 0; run < runs; run++) {
      {
        const context = await browser.newContext({
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
        });
        const page = await context.newPage();
        const t = await throttled(page);
        const start = Date.now();
        await page.goto(bareUrl, { waitUntil: "commit" });
        await page.locator("input[type=radio]").first().waitFor({ state: "visible" });
        results.bare.push({
          label: "bare HTML form",
          ms: Date.now() - start,
          bytes: t.bytes(),
          requests: t.requests(),
        });
        await context.close();
      }
      {
        const context = await browser.newContext({
          viewport: { width: 390, height: 844 },
          isMobile: true,
          hasTouch: true,
        });
        const page = await context.newPage();
        const t = await throttled(page);
        const start = Date.now();
        await page.goto(`${app.baseUrl}/s/DEMO`, { waitUntil: "commit" });
        await page.getByRole("heading", { level: 1 }).waitFor({ state: "visible" });
        results.intro.push({
          label: "survey intro readable",
          ms: Date.now() - start,
          bytes: t.bytes(),
          requests: t.requests(),
        });
        const startButton = page.getByRole("button", { name: "Börja svara" });
        await page.waitForFunction(() => {
          const b = [...document.querySelectorAll("button")].find((x) => x.textContent === "Börja svara");
          return b && !b.disabled;
        });
        await startButton.click();
        await page.locator(".sd-question input[type=radio]").first().waitFor({ state: "attached" });
        await page.locator(".sd-question .sd-item").first().waitFor({ state: "visible" });
        results.survey.push({
          label: "first survey question answerable",
          ms: Date.now() - start,
          bytes: t.bytes(),
          requests: t.requests(),
        });
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await app.stop();
    bare.close();
  }
  const median = (xs: Measure[], key: "ms" | "bytes" | "requests") =>
    [...xs].sort((a, b) => a[key] - b[key])[Math.floor(xs.length / 2)][key];
  const base = { ms: median(results.bare, "ms"), bytes: median(results.bare, "bytes") };
  const lines = (["bare", "intro", "survey"] as const).map((k) => {
    const ms = median(results[k], "ms");
    const bytes = median(results[k], "bytes");
    return `${results[k][0].label.padEnd(34)} ${String(ms).padStart(6)} ms (${(ms / base.ms).toFixed(1)}×)   ${(bytes / 1024).toFixed(1).padStart(7)} KiB (${(bytes / base.bytes).toFixed(1)}×)   ${median(results[k], "requests")} requests`;
  });
  return { lines, results };
}
