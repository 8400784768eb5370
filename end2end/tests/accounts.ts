// The demo accounts of the running server (written by serve.sh from
// `sikap demo-accounts`), and a log-in helper that uses the real form.
import { readFileSync } from "node:fs";
import { expect, type Browser, type Page } from "@playwright/test";
import { hydrated } from "./console";

export const PASSWORD = "Kepahiang-Demo-2026";
export type Role = "pegawai" | "pegawai (realisasi)" | "atasan" | "atasan pejabat penilai" | "admin BKPSDM" | "pimpinan";

export function demoNip(role: Role): string {
  const text = readFileSync(process.env.E2E_ACCOUNTS!, "utf8");
  for (const line of text.split("\n")) {
    const match = line.match(/^\s*(.+?)\s+NIP (\d{18})/);
    if (match && match[1] === role) return match[2];
  }
  throw new Error(`no demo account for ${role} in ${process.env.E2E_ACCOUNTS}:\n${text}`);
}

/** Logs in through the form on /masuk and waits for the landing page. */
export async function logIn(page: Page, role: Role): Promise<void> {
  await page.goto("/masuk");
  await hydrated(page);
  await page.getByTestId("login-nip").fill(demoNip(role));
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL(/\/saya$/);
  await expect(page.getByTestId("profile-nip")).toHaveText(demoNip(role));
}

/** The performance year the demo data is for: the current year in WIB (UTC+7). */
export function demoYear(): number {
  return new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
}

/** Logs in through the plain form, for a context with JavaScript disabled. */
export async function logInWithoutJs(page: Page, role: Role): Promise<void> {
  await page.goto("/masuk");
  await page.getByTestId("login-nip").fill(demoNip(role));
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL(/\/saya$/);
}

/** A new browser context signed in as `role`, through the plain form when `javaScript` is off. */
export async function signedIn(browser: Browser, role: Role, javaScript = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript });
  const page = await context.newPage();
  if (javaScript) await logIn(page, role);
  else await logInWithoutJs(page, role);
  return page;
}
