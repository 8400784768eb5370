// Realisasi on the demo data, as the demo pelapor (a pegawai whose SKP is approved
// and who has reported nothing yet) and their atasan: a period filed with a PDF, a
// photo and a link while capaian follows the typing; an HTML page renamed .pdf
// refused by name; the atasan opening the report from the notice; a second period
// filed with JavaScript off; a period the admin closes refusing every change until
// it is reopened; the admin's monitor and its CSV.
import { expect, test, type Page } from "@playwright/test";
import { demoYear, signedIn, type Role } from "./accounts";
import { expectAccessible, hydrated, watchConsole } from "./console";

test.describe.configure({ mode: "serial" });
test.setTimeout(180_000);

const PELAPOR: Role = "pegawai (realisasi)";

const literally = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const pdf = (tag: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% ${tag}\ntrailer <</Root 1 0 R>>\n%%EOF\n`);
// The smallest JPEG header a camera writes (SOI, JFIF APP0, EOI).
const photo = Buffer.from("ffd8ffe000104a46494600010100000100010000ffd9", "hex");
const htmlPage = Buffer.from("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");

/** The period at `index` of the plan page's realisasi list: its name and link. */
async function openPeriod(page: Page, year: number, index: number): Promise<string> {
  await page.goto(`/skp/${year}`);
  const period = page.getByTestId("realisasi-period").nth(index);
  await expect(period.getByTestId("realisasi-status")).toHaveAttribute("data-status", "belum");
  const name = ((await period.getByTestId("realisasi-period-name").textContent()) ?? "").trim();
  await period.getByTestId("realisasi-period-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Realisasi ${name}`);
  return name;
}

/** Fills every rencana aksi and account, and each realisasi equal to its target. */
async function fillAll(page: Page) {
  const rhk = page.getByTestId("realisasi-rhk");
  for (let i = 0; i < (await rhk.count()); i++) {
    await rhk.nth(i).getByTestId("realisasi-action").fill(`Menyelesaikan permohonan tahap ${i + 1} sesuai standar`);
  }
  const iki = page.getByTestId("realisasi-iki");
  for (let i = 0; i < (await iki.count()); i++) {
    const target = await iki.nth(i).getByTestId("realisasi-target-input").inputValue();
    await iki.nth(i).getByTestId("realisasi-value-input").fill(target);
    await iki.nth(i).getByTestId("realisasi-account").fill("Seluruh permohonan dicatat dan diselesaikan.");
  }
}

