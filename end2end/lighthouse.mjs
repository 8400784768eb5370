// Lighthouse 12 (mobile preset: a mid-range phone on slow 4G, simulated) on the pages
// people open most, as the roles who open them; three runs each, the median counts.
// Exits 1 when a median is under its threshold. Usage:
//   node end2end/lighthouse.mjs http://127.0.0.1:PORT ACCOUNTS_FILE
import { readFileSync } from "node:fs";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import puppeteer from "puppeteer-core";

const [base, accountsFile] = process.argv.slice(2);
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const PASSWORD = "Kepahiang-Demo-2026";
const THRESHOLDS = { performance: 95, accessibility: 100, "best-practices": 95 };

function demoNip(role) {
  for (const line of readFileSync(accountsFile, "utf8").split("\n")) {
    const match = line.match(/^\s*(.+?)\s+NIP (\d{18})/);
    if (match && match[1] === role) return match[2];
  }
  throw new Error(`no demo account for ${role} in ${accountsFile}`);
}

/** The session cookie of a demo role, through the real log-in endpoint. */
async function sessionCookie(role) {
  const response = await fetch(`${base}/api/log_in`, {
    method: "POST",
    headers: {
      Origin: base,
      Accept: "application/json",
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ nip: demoNip(role), password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`log-in as ${role}: HTTP ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("sikap_session="));
  if (!cookie) throw new Error(`log-in as ${role}: no session cookie`);
  return cookie.split(";")[0].split("=")[1];
}

const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
const pages = [
  { name: "home", path: "/", role: null },
  { name: "log-in", path: "/masuk", role: null },
  // With a cold cache: 92-93 while the WASM held every island (430 KB), 97 since the
  // admin islands load lazily (289 KB).
  { name: "SKP editor (pegawai)", path: `/skp/${year}`, role: "pegawai" },
  { name: "team page (atasan)", path: "/tim", role: "atasan" },
];

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: ["--headless=new", ...JSON.parse(readFileSync(new URL("./chromium-flags.json", import.meta.url), "utf8"))],
});
let failed = false;
const lines = [];
// Cookies go into the browser itself (a Cookie request header is not honoured), and
// Lighthouse is told to keep them; the HTTP cache is cleared before each run instead.
const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
try {
  for (const page of pages) {
    const session = page.role ? await sessionCookie(page.role) : null;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      const tab = await browser.newPage();
      // Every run a first visit: nothing cached (the cookies are set again below).
      const cdp = await tab.createCDPSession();
      await cdp.send("Network.clearBrowserCache");
      await cdp.detach();
      const existing = await tab.cookies(base);
      if (existing.length) await tab.deleteCookie(...existing);
      await tab.setCookie({ name: "sikap_lang", value: "id", url: base });
      if (session) await tab.setCookie({ name: "sikap_session", value: session, url: base, httpOnly: true });
      const result = await lighthouse(
        `${base}${page.path}`,
        {
          output: "json",
          logLevel: "error",
          onlyCategories: Object.keys(THRESHOLDS),
          disableStorageReset: true,
        },
        undefined,
        tab,
      );
      await tab.close();
      const lhr = result.lhr;
      if (lhr.runtimeError) throw new Error(`${page.name}: ${lhr.runtimeError.message}`);
      runs.push({
        scores: Object.fromEntries(
          Object.keys(THRESHOLDS).map((c) => [c, Math.round((lhr.categories[c].score ?? 0) * 100)]),
        ),
        lcp: lhr.audits["largest-contentful-paint"].numericValue,
        tti: lhr.audits["interactive"]?.numericValue ?? NaN,
        failing: Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 1 && ["accessibility", "best-practices"].some((c) => lhr.categories[c].auditRefs.some((r) => r.id === a.id && r.weight > 0)))
          .map((a) => a.id),
      });
    }
    const scores = Object.fromEntries(
      Object.keys(THRESHOLDS).map((c) => [c, median(runs.map((r) => r.scores[c]))]),
    );
    const lcp = median(runs.map((r) => r.lcp));
    const tti = median(runs.map((r) => r.tti));
    const thresholds = { ...THRESHOLDS, ...(page.performance ? { performance: page.performance } : {}) };
    const under = Object.entries(thresholds).filter(([c, min]) => scores[c] < min);
    if (under.length > 0) failed = true;
    lines.push(
      `${page.name.padEnd(24)} performance ${String(scores.performance).padStart(3)}  ` +
        `accessibility ${String(scores.accessibility).padStart(3)}  best practices ${String(scores["best-practices"]).padStart(3)}  ` +
        `LCP ${(lcp / 1000).toFixed(1)} s  TTI ${(tti / 1000).toFixed(1)} s  ` +
        `(runs: ${runs.map((r) => r.scores.performance).join(", ")})` +
        (under.length ? `  UNDER: ${under.map(([c, min]) => `${c} < ${min}`).join(", ")}; failing audits: ${[...new Set(runs.flatMap((r) => r.failing))].join(", ")}` : ""),
    );
  }
} finally {
  await browser.disconnect();
  await chrome.kill();
}
console.log(`Lighthouse 12, mobile preset, median of ${RUNS} runs:\n${lines.join("\n")}`);
if (failed) {
  console.error(`A page is under its Lighthouse threshold (${JSON.stringify(THRESHOLDS)}).`);
  process.exit(1);
}
