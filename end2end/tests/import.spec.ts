// The admin imports a small CSV in the browser: errors first, then a dry run that
// shows what changes, then the apply with its progress bar and the one-time passwords.
import { expect, test } from "@playwright/test";
import { demoNip, logIn } from "./accounts";
import { hydrated, watchConsole } from "./console";

const HEADER = "nip,nama,jenis_kelamin,tanggal_lahir,status,golongan,jabatan,jenis_jabatan,unit,nip_atasan";

test("an admin checks a CSV file, fixes it, and applies it with a progress bar", async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await logIn(page, "admin BKPSDM");
  await page.goto("/admin/impor");
  await hydrated(page);
  const atasan = demoNip("atasan");
  // A NIP of its own on every run (the suite may repeat against one database).
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, "0");
  const sequence = String(100 + Math.floor(Math.random() * 800));
  const nip = `1995${month}${day}2020012${sequence}`;
  const birth = `1995-${month}-${day}`;

  // A file with a bad NIP: refused with line, column and reason.
  await page.getByTestId("import-file").setInputFiles({
    name: "pegawai.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${HEADER}\n${nip.slice(0, 17)},Sari Uji,P,${birth},PNS,III/a,Analis Uji E2E,Pelaksana,Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu,${atasan}\n`),
  });
  await page.getByTestId("import-preview").click();
  const errors = page.getByTestId("import-errors");
  await expect(errors).toContainText("18 digit");
  await expect(errors.locator("tbody tr").first()).toContainText("2");
  await expect(page.getByTestId("import-apply")).toHaveCount(0);

  // The corrected file: one new employee, then applied.
  await page.getByTestId("import-file").setInputFiles({
    name: "pegawai.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${HEADER}\n${nip},Sari Uji,P,${birth},PNS,III/a,Analis Uji E2E,Pelaksana,Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu,${atasan}\n`),
  });
  await page.getByTestId("import-preview").click();
  await expect(page.getByTestId("import-new")).toHaveText("1");
  await expect(page.getByTestId("import-error-count")).toHaveText("0");
  await page.getByTestId("import-apply").click();
  await expect(page.getByTestId("import-done")).toContainText("1 baru");
  await expect(page.getByTestId("import-passwords")).toContainText("1 kata sandi sekali pakai");
  noConsoleErrors();
});
