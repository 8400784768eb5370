// The scoring form without JavaScript: the ratings go as a plain form, and the
// predikat the server computed shows on the page it answers with.
import { expect, test } from "@playwright/test";
import { signedIn } from "./accounts";

test("without JavaScript a rating submits and the predikat shows after submit", async ({ browser }) => {
  // Someone of the atasan's team the other journeys leave alone: not the pelapor.
  const pelapor = await signedIn(browser, "pegawai (realisasi)", false);
  await pelapor.goto("/saya");
  const pelaporName = ((await pelapor.getByRole("heading", { level: 1 }).textContent()) ?? "").trim();

  const atasan = await signedIn(browser, "atasan", false);
  await atasan.goto("/tim");
  const rows = atasan.getByTestId("team-evaluation-row").filter({ hasNotText: pelaporName });
  const open = rows.getByTestId("team-evaluation-link").filter({ has: atasan.locator("[data-status=none]") });
  await expect(open.first(), "a team member not rated yet").toBeVisible();
  await open.first().click();
  await expect(atasan.getByTestId("penilaian-form")).toBeVisible();
  await expect(atasan.locator("body[data-hydrated]")).toHaveCount(0);

  const rhk = atasan.getByTestId("penilaian-rhk-rating");
  for (let i = 0; i < (await rhk.count()); i++) await rhk.nth(i).locator("input[value=sesuai]").check();
  const values = atasan.getByTestId("penilaian-value-rating");
  for (let i = 0; i < (await values.count()); i++) await values.nth(i).locator("input[value=di_atas]").check();
  await atasan.getByTestId("penilaian-hasil-kerja-rating").locator("input[value=sesuai]").check();
  await atasan.getByTestId("penilaian-perilaku-rating").locator("input[value=di_atas]").check();
  await atasan.getByTestId("penilaian-save").click();

  await expect(atasan).toHaveURL(/tersimpan=1/);
  await expect(atasan.getByTestId("penilaian-notice")).toContainText("Draf penilaian tersimpan");
  // Sesuai × Di Atas: Baik, computed by the server and shown in the page it sent.
  await expect(atasan.getByTestId("predikat-live")).toHaveText("Baik");
  await expect(atasan.getByTestId("penilaian-perilaku-rating").locator("input[value=di_atas]")).toBeChecked();
});
