// Penilaian on the demo data: the atasan rates the demo pelapor's latest period
// from the team page while the predikat and the unit's distribution follow every
// choice; the demo atasan pejabat penilai, with the atasan's own form open in a
// second browser, sees the distribution move when the atasan finalises, with no
// reload. The pelapor reads, acknowledges and files a keberatan; the atasan
// pejabat penilai changes the ratings with a decision; both versions stay
// readable, and the evaluation document downloads as a PDF.
import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { demoYear, signedIn, type Role } from "./accounts";
import { expectAccessible, expectSameDocument, hydrated, markDocument, watchConsole } from "./console";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const PELAPOR: Role = "pegawai (realisasi)";

/** The latest periodic period (quarter) that has ended, as a column of the year (0-based). */
function latestEndedColumn(): number {
  const month = new Date(Date.now() + 7 * 3_600_000).getUTCMonth(); // 0-based, WIB
  return Math.max(Math.floor(month / 3) - 1, 0);
}

/** The name on a signed-in person's own page. */
async function ownName(page: Page): Promise<string> {
  await page.goto("/saya");
  return ((await page.getByRole("heading", { level: 1 }).textContent()) ?? "").trim();
}

/** The count the panel shows for one predikat ("3 (25%)" → 3). */
async function panelCount(page: Page, predikat: string): Promise<number> {
  const text = await page.getByTestId("distribution-bars").locator(`li[data-predikat=${predikat}]`).getByTestId("distribution-count").textContent();
  return Number((text ?? "").split(" ")[0]);
}

async function choose(group: Locator, rating: "di_atas" | "sesuai" | "di_bawah") {
  await group.locator(`input[value=${rating}]`).check();
}

/** Opens a direct report's evaluation from the team page (the latest ended period). */
async function openFromTeam(page: Page, name: string) {
  await page.goto("/tim");
  const row = page.getByTestId("team-evaluation-row").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await row.getByTestId("team-evaluation-link").nth(latestEndedColumn()).click();
  await expect(page).toHaveURL(/\/skp\/\d+\/pegawai\/\d+\/penilaian\/\d+$/);
  await expect(page.getByTestId("penilaian-form")).toBeVisible();
  await hydrated(page);
}

