// Without JavaScript a thread still reads and posts: a plain form, a reload.
import { expect, test } from "@playwright/test";
import { demoYear, signedIn } from "./accounts";

test("without JavaScript a feedback thread reads and posts", async ({ browser }) => {
  const page = await signedIn(browser, "pegawai (realisasi)", false);
  await page.goto(`/skp/${demoYear()}`);
  await page.getByTestId("skp-rhk-feedback").last().click();
  await expect(page).toHaveURL(/\/umpan-balik\?subjek=rhk:\d+$/);
  const before = await page.getByTestId("feedback-message").count();
  await page.getByTestId("feedback-input").fill("Pesan tanpa JavaScript.");
  await page.getByTestId("feedback-send").click();
  await expect(page).toHaveURL(/\/umpan-balik\?subjek=rhk:\d+$/);
  await expect(page.getByTestId("feedback-message")).toHaveCount(before + 1);
  await expect(page.getByTestId("feedback-message").last()).toContainText("Pesan tanpa JavaScript.");
  // An empty message is refused with what to fix (the field's `required` aside).
  await page.getByTestId("feedback-input").evaluate((el) => el.removeAttribute("required"));
  await page.getByTestId("feedback-send").click();
  await expect(page.getByTestId("feedback-error")).toContainText("Tulis pesannya");
});
