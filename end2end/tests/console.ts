// Collects console errors and uncaught exceptions; every journey ends with none.
import AxeBuilder from "@axe-core/playwright";
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
    errors.push(`${page.url()}: ${text}`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return () => expect(errors, "console errors").toEqual([]);
}

/**
 * Waits until the page is ready to use: loaded and, where it has islands (the live
 * parts, `<leptos-island>`), until their WASM has hydrated every one of them. Compiling the WASM
 * on a busy 2-core machine (two browsers and the server) once took over 10 s.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  if ((await page.locator("leptos-island").count()) === 0) return;
  await expect(page.locator("body[data-hydrated=true]")).toHaveCount(1, { timeout: 25_000 });
  // Every island, lazy ones included: their chunks arrive after the main WASM,
  // and text typed into an island's field before it starts is not seen by it.
  await page.waitForFunction(
    () => Number(document.body.dataset.islandsLive ?? 0) >= document.querySelectorAll("leptos-island").length,
    undefined,
    { timeout: 25_000 },
  );
}

/** Collects the addresses of the scripts and WebAssembly a page downloads. */
export function watchCode(page: Page): () => string[] {
  const urls: string[] = [];
  page.on("request", (request) => {
    const type = request.resourceType();
    if (type === "script" || request.url().endsWith(".wasm") || request.url().includes(".wasm?")) {
      urls.push(request.url());
    }
  });
  return () => urls;
}

/** Marks the current document, so a later check can prove no reload happened. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}

export async function expectSameDocument(page: Page): Promise<void> {
  const same = await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument);
  expect(same, "the page was not reloaded").toBe(true);
}

/** The serious and critical axe-core violations (WCAG 2.1 AA) of the page as it is now. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`);
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await accessibilityProblems(page), `accessibility of ${page.url()}`).toEqual([]);
}
