// End-to-end tests in Debian's Chromium against the release build of SIKAP,
// started by ./serve.sh on a fresh SQLite database loaded with the demo data.
import { readFileSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
// Where serve.sh writes the demo accounts; the tests read it (same value in both).
process.env.E2E_ACCOUNTS ??= `/tmp/sikap-e2e-accounts-${port}.txt`;
// This machine's network is closed: Chromium must not reach for its own services.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: JSON.parse(readFileSync(`${__dirname}/chromium-flags.json`, "utf8")) as string[],
};

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "id-ID",
    launchOptions: chromium,
    trace: "off",
  },
  projects: [
    {
      name: "chromium",
      testIgnore: /(no-js|phone)\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
    },
    {
      name: "phone",
      testMatch: /(layout|phone)\.spec\.ts/,
      use: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, launchOptions: chromium },
    },
    {
      name: "no-js",
      testMatch: /no-js\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], javaScriptEnabled: false, launchOptions: chromium },
    },
  ],
  webServer: {
    command: "bash ./serve.sh",
    cwd: __dirname,
    url: `http://127.0.0.1:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
