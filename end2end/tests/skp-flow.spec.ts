// The whole planning round on the demo data: the pegawai drafts two RHK linked to
// the supervisor's approved RHK and submits; the atasan returns it with a reason;
// the pegawai revises and submits again with JavaScript off; the atasan approves
// with JavaScript off; the plan is locked; the matrix, the cascade and the
// document (page and PDF) show it.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { demoYear, signedIn } from "./accounts";
import { expectAccessible, expectSameDocument, hydrated, markDocument, watchConsole } from "./console";

test.setTimeout(180_000);

test("an SKP goes from draft through return and revision to approval, then shows everywhere", async ({ browser }) => {
  const year = demoYear();
  const pegawai = await signedIn(browser, "pegawai");
  const pegawaiConsole = watchConsole(pegawai);

  // Draft two RHK, each supporting an RHK of the supervisor's approved plan.
  await pegawai.goto(`/skp/${year}`);
  await hydrated(pegawai);
  await expect(pegawai.getByTestId("skp-status")).toHaveText("Draf");
  await expect(pegawai.getByTestId("skp-blocked")).toHaveCount(0);
  const heading = (await pegawai.getByRole("heading", { level: 1 }).textContent()) ?? "";
  const name = heading.split("·")[1].trim();
  await pegawai.getByTestId("skp-add-rhk").click();
  await pegawai.getByTestId("skp-add-rhk").click();
  const rhk = pegawai.getByTestId("skp-rhk");
  await expect(rhk).toHaveCount(2);
  // New, empty rows say nothing until they are typed in.
  await expect(pegawai.getByTestId("skp-field-error")).toHaveCount(0);
  const texts = ["Terlayaninya permohonan izin usaha tepat waktu", "Tersusunnya rekap izin bulanan"];
  for (const [i, text] of texts.entries()) {
    const row = rhk.nth(i);
    await row.getByTestId("skp-rhk-text").fill(text);
    await row.getByTestId("skp-rhk-parent").selectOption({ index: 1 });
    await row.getByTestId("skp-iki-indicator").fill(i === 0 ? "Jumlah izin terbit ≤ 3 hari kerja" : "Jumlah rekap");
    await row.getByTestId("skp-iki-target").fill(i === 0 ? "abc" : "12");
    await row.getByTestId("skp-iki-satuan").fill(i === 0 ? "dokumen" : "laporan");
  }
  // The rule speaks next to the field it is about.
  await expect(rhk.nth(0).getByTestId("skp-field-error")).toContainText("harus bilangan lebih dari 0");
  await rhk.nth(0).getByTestId("skp-iki-target").fill("450");
  await expect(rhk.nth(0).getByTestId("skp-field-error")).toHaveCount(0);
  await pegawai.getByTestId("skp-save").click();
  await expect(pegawai.getByTestId("skp-save-state")).toHaveText("Semua perubahan tersimpan.");
  await pegawai.getByTestId("skp-submit").click();
  await expect(pegawai.getByTestId("skp-status")).toHaveText("Diajukan");
  // Taken back before the supervisor decides (a draft again), then submitted again.
  await pegawai.getByTestId("skp-withdraw-send").click();
  await expect(pegawai.getByTestId("skp-status")).toHaveText("Draf");
  await hydrated(pegawai);
  await pegawai.getByTestId("skp-submit").click();
  await expect(pegawai.getByTestId("skp-status")).toHaveText("Diajukan");

  // The atasan is notified, opens it from there and returns it with a reason.
  const atasan = await signedIn(browser, "atasan");
  const atasanConsole = watchConsole(atasan);
  await atasan.goto("/pemberitahuan");
  // Opening the notice (a form: it marks it read) leads to the plan.
  await atasan.getByRole("button", { name: `${name} mengajukan SKP tahun ${year}.` }).first().click();
  await hydrated(atasan);
  await expect(atasan.getByTestId("skp-table")).toContainText(texts[0]);
  await expectAccessible(atasan);
  const reviewUrl = atasan.url();
  // A return reason typed first survives saving the expectations (saved in place).
  const reason = "Target izin terlalu rendah dibanding tahun lalu.";
  await atasan.getByTestId("skp-return-text").fill(reason);
  await markDocument(atasan);
  await atasan.getByTestId("skp-expectation-akuntabel").fill("Rekap izin dikirim setiap tanggal 5.");
  await atasan.getByTestId("skp-expectations-save").click();
  await expect(atasan.getByTestId("skp-expectations-state")).toHaveText("Ekspektasi tersimpan.");
  await expectSameDocument(atasan);
  await expect(atasan.getByTestId("skp-return-text")).toHaveValue(reason);
  await atasan.getByTestId("skp-return").click();
  await expect(atasan.getByTestId("skp-status")).toHaveText("Dikembalikan");

  // The pegawai sees why, raises the target and saves.
  await pegawai.reload();
  await hydrated(pegawai);
  await expect(pegawai.getByTestId("skp-return-reason")).toContainText(reason);
  await expect(pegawai.getByTestId("skp-perilaku")).toContainText("Rekap izin dikirim setiap tanggal 5.");
  await pegawai.getByTestId("skp-rhk").nth(0).getByTestId("skp-iki-target").fill("520");
  await pegawai.getByTestId("skp-save").click();
  await expect(pegawai.getByTestId("skp-save-state")).toHaveText("Semua perubahan tersimpan.");

  // Submitted again, and approved, both with JavaScript off: plain forms.
  const plainPegawai = await signedIn(browser, "pegawai", false);
  await plainPegawai.goto(`/skp/${year}`);
  await expect(plainPegawai.getByTestId("skp-return-reason")).toContainText(reason);
  await plainPegawai.getByTestId("skp-submit").click();
  await expect(plainPegawai).toHaveURL(new RegExp(`/skp/${year}$`));
  await expect(plainPegawai.getByTestId("skp-status")).toHaveText("Diajukan");
  const plainAtasan = await signedIn(browser, "atasan", false);
  await plainAtasan.goto(reviewUrl);
  // Approval locks the plan: it asks for a tick first.
  await plainAtasan.getByTestId("skp-approve").click();
  await expect(plainAtasan.getByTestId("skp-status")).toHaveText("Diajukan");
  await plainAtasan.getByTestId("skp-approve-confirm").check();
  await plainAtasan.getByTestId("skp-approve").click();
  await expect(plainAtasan).toHaveURL(reviewUrl);
  await expect(plainAtasan.getByTestId("skp-status")).toHaveText("Disetujui");
  await expect(plainAtasan.locator("body[data-hydrated]")).toHaveCount(0);

  // Locked: no editor, a revision request instead; the history keeps each step.
  await pegawai.reload();
  await hydrated(pegawai);
  await expect(pegawai.getByTestId("skp-status")).toHaveText("Disetujui");
  await expect(pegawai.getByTestId("skp-editor")).toHaveCount(0);
  await expect(pegawai.getByTestId("skp-table")).toContainText("520 dokumen");
  await expect(pegawai.getByTestId("skp-revision-request")).toBeVisible();
  await expect(pegawai.getByTestId("skp-history").locator("summary")).toHaveCount(6);
  // The resubmission says what changed since the version that was returned.
  await expect(pegawai.getByTestId("skp-history-changes").first()).toContainText("450 dokumen menjadi Jumlah izin terbit ≤ 3 hari kerja — 520 dokumen");

  // The document page and the PDF.
  await pegawai.getByTestId("skp-document-link").click();
  await expect(pegawai.getByTestId("skp-document")).toContainText("PEJABAT PENILAI KINERJA");
  await expect(pegawai.getByTestId("skp-document-rhk").first()).toHaveText(texts[0]);
  await expect(pegawai.getByTestId("skp-document-draft")).toHaveCount(0);
  await expectAccessible(pegawai);
  const download = pegawai.waitForEvent("download");
  await pegawai.getByTestId("skp-pdf-link").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^SKP-${year}-\\d{18}\\.pdf$`));
  const pdf = readFileSync((await file.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.length).toBeGreaterThan(10_000);
  pegawaiConsole();

  // The atasan's Matriks Peran Hasil shows both RHK under the pegawai's column.
  await atasan.goto(`/skp/${year}/matriks`);
  await hydrated(atasan);
  const column = atasan.getByTestId("skp-matrix-column").filter({ hasText: name });
  await expect(column).toContainText("Disetujui");
  await expect(atasan.getByTestId("skp-matrix")).toContainText(texts[0]);
  await expect(atasan.getByTestId("skp-matrix")).toContainText(texts[1]);
  await expectAccessible(atasan);
  atasanConsole();

  // The admin's cascade of the pegawai's unit holds the RHK under the atasan's.
  const admin = await signedIn(browser, "admin BKPSDM");
  const adminConsole = watchConsole(admin);
  await admin.goto(reviewUrl);
  await hydrated(admin);
  await admin.getByTestId("skp-unit-cascade").click();
  await expect(admin.getByTestId("skp-cascade-total")).toContainText("Disetujui");
  const tree = admin.getByTestId("skp-cascade-tree");
  await expect(tree).toContainText(texts[0]);
  await expect(tree).toContainText(texts[1]);
  await expect(tree).toContainText(name);
  await expectAccessible(admin);
  adminConsole();
});
