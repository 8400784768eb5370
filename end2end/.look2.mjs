import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:3190";
const [nip, path, prefix, ...steps] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
const page = await ctx.newPage();
page.on("console", (m) => { if (m.type() === "error") console.log("console error:", m.text()); });
await page.goto(base + "/masuk");
await page.locator("body[data-hydrated]").waitFor({ timeout: 30000 }).catch(() => {});
await page.getByTestId("login-nip").fill(nip);
await page.getByTestId("login-password").fill("Kepahiang-Demo-2026");
await page.getByTestId("login-submit").click();
await page.waitForURL(/\/saya$/);
await page.goto(base + path);
await page.locator("body[data-hydrated]").waitFor({ timeout: 10000 }).catch(() => {});
for (const s of steps) { if (s.startsWith("click:")) { await page.getByTestId(s.slice(6)).first().click(); await page.waitForLoadState("load"); } }
const h = await page.evaluate(() => document.documentElement.scrollHeight);
for (let y = 0, i = 0; y < h && i < 4; y += 844, i++) {
  await page.evaluate((y) => window.scrollTo(0, y), y);
  await page.waitForTimeout(200);
  await page.screenshot({ path: `/tmp/look/${prefix}-${i}.png` });
}
console.log("url", page.url(), "height", h);
await browser.close();
