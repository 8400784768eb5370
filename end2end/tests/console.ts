// Collects console errors and uncaught exceptions; every journey ends with none.
import { expect, type Page } from "@playwright/test";

/**
 * `expectedStatuses`: HTTP statuses the journey provokes on purpose (a refusal page
 * is a 403 document, a wrong password a 400 answer); Chromium logs each as a
 * console error, which is then not counted.
 */
export function watchConsole(page: Page, expectedStatuses: number[] = []): () => void {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    const status = text.match(/the server responded with a status of (\d{3})/);
    if (status && expectedStatuses.includes(Number(status[1]))) return;
    errors.push(text);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return () => expect(errors, "console errors").toEqual([]);
}

/**
 * Waits until the WASM has hydrated the server-rendered page. Compiling the WASM
 * on a busy 2-core machine (two browsers and the server) once took over 10 s.
 */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("body[data-hydrated=true]")).toHaveCount(1, { timeout: 25_000 });
}

/** Marks the current document, so a later check can prove no reload happened. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}

export async function expectSameDocument(page: Page): Promise<void> {
  const same = await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument);
  expect(same, "the page was not reloaded").toBe(true);
}