test("a pegawai files a period with a PDF, a photo and a link, and the atasan reads it from the notice", async ({ browser }) => {
  const year = demoYear();
  const pegawai = await signedIn(browser, PELAPOR);
  const pegawaiConsole = watchConsole(pegawai, [400]);
  const name = ((await pegawai.getByRole("heading", { level: 1 }).textContent()) ?? "").trim();
  const period = await openPeriod(pegawai, year, 0);
  await hydrated(pegawai);
  const late = (await pegawai.getByTestId("realisasi-past-deadline").count()) > 0;

  // Capaian follows the typing, by the rule the server stores.
  const first = pegawai.getByTestId("realisasi-iki").first();
  const capaian = first.getByTestId("realisasi-capaian");
  await expect(capaian).toHaveText("—");
  const target = await first.getByTestId("realisasi-target-input").inputValue();
  await first.getByTestId("realisasi-value-input").fill(target);
  await expect(capaian).toHaveText("100%");
  await first.getByTestId("realisasi-value-input").fill("0");
  await expect(capaian).toHaveText(/^(0|200)%$/);
  await fillAll(pegawai);
  await expect(capaian).toHaveText("100%");

  // Files go up at once, each with its progress; an HTML page named .pdf is refused by name.
  await first.getByTestId("realisasi-files").setInputFiles([
    { name: "laporan-kegiatan.pdf", mimeType: "application/pdf", buffer: pdf("laporan") },
    { name: "foto-pelayanan.jpg", mimeType: "image/jpeg", buffer: photo },
    { name: "undangan.pdf", mimeType: "application/pdf", buffer: htmlPage },
  ]);
  const rows = first.getByTestId("upload-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: "laporan-kegiatan.pdf" })).toHaveAttribute("data-done", "ok");
  await expect(rows.filter({ hasText: "foto-pelayanan.jpg" })).toHaveAttribute("data-done", "ok");
  const refused = rows.filter({ hasText: "undangan.pdf" });
  await expect(refused).toHaveAttribute("data-done", "refused");
  await expect(refused).toContainText("Ditolak");
  await expect(refused).toContainText("\"undangan.pdf\"");
  await first.getByTestId("realisasi-link").fill("https://kepahiangkab.go.id/berita/pelayanan-perizinan-terpadu");

  await pegawai.getByTestId("realisasi-file").click();
  await expect(pegawai).toHaveURL(/dilaporkan=1/);
  await expect(pegawai.getByTestId("realisasi-filed")).toBeVisible();
  await expect(pegawai.getByTestId("realisasi-status").first()).toHaveAttribute("data-status", late ? "terlambat" : "dilaporkan");
  const evidence = pegawai.getByTestId("realisasi-iki").first().getByTestId("evidence-item");
  await expect(evidence).toHaveCount(3);
  await expect(evidence.getByTestId("evidence-sha256")).toHaveCount(2);
  await expect(evidence.getByTestId("evidence-sha256").first()).toHaveText(/^[0-9a-f]{64}$/);
  await expect(evidence.getByTestId("evidence-link")).toHaveAttribute("rel", "noopener noreferrer");
  await expectAccessible(pegawai);
  pegawaiConsole();

  // The atasan is notified and opens the report from the notice.
  const atasan = await signedIn(browser, "atasan");
  const atasanConsole = watchConsole(atasan);
  await atasan.goto("/pemberitahuan");
  await atasan.getByRole("button", { name: new RegExp(`^${literally(name)} melaporkan realisasi ${literally(period)}`) }).first().click();
  await expect(atasan).toHaveURL(new RegExp(`/skp/${year}/pegawai/\\d+/realisasi/\\d+$`));
  await expect(atasan.getByRole("heading", { level: 1 })).toHaveText(`Realisasi ${period}: ${name}`);
  const read = atasan.getByTestId("realisasi-read");
  await expect(read.getByTestId("realisasi-capaian").first()).toHaveText("100%");
  await expect(read.getByTestId("evidence-item")).toHaveCount(3);
  const download = atasan.waitForEvent("download");
  await read.getByTestId("evidence-file").filter({ hasText: "laporan-kegiatan.pdf" }).click();
  expect((await download).suggestedFilename()).toBe("laporan-kegiatan.pdf");
  // The team page shows the period as reported.
  await atasan.goto("/tim");
  const row = atasan.getByTestId("team-filing-row").filter({ hasText: name });
  await expect(row.getByTestId("realisasi-status").first()).toHaveAttribute("data-status", late ? "terlambat" : "dilaporkan");
  await expectAccessible(atasan);
  atasanConsole();
});

test("without JavaScript the same filing works as a plain form with its files", async ({ browser }) => {
  const year = demoYear();
  const pegawai = await signedIn(browser, PELAPOR, false);
  await openPeriod(pegawai, year, 1);
  await expect(pegawai.locator("body[data-hydrated]")).toHaveCount(0);
  await fillAll(pegawai);
  const first = pegawai.getByTestId("realisasi-iki").first();
  await first.getByTestId("realisasi-files").setInputFiles([
    { name: "daftar-hadir.pdf", mimeType: "application/pdf", buffer: pdf("daftar hadir") },
    { name: "notulen.pdf", mimeType: "application/pdf", buffer: htmlPage },
  ]);
  await first.getByTestId("realisasi-link").fill("https://kepahiangkab.go.id/pengumuman/jadwal-pelayanan-keliling");
  await pegawai.getByTestId("realisasi-file").click();
  await expect(pegawai).toHaveURL(/dilaporkan=1/);
  await expect(pegawai.getByTestId("realisasi-filed")).toBeVisible();
  // The good file and the link are kept; the renamed page is named in the refusal.
  await expect(pegawai.getByTestId("realisasi-refused")).toContainText("\"notulen.pdf\"");
  const evidence = pegawai.getByTestId("realisasi-iki").first().getByTestId("evidence-item");
  await expect(evidence).toHaveCount(2);
  await expect(evidence.first()).toContainText("daftar-hadir.pdf");
  await expect(pegawai.getByTestId("realisasi-capaian").first()).toHaveText("100%");
});

test("text typed but never saved is offered back after the page is lost", async ({ browser }) => {
  const year = demoYear();
  const pegawai = await signedIn(browser, PELAPOR);
  await openPeriod(pegawai, year, 2);
  await hydrated(pegawai);
  const typed = "Rencana yang belum sempat disimpan";
  await pegawai.getByTestId("realisasi-action").first().fill(typed);
  // The connection drops or the tab closes: the next visit starts from the server's copy.
  await pegawai.reload();
  await hydrated(pegawai);
  await expect(pegawai.getByTestId("realisasi-action").first()).toHaveValue("");
  await expect(pegawai.getByTestId("draft-offer")).toBeVisible();
  await pegawai.getByTestId("draft-restore").click();
  await expect(pegawai.getByTestId("realisasi-action").first()).toHaveValue(typed);
  await expect(pegawai.getByTestId("draft-offer")).toHaveCount(0);
});

test("a period the admin closes refuses every change until it is reopened", async ({ browser }) => {
  const year = demoYear();
  const pegawai = await signedIn(browser, PELAPOR);
  await pegawai.goto(`/skp/${year}`);
  await pegawai.getByTestId("realisasi-period").first().getByTestId("realisasi-period-link").click();
  await expect(pegawai.getByTestId("realisasi-form")).toHaveCount(1);
  const formUrl = pegawai.url();

  const admin = await signedIn(browser, "admin BKPSDM");
  await admin.goto("/admin/periode");
  await hydrated(admin);
  const first = admin.getByTestId(`year-${year}`).getByTestId("period").first();
  await first.getByRole("button", { name: "Tutup" }).click();
  await expect(first).toContainText("ditutup");

  // The form opened before the closing is refused when sent, and says why.
  await hydrated(pegawai);
  await pegawai.getByTestId("realisasi-action").first().fill("Perubahan setelah periode ditutup");
  await pegawai.getByTestId("realisasi-save").click();
  await expect(pegawai).toHaveURL(/ditolak=periode/);
  await expect(pegawai.getByTestId("realisasi-not-saved")).toBeVisible();
  await expect(pegawai.getByTestId("realisasi-closed")).toContainText("sudah ditutup");
  await expect(pegawai.getByTestId("realisasi-form")).toHaveCount(0);
  await expect(pegawai.getByTestId("evidence-remove")).toHaveCount(0);
  await expect(pegawai.getByTestId("realisasi-action")).toHaveCount(0);

  // Reopened (audited), the form is back.
  await admin.reload();
  await hydrated(admin);
  await admin.getByTestId(`year-${year}`).getByTestId("period").first().getByRole("button", { name: "Buka kembali" }).click();
  await expect(admin.getByTestId(`year-${year}`).getByTestId("period").first()).toContainText("terbuka");
  await pegawai.goto(formUrl);
  await expect(pegawai.getByTestId("realisasi-form")).toHaveCount(1);
});

test("the admin follows filing per unit and downloads it as CSV", async ({ browser }) => {
  const admin = await signedIn(browser, "admin BKPSDM");
  const adminConsole = watchConsole(admin);
  await admin.goto("/admin");
  await admin.getByTestId("admin-link-monitor").click();
  await expect(admin).toHaveURL(/\/admin\/realisasi$/);
  const total = async (id: string) => Number(((await admin.getByTestId(id).textContent()) ?? "0").replace(/\./g, ""));
  const filed = await total("monitor-filed");
  const lateCount = await total("monitor-late");
  const missing = await total("monitor-missing");
  expect(filed + lateCount + missing).toBeGreaterThan(0);
  // Open the licensing office, where the demo pelapor works, then its people.
  await admin.getByTestId("monitor-unit").filter({ hasText: "Penanaman Modal" }).getByRole("link").click();
  await expect(admin.getByRole("heading", { level: 1 })).toContainText("Penanaman Modal");
  await expect(admin.getByTestId("monitor-people")).toBeVisible();
  const people = admin.getByTestId("monitor-person");
  expect(await people.count()).toBeGreaterThan(0);
  // Those who have not reported come first.
  const statuses = await people.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")));
  const order = statuses.map((s) => ({ belum: 0, terlambat: 1, dilaporkan: 2 })[s as string]);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  await expectAccessible(admin);
  const download = admin.waitForEvent("download");
  await admin.getByTestId("monitor-csv").click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^realisasi-.*\.csv$/);
  const csv = (await import("node:fs")).readFileSync((await file.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe("nip,nama,unit_kerja,status,dilaporkan_pada");
  // Read the page again: a journey running beside this one may have just approved a
  // plan in this office (its holder then joins the list), after the first look.
  await admin.reload();
  expect(lines.length - 1).toBe(await people.count());
  adminConsole();
});
