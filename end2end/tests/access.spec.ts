// Each role logs in through the real form and sees its own navigation and pages;
// a pegawai opening someone else's page by URL is refused.
import { expect, test } from "@playwright/test";
import { logIn, demoNip } from "./accounts";
import { expectAccessible, hydrated, watchConsole } from "./console";

const nav = (page: import("@playwright/test").Page) => page.getByRole("navigation", { name: "Navigasi utama" });

test("a pegawai sees only their own profile, and a stranger's page is refused", async ({ page }) => {
  const noConsoleErrors = watchConsole(page, [403]);
  await logIn(page, "pegawai");
  await expect(page.getByTestId("profile-reach")).toHaveText("Data Anda sendiri");
  await expect(nav(page).getByRole("link", { name: "Profil saya" })).toBeVisible();
  for (const hidden of ["Tim saya", "Admin", "Pimpinan", "Pegawai", "Masuk"]) {
    await expect(nav(page).getByRole("link", { name: hidden, exact: true })).toHaveCount(0);
  }
  // Someone else's page by URL: a refusal page with 403, no data.
  const response = await page.goto("/pegawai/1");
  expect(response?.status()).toBe(403);
  await expect(page.getByTestId("refusal")).toContainText("Akses ditolak");
  await expect(page.getByTestId("profile")).toHaveCount(0);
  // And the admin pages refuse too.
  const admin = await page.goto("/admin/audit");
  await hydrated(page);
  await expect(page.getByTestId("refusal").first()).toBeVisible();
  expect(admin?.status()).toBe(403);
  noConsoleErrors();
});

test("an atasan sees their team and opens a subordinate's page", async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await logIn(page, "atasan");
  await nav(page).getByRole("link", { name: "Tim saya" }).click();
  await expect(page).toHaveURL(/\/tim$/);
  const direct = page.getByTestId("team-direct");
  await expect(direct.getByRole("row")).not.toHaveCount(0);
  await direct.getByRole("link", { name: /.+/ }).first().click();
  await expect(page.getByTestId("profile-reach")).toHaveText("Bawahan langsung Anda");
  await expect(page.getByTestId("admin-panel")).toHaveCount(0);
  noConsoleErrors();
});

test("an admin BKPSDM finds an employee, sees the admin tools and verifies the audit chain", async ({ page }) => {
  const noConsoleErrors = watchConsole(page);
  await logIn(page, "admin BKPSDM");
  await nav(page).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByTestId("admin-link-import")).toBeVisible();
  await page.getByTestId("admin-link-employees").click();
  await page.getByTestId("employee-search").fill(demoNip("pegawai"));
  await page.getByTestId("employee-search").press("Enter");
  await expect(page.getByTestId("employee-results").getByRole("link")).toHaveCount(1);
  // Work on someone who is not a demo account (other journeys log in with those).
  await page.getByTestId("employee-search").fill("ani");
  await page.getByTestId("employee-search").press("Enter");
  await expect(page.getByTestId("employee-results").getByRole("row").nth(5)).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId("employee-results").getByRole("link").last().click();
  await expect(page.getByTestId("profile-reach")).toHaveText("Dilihat sebagai admin BKPSDM");
  const name = (await page.getByRole("heading", { level: 1 }).textContent())?.trim();
  const nip = await page.getByTestId("profile-nip").textContent();
  expect(["pegawai", "atasan", "admin BKPSDM", "pimpinan"].map((r) => demoNip(r as never))).not.toContain(nip);
  await expect(page.getByTestId("admin-panel")).toBeVisible();
  await hydrated(page);
  await expectAccessible(page);
  // The position picker: the employee's unit's positions come with the page, the
  // current one chosen; searching for a unit lists that unit's positions.
  const position = page.getByTestId("admin-position");
  expect(await position.inputValue()).not.toBe("");
  await page.getByTestId("admin-position-unit-search").fill("dinas");
  const unit = page.getByTestId("admin-position-unit");
  await expect(unit.locator("option").nth(2)).toBeAttached();
  const positionsOf = async (index: number) => {
    const answered = page.waitForResponse((r) => r.url().includes("/api/admin_unit_positions"));
    await unit.selectOption({ index });
    expect((await answered).ok()).toBe(true);
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(done)));
    return position.locator("option").allTextContents();
  };
  const first = await positionsOf(1);
  expect(first.length).toBeGreaterThan(1);
  expect(await positionsOf(2)).not.toEqual(first);
  // A one-time password is issued and shown once.
  await page.getByTestId("admin-reset-password").click();
  await expect(page.getByTestId("issued-password")).toContainText(/[A-Za-z0-9]{12}/);
  await page.goto("/admin/audit");
  await hydrated(page);
  // The reset reads as a sentence naming the employee (other journeys may have
  // written newer records); the stored change is one click away.
  const told = new RegExp(` mengatur ulang kata sandi ${name!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.$`);
  const reset = page.getByTestId("audit-entry").filter({ has: page.getByTestId("audit-sentence").filter({ hasText: told }) }).first();
  await expect(reset).toBeVisible();
  await expect(reset.getByText("must_change_password")).toBeHidden();
  await reset.getByText("Rincian").click();
  await expect(reset.getByText("must_change_password")).toBeVisible();
  await expectAccessible(page);
  await page.getByTestId("audit-verify").click();
  await expect(page.getByTestId("audit-intact")).toBeVisible();
  noConsoleErrors();
});

test("a pimpinan sees the leadership overview across units, read-only", async ({ page }) => {
  const noConsoleErrors = watchConsole(page, [403]);
  await logIn(page, "pimpinan");
  await nav(page).getByRole("link", { name: "Pimpinan" }).click();
  await expect(page.getByTestId("leadership-table")).toContainText("Dinas Penanaman Modal");
  await expect(nav(page).getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  const response = await page.goto("/admin/organisasi");
  expect(response?.status()).toBe(403);
  noConsoleErrors();
});

test("a wrong password gets the same message as an unknown NIP, and log-out ends the session", async ({ page }) => {
  const noConsoleErrors = watchConsole(page, [400, 401]);
  await page.goto("/masuk");
  await hydrated(page);
  await page.getByTestId("login-nip").fill(demoNip("atasan"));
  await page.getByTestId("login-password").fill("bukan-kata-sandinya-1");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-password-error")).toHaveText("NIP atau kata sandi salah.");
  await page.getByTestId("login-nip").fill("199901012020011999");
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("login-password-error")).toHaveText("NIP atau kata sandi salah.");

  await logIn(page, "atasan");
  await page.getByTestId("logout").click();
  await expect(page).toHaveURL(/\/$/);
  await expect(nav(page).getByRole("link", { name: "Masuk" })).toBeVisible();
  const response = await page.goto("/saya");
  expect(response?.status()).toBe(401);
  await expect(page.getByTestId("login-required")).toBeVisible();
  noConsoleErrors();
});