test("the atasan rates live, another rater's panel follows, the pegawai appeals and the reviewer decides", async ({ browser }) => {
  const year = demoYear();
  const atasan = await signedIn(browser, "atasan");
  const atasanConsole = watchConsole(atasan);
  const atasanName = await ownName(atasan);
  const pelapor = await signedIn(browser, PELAPOR);
  const pelaporName = await ownName(pelapor);

  // The atasan pejabat penilai opens the atasan's own form: a rater of the same unit.
  const penilai = await signedIn(browser, "atasan pejabat penilai");
  const penilaiConsole = watchConsole(penilai);
  await openFromTeam(penilai, atasanName);
  await markDocument(penilai);
  const before = await panelCount(penilai, "sangat_baik");

  // The atasan opens the pelapor's evaluation from the team page and rates it.
  await openFromTeam(atasan, pelaporName);
  await markDocument(atasan);
  await expect(atasan.getByTestId("predikat-live")).toHaveText("Belum dinilai");
  const mine = await panelCount(atasan, "sangat_baik");
  const rhk = atasan.getByTestId("penilaian-rhk-rating");
  for (let i = 0; i < (await rhk.count()); i++) await choose(rhk.nth(i), "di_atas");
  // The guidance follows the RHK ratings, in the browser.
  await expect(atasan.getByTestId("suggestion-live")).toContainText("Di Atas Ekspektasi");
  const values = atasan.getByTestId("penilaian-value-rating");
  for (let i = 0; i < (await values.count()); i++) await choose(values.nth(i), "sesuai");
  await choose(atasan.getByTestId("penilaian-hasil-kerja-rating"), "di_atas");
  await choose(atasan.getByTestId("penilaian-perilaku-rating"), "sesuai");
  await expect(atasan.getByTestId("predikat-live")).toHaveText("Baik");
  await expect.poll(() => panelCount(atasan, "sangat_baik")).toBe(mine);
  // Perilaku above expectation too: Sangat Baik, and the unit's bar moves with it.
  for (let i = 0; i < (await values.count()); i++) await choose(values.nth(i), "di_atas");
  await choose(atasan.getByTestId("penilaian-perilaku-rating"), "di_atas");
  await expect(atasan.getByTestId("predikat-live")).toHaveText("Sangat Baik");
  await expect.poll(() => panelCount(atasan, "sangat_baik")).toBe(mine + 1);
  // The draft saves itself.
  await expect(atasan.getByTestId("autosave-note")).toContainText("Draf tersimpan");
  await expectSameDocument(atasan);
  await expectAccessible(atasan);

  await atasan.getByTestId("penilaian-finalise").click();
  await expect(atasan).toHaveURL(/final=1/);
  await expect(atasan.getByTestId("penilaian-status")).toHaveAttribute("data-status", "final");
  await expect(atasan.getByTestId("penilaian-predikat")).toHaveText("Sangat Baik");

  // The other rater's open form counts it within seconds, without a reload.
  await expect.poll(() => panelCount(penilai, "sangat_baik"), { timeout: 15_000 }).toBe(before + 1);
  await expect(penilai.getByTestId("distribution-live-note")).toContainText("penilai lain");
  await expectSameDocument(penilai);

  // The pelapor reads it, acknowledges, and files a keberatan.
  await pelapor.goto("/pemberitahuan");
  await pelapor.getByRole("button", { name: new RegExp(`^${atasanName} menetapkan penilaian kinerja Anda`) }).first().click();
  await expect(pelapor).toHaveURL(new RegExp(`/skp/${year}/penilaian/\\d+$`));
  await expect(pelapor.getByTestId("penilaian-predikat")).toHaveText("Sangat Baik");
  await pelapor.getByTestId("penilaian-acknowledge").click();
  await expect(pelapor.getByTestId("penilaian-status")).toHaveAttribute("data-status", "acknowledged");
  await expect(pelapor.getByTestId("penilaian-acknowledged-at")).toContainText("Dibaca pegawai");
  await pelapor.getByTestId("penilaian-appeal-reasons").fill("Perilaku kerja saya sesuai ekspektasi, bukan di atasnya; mohon ditinjau.");
  await pelapor.getByTestId("penilaian-appeal").click();
  await expect(pelapor.getByTestId("penilaian-status")).toHaveAttribute("data-status", "appealed");
  const evaluationUrl = pelapor.url();

  // The atasan pejabat penilai changes the ratings, with a written decision.
  await penilai.goto("/pemberitahuan");
  await penilai.getByRole("button", { name: new RegExp(`^${pelaporName} mengajukan keberatan`) }).first().click();
  await expect(penilai.getByTestId("penilaian-decide-form")).toBeVisible();
  await penilai.getByTestId("penilaian-decide-change").check();
  await choose(penilai.getByTestId("penilaian-decide-hasil-kerja"), "di_atas");
  await choose(penilai.getByTestId("penilaian-decide-perilaku"), "sesuai");
  await penilai.getByTestId("penilaian-decision").fill("Perilaku kerja sesuai ekspektasi berdasarkan catatan umpan balik periode ini.");
  await penilai.getByTestId("penilaian-decide").click();
  await expect(penilai.getByTestId("penilaian-status")).toHaveAttribute("data-status", "decided");
  await expect(penilai.getByTestId("penilaian-original-predikat")).toHaveText("Sangat Baik");
  await expect(penilai.getByTestId("penilaian-current-predikat")).toHaveText("Baik");
  await expectAccessible(penilai);
  penilaiConsole();

  // The pelapor sees both versions and downloads the evaluation document.
  await pelapor.goto(evaluationUrl);
  await expect(pelapor.getByTestId("penilaian-predikat")).toHaveText("Baik");
  await expect(pelapor.getByTestId("penilaian-appeal-outcome")).toContainText("diubah");
  await expect(pelapor.getByTestId("penilaian-original-predikat")).toHaveText("Sangat Baik");
  const download = pelapor.waitForEvent("download");
  await pelapor.getByTestId("penilaian-pdf").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Evaluasi-triwulan-.*\.pdf$/);
  expect(readFileSync((await file.path())!).subarray(0, 5).toString()).toBe("%PDF-");
  await pelapor.getByTestId("penilaian-document-link").click();
  await expect(pelapor.getByTestId("penilaian-document-predikat")).toHaveText("BAIK");
  await expect(pelapor.getByTestId("penilaian-document-appeal")).toContainText("Sangat Baik");
  await expectAccessible(pelapor);
  atasanConsole();
});

test("the admin follows each unit's evaluations by stage, its curve, and sets a unit's result", async ({ browser }) => {
  const admin = await signedIn(browser, "admin BKPSDM");
  const adminConsole = watchConsole(admin);
  await admin.goto("/admin");
  await admin.getByTestId("admin-link-penilaian").click();
  await expect(admin).toHaveURL(/\/admin\/penilaian$/);
  const evaluated = Number(((await admin.getByTestId("monitor-evaluated").textContent()) ?? "0").replace(/\./g, ""));
  expect(evaluated).toBeGreaterThan(0);
  await admin.getByTestId("monitor-unit").filter({ hasText: "Penanaman Modal" }).getByRole("link").click();
  await expect(admin.getByTestId("monitor-people")).toBeVisible();
  // The late ones come first.
  const late = await admin.getByTestId("monitor-person").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-late") === "true"));
  expect(late).toEqual([...late].sort((a, b) => Number(b) - Number(a)));
  await expectAccessible(admin);
  const download = admin.waitForEvent("download");
  await admin.getByTestId("monitor-csv").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^penilaian-.*\.csv$/);
  const csv = readFileSync((await file.path())!, "utf8").replace(/^\uFEFF/, "");
  expect(csv.split(/\r?\n/)[0]).toBe("nip,nama,unit_kerja,atasan,tahap,terlambat");

  // The curve page: every unit against its curve, the breaches listed.
  await admin.getByTestId("monitor-to-curve").click();
  await expect(admin.getByTestId("curve-units")).toBeVisible();
  await expect(admin.getByTestId("curve-summary")).toBeVisible();
  const unit = admin.getByTestId("curve-unit").filter({ hasText: "Penanaman Modal" });
  await unit.getByTestId("curve-unit-predikat").selectOption("istimewa");
  await unit.getByTestId("curve-unit-save").click();
  await expect(admin.getByTestId("curve-unit").filter({ hasText: "Penanaman Modal" }).getByTestId("curve-unit-predikat")).toHaveValue("istimewa");
  await expectAccessible(admin);
  adminConsole();
});
