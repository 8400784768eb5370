// The same journeys in English: a visitor switches the language on the log-in
// page (a reload that renders everything, the islands too, in English), fails a
// log-in and reads why in English, then as the atasan reads their SKP, the
// document, a subordinate's plan with the BerAKHLAK guides and the live password
// check (the island's WASM speaks English), and switches back to Indonesian and
// again to English in place. Nothing is saved: the other specs share this data.
import { expect, test, type Page } from "@playwright/test";
import { demoNip, demoYear, PASSWORD } from "./accounts";
import { hydrated, watchConsole } from "./console";

async function switchLanguage(page: Page, to: "en" | "id"): Promise<void> {
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", to);
}

test("the journeys work in English, and switching language changes every text in place", async ({ page }) => {
  const year = demoYear();
  // The refused log-in answers 400, which the browser logs.
  const consoleClean = watchConsole(page, [400]);

  // Indonesian by default; the switch reloads the same page in English.
  await page.goto("/masuk");
  await expect(page.locator("html")).toHaveAttribute("lang", "id");
  await switchLanguage(page, "en");
  await expect(page).toHaveURL(/\/masuk$/);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
  await expect(page.getByTestId("lang-switch")).toHaveText("Bahasa Indonesia");

  // A wrong password is refused in English.
  await page.getByTestId("login-nip").fill(demoNip("atasan"));
  await page.getByTestId("login-password").fill("not-the-password-1");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-password-error")).toHaveText("Wrong NIP or password.");
  // A plain form: the page came back with the message, the fields empty.
  await page.getByTestId("login-nip").fill(demoNip("atasan"));
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL(/\/saya$/);
  await expect(page.getByRole("navigation")).toContainText("My team");

  // The atasan's own plan: status, table headings and history in English.
  await page.goto(`/skp/${year}`);
  await expect(page.getByTestId("skp-status")).toHaveText(/^(Draft|Submitted|Approved|Returned)$/);
  await expect(page.getByTestId("skp-table")).toContainText("Planned result (RHK)");
  await expect(page.getByTestId("skp-table")).not.toContainText(/Kuantitas|Kualitas|Waktu|Biaya|UTAMA|Utama/);
  await expect(page.getByTestId("skp-perilaku")).toContainText("Help others learn");
  await expect(page.locator("body")).not.toContainText(/Versi \d/);

  // The document, in English on screen.
  await page.goto(`/skp/${year}/pegawai/${await ownId(page)}/dokumen`);
  await expect(page.getByTestId("skp-document")).toContainText("EMPLOYEE PERFORMANCE TARGETS (SKP)");
  await expect(page.getByTestId("skp-document")).toContainText("Individual performance indicator");
  await expect(page.getByTestId("skp-document")).not.toContainText(/Januari|Desember|s\.d\./);

  // The team's plans list English statuses.
  await page.goto("/tim");
  await expect(page.getByTestId("team-plans")).not.toContainText(/Draf\b|Diajukan|Disetujui|Dikembalikan|belum menyusun/);

  // An island, hydrated in English: the password rules are checked as one types.
  await page.goto("/ganti-sandi");
  await hydrated(page);
  await page.getByTestId("password-new").fill("short1");
  await expect(page.getByTestId("password-new-error")).toHaveText(
    "The new password is too short: at least 10 characters.",
  );

  // Back to Indonesian in place, island included, and to English again.
  await switchLanguage(page, "id");
  await expect(page).toHaveURL(/\/ganti-sandi$/);
  await hydrated(page);
  await expect(page.getByRole("navigation")).toContainText("Tim saya");
  await page.getByTestId("password-new").fill("short1");
  await expect(page.getByTestId("password-new-error")).toHaveText(
    "Kata sandi baru terlalu pendek: sekurang-kurangnya 10 karakter.",
  );
  await switchLanguage(page, "en");
  await hydrated(page);
  await expect(page.getByRole("navigation")).toContainText("My team");
  await page.getByTestId("password-new").fill("short1");
  await expect(page.getByTestId("password-new-error")).toContainText("too short");
  consoleClean();
});

/** The signed-in person's employee id, from the link of their profile's SKP. */
async function ownId(page: Page): Promise<string> {
  const href = await page.getByTestId("skp-document-link").getAttribute("href");
  const match = href?.match(/\/pegawai\/(\d+)\/dokumen/);
  if (!match) throw new Error(`no document link: ${href}`);
  return match[1];
}
