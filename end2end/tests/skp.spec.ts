// SKP planning in the browser: an admin opens the year; a pegawai drafts a plan,
// which saves itself, survives a reload, and shows why it cannot be submitted yet.
import { expect, test } from "@playwright/test";
import { demoYear, logIn } from "./accounts";
import { hydrated, watchConsole } from "./console";

test("a pegawai drafts an SKP that autosaves, and sees what submitting still needs", async ({ browser }) => {
  // The demo data fills this year; next year is opened here, with no plans yet.
  const year = demoYear() + 1;
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  const adminConsole = watchConsole(admin);
  await logIn(admin, "admin BKPSDM");
  await admin.goto("/admin/periode");
  await hydrated(admin);
  await admin.getByTestId("open-year").fill(String(year));
  await admin.getByTestId("open-year-submit").click();
  await expect(admin.getByTestId(`year-${year}`)).toContainText(`Triwulan IV ${year}`);
  adminConsole();
  await adminContext.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const noConsoleErrors = watchConsole(page);
  await logIn(page, "pegawai");
  await page.getByRole("navigation", { name: "Navigasi utama" }).getByRole("link", { name: "SKP" }).click();
  await page.getByTestId(`skp-year-${year}`).click();
  await expect(page).toHaveURL(new RegExp(`/skp/${year}$`));
  await hydrated(page);
  await expect(page.getByTestId("skp-status")).toHaveText("Draf");
  await expect(page.getByTestId("skp-blocked")).toContainText("belum disetujui");
  // A new plan does not claim to be saved.
  await expect(page.getByTestId("skp-save-state")).toHaveText("Belum ada yang disimpan.");

  await page.getByTestId("skp-add-rhk").click();
  await page.getByTestId("skp-rhk-text").fill("Terlayaninya izin usaha tepat waktu");
  await page.getByTestId("skp-iki-indicator").fill("Jumlah izin usaha terbit ≤ 3 hari kerja");
  await page.getByTestId("skp-iki-target").fill("0");
  await page.getByTestId("skp-iki-satuan").fill("dokumen");
  // The shared rules speak before the server does.
  await expect(page.getByTestId("skp-problems")).toContainText("harus bilangan lebih dari 0");
  await page.getByTestId("skp-iki-target").fill("450");
  await expect(page.getByTestId("skp-problems")).toContainText("Pilih RHK atasan");
  await expect(page.getByTestId("skp-submit")).toBeDisabled();
  // Autosave, then the draft survives a reload.
  await expect(page.getByTestId("skp-save-state")).toContainText("belum disimpan");
  await expect(page.getByTestId("skp-save-state")).toHaveText("Semua perubahan tersimpan.", { timeout: 15_000 });
  await page.reload();
  await hydrated(page);
  await expect(page.getByTestId("skp-rhk-text")).toHaveValue("Terlayaninya izin usaha tepat waktu");
  await expect(page.getByTestId("skp-iki-target")).toHaveValue("450");
  noConsoleErrors();
  await context.close();
});
