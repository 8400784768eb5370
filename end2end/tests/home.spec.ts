import { expect, test } from "@playwright/test";
import { watchCode, watchConsole } from "./console";

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
  noConsoleErrors();
});

test("switching language renders the page in English and is remembered", async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto("/tentang");
  await page.getByTestId("lang-switch").click();
  await expect(page).toHaveURL(/\/tentang$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Organisation" })).toBeVisible();

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Civil Servant Performance Information System");
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sistem Informasi Kinerja Aparatur");
  noConsoleErrors();
});

test("the organisation search answers with the matching units", async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await page.goto("/organisasi");
  await expect(page.getByTestId("unit-results")).toContainText("Dinas Kesehatan");

  await page.getByTestId("unit-search").fill("puskesmas");
  await page.getByRole("button", { name: "Cari" }).click();
  await expect(page).toHaveURL(/\/organisasi\?q=puskesmas/);
  const rows = page.getByTestId("unit-results").locator("tbody tr");
  await expect(rows.first()).toContainText("UPTD Puskesmas");
  expect(await rows.count()).toBeGreaterThanOrEqual(8);
  await expect(page.getByTestId("unit-results")).not.toContainText("Dinas Pertanian");

  await page.getByTestId("unit-search").fill("tidak ada unit seperti ini");
  await page.getByRole("button", { name: "Cari" }).click();
  await expect(page.getByTestId("unit-results-empty")).toContainText("Tidak ada unit yang cocok");
  noConsoleErrors();
});

test("public pages are plain HTML: no script or WebAssembly is downloaded", async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  const code = watchCode(page);
  await page.goto("/");
  await page.getByRole("link", { name: "Tentang" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tentang SIKAP");
  await expect(page.getByTestId("about-privacy")).toContainText("sekurang-kurangnya 5 orang");
  await expect(page.getByRole("link", { name: "Tentang" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("link", { name: "Organisasi" }).click();
  await page.getByRole("link", { name: "Masuk" }).click();
  await expect(page.getByTestId("login-form")).toBeVisible();
  await page.waitForLoadState("load");
  expect(code()).toEqual([]);
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
