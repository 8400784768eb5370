import { expect, test } from "@playwright/test";

test("without JavaScript the pages render and the search form still works", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("stat-employees")).toHaveText("3.000");
  await page.getByRole("link", { name: "Organisasi" }).click();
  await page.getByTestId("unit-search").fill("kecamatan");
  await page.getByRole("button", { name: "Cari" }).click();
  await expect(page).toHaveURL(/q=kecamatan/);
  await expect(page.getByTestId("unit-results").locator("tbody tr")).toHaveCount(8);
  await expect(page.locator("body[data-hydrated]")).toHaveCount(0);
});
