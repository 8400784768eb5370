import { expect, test } from "@playwright/test";

test("without JavaScript the pages render and the search form still works", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("stat-employees")).toHaveText(/^3\.00\d$/);
  await page.getByRole("link", { name: "Organisasi" }).click();
  await page.getByTestId("unit-search").fill("kecamatan");
  await page.getByRole("button", { name: "Cari" }).click();
  await expect(page).toHaveURL(/q=kecamatan/);
  await expect(page.getByTestId("unit-results").locator("tbody tr")).toHaveCount(8);
  await expect(page.locator("body[data-hydrated]")).toHaveCount(0);
});

test("without JavaScript the log-in form works and shows its error", async ({ page }) => {
  const { demoNip, PASSWORD } = await import("./accounts");
  await page.goto("/masuk");
  await page.getByTestId("login-nip").fill(demoNip("atasan"));
  await page.getByTestId("login-password").fill("bukan-kata-sandinya-2");
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL(/\/masuk/);
  await expect(page.getByTestId("login-password-error")).toHaveText("NIP atau kata sandi salah.");
  await page.getByTestId("login-nip").fill(demoNip("atasan"));
  await page.getByTestId("login-password").fill(PASSWORD);
  await page.getByTestId("login-submit").click();
  await expect(page).toHaveURL(/\/saya$/);
  await expect(page.getByTestId("profile-nip")).toHaveText(demoNip("atasan"));
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "Masuk" })).toBeVisible();
});
