import { expect, test } from "@playwright/test";
import { watchConsole } from "./console";

for (const path of ["/", "/organisasi", "/tentang"]) {
  test(`${path} fits the screen without sideways scrolling`, async ({ page }) => {
    const noConsoleErrors = watchConsole(page);
    await page.goto(path);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    // On a phone the destinations sit behind the menu button.
    const menu = page.getByTestId("phone-menu-button");
    if (await menu.isVisible()) await menu.click();
    await expect(page.getByRole("navigation").getByRole("link", { name: "Organisasi" })).toBeVisible();
    noConsoleErrors();
  });
}
