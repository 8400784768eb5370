import { expect, test } from "@playwright/test";
import { expectSameDocument, hydrated, markDocument, watchConsole } from "./console";

test("home page shows the kabupaten at a glance in Indonesian", async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page).toHaveTitle("Beranda · SIKAP");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sistem Informasi Kinerja Aparatur");
  await expect(page.getByTestId("stat-employees")).toHaveText(/^3\.00\d$/);
  await expect(page.getByTestId("chart-kind").getByRole("listitem")).toHaveCount(5);
  await expect(page.getByTestId("chart-kind")).toContainText("Fungsional");
  await expect(page.getByTestId("chart-status")).toContainText("PPPK");
  await hydrated(page);
  noConsoleErrors();
});

test("hydration: switching language changes the page without a reload and is remembered", async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto("/");
  await hydrated(page);
  await markDocument(page);
  await page.getByTestId("lang-switch").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Civil Servant Performance Information System");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Organisation" })).toBeVisible();
  await expectSameDocument(page);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Civil Servant Performance Information System");
  await hydrated(page);
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  noConsoleErrors();
});

test("a server function answers the organisation search without a page reload", async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto("/organisasi");
  await hydrated(page);
  await expect(page.getByTestId("unit-results")).toContainText("Dinas Kesehatan");
  await markDocument(page);

  const answer = page.waitForResponse((r) => r.url().includes("/api/search_units") && r.request().method() === "POST");
  await page.getByTestId("unit-search").fill("puskesmas");
  await page.getByRole("button", { name: "Cari" }).click();
  expect((await answer).status()).toBe(200);

  await expect(page).toHaveURL(/\/organisasi\?q=puskesmas/);
  const rows = page.getByTestId("unit-results").locator("tbody tr");
  await expect(rows.first()).toContainText("UPTD Puskesmas");
  expect(await rows.count()).toBeGreaterThanOrEqual(8);
  await expect(page.getByTestId("unit-results")).not.toContainText("Dinas Pertanian");
  await expectSameDocument(page);

  await page.getByTestId("unit-search").fill("tidak ada unit seperti ini");
  await page.getByRole("button", { name: "Cari" }).click();
  await expect(page.getByTestId("unit-results-empty")).toContainText("Tidak ada unit yang cocok");
  noConsoleErrors();
});

test("client-side navigation between pages keeps the document", async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto("/");
  await hydrated(page);
  await markDocument(page);
  await page.getByRole("link", { name: "Tentang" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tentang SIKAP");
  await expect(page.getByTestId("about-privacy")).toContainText("sekurang-kurangnya 5 orang");
  await expect(page.getByRole("link", { name: "Tentang" })).toHaveAttribute("aria-current", "page");
  await expectSameDocument(page);
  noConsoleErrors();
});

test("unknown addresses get the Indonesian 404 page with a request id", async ({ page }) => {
  const response = await page.goto("/halaman-yang-tidak-ada");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Halaman tidak ditemukan");
  const requestId = response?.headers()["x-request-id"] ?? "missing";
  await expect(page.getByTestId("request-id")).toContainText(requestId);
  await page.getByRole("link", { name: "Kembali ke Beranda" }).click();
  await expect(page).toHaveURL(/\/$/);
});
