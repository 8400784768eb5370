// Every role on a 360 px phone: the menu button opens a panel with every
// destination of the role (and, signed in, the person's name and log-out); each
// destination and the deeper pages of the role open, fit the screen without
// sideways scrolling, and have no serious or critical axe-core violation.
import { expect, test, type Page } from "@playwright/test";
import { demoYear, logIn, type Role } from "./accounts";
import { accessibilityProblems, watchConsole } from "./console";

const year = demoYear();
const PUBLIC = ["Beranda", "Organisasi", "Tentang"];

type Journey = {
  who: Role | "pengunjung";
  /** The menu's links, in order. */
  menu: string[];
  /** Pages beyond the menu that the role works on. */
  deeper: (page: Page) => Promise<string[]>;
};

/**
 * A direct report's plan and its document this year: the first report on the team
 * page whose document opens (not every report has written a plan).
 */
async function reportPages(page: Page): Promise<string[]> {
  await page.goto("/tim");
  const profiles = await page
    .getByTestId("team-direct")
    .locator('a[href^="/pegawai/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  for (const profile of profiles) {
    const plan = `/skp/${year}${profile}`;
    if ((await page.request.get(`${plan}/dokumen`)).status() === 200) return [plan, `${plan}/dokumen`];
  }
  throw new Error(`none of ${profiles.length} direct reports has a ${year} plan`);
}

/** The first evaluation on the team page (the scoring form while it is a draft). */
async function teamEvaluation(page: Page): Promise<string[]> {
  await page.goto("/tim");
  const href = await page.getByTestId("team-evaluation-link").first().getAttribute("href");
  expect(href).toMatch(/\/penilaian\/\d+$/);
  return [href!];
}

const JOURNEYS: Journey[] = [
  { who: "pengunjung", menu: [...PUBLIC, "Masuk"], deeper: async () => ["/masuk"] },
  {
    who: "pegawai",
    menu: [...PUBLIC, "Profil saya", "SKP"],
    deeper: async () => [`/skp/${year}`, `/skp/${year}/matriks`, "/pemberitahuan", "/ganti-sandi"],
  },
  {
    who: "atasan",
    menu: [...PUBLIC, "Profil saya", "SKP", "Tim saya"],
    deeper: async (page) => [`/skp/${year}`, ...(await reportPages(page)), ...(await teamEvaluation(page))],
  },
  {
    who: "atasan pejabat penilai",
    menu: [...PUBLIC, "Profil saya", "SKP", "Tim saya"],
    deeper: async (page) => teamEvaluation(page),
  },
  {
    who: "admin BKPSDM",
    menu: [...PUBLIC, "Profil saya", "SKP", "Pegawai", "Admin"],
    deeper: async () => [
      "/admin/organisasi",
      "/admin/impor",
      "/admin/audit",
      "/admin/periode",
      "/admin/penilaian",
      "/admin/kurva",
      `/skp/${year}/kaskade`,
    ],
  },
  {
    who: "pimpinan",
    // The demo pimpinan leads people too: their team is theirs to see.
    menu: [...PUBLIC, "Profil saya", "SKP", "Tim saya", "Pegawai", "Pimpinan"],
    deeper: async () => [`/skp/${year}/kaskade`, "/admin/penilaian", "/admin/kurva"],
  },
];

async function fitsAndIsAccessible(page: Page, problems: string[]): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (scrollWidth > innerWidth) problems.push(`${page.url()}: ${scrollWidth} px wide on a ${innerWidth} px screen`);
  for (const problem of await accessibilityProblems(page)) problems.push(`${page.url()}: ${problem}`);
}

for (const journey of JOURNEYS) {
  test(`${journey.who} reaches every destination from the phone menu`, async ({ page }) => {
    test.setTimeout(120_000);
    const noConsoleErrors = watchConsole(page);
    if (journey.who !== "pengunjung") await logIn(page, journey.who);
    else await page.goto("/");
    const problems: string[] = [];
    const button = page.getByTestId("phone-menu-button");
    const panel = page.getByTestId("phone-menu").getByRole("navigation");

    // Closed, the panel hides; open, it lists exactly the role's destinations.
    await expect(button).toBeVisible();
    await expect(panel).toBeHidden();
    await button.click();
    await expect(panel.getByRole("link")).toHaveText(journey.menu);
    if (journey.who !== "pengunjung") {
      await expect(page.getByTestId("phone-viewer-name")).not.toBeEmpty();
      await expect(page.getByTestId("phone-logout")).toBeVisible();
    } else {
      await expect(page.getByTestId("phone-logout")).toHaveCount(0);
    }

    // Each destination through the menu, as a person would tap it.
    for (const name of journey.menu) {
      if (!(await panel.isVisible())) await button.click();
      await panel.getByRole("link", { name, exact: true }).click();
      await page.waitForLoadState("load");
      await expect(page.locator("main h1").first()).toBeVisible();
      await fitsAndIsAccessible(page, problems);
    }
    for (const path of await journey.deeper(page)) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.locator("main h1").first()).toBeVisible();
      await fitsAndIsAccessible(page, problems);
    }
    expect(problems).toEqual([]);

    // A year not yet opened (other journeys open the next two) explains itself and
    // leads back, with no editor.
    if (journey.who === "pegawai") {
      const unopened = year + 5;
      await page.goto(`/skp/${unopened}`);
      await expect(page.getByTestId("skp-year-state")).toContainText(`Tahun kinerja ${unopened} belum dibuka`);
      await expect(page.getByTestId("skp-editor")).toHaveCount(0);
      await expect(page.getByRole("link", { name: "Kembali ke daftar tahun kinerja" })).toBeVisible();
    }

    // Log-out from the panel ends the session.
    if (journey.who !== "pengunjung") {
      await button.click();
      await page.getByTestId("phone-logout").click();
      await expect(page).toHaveURL(/\/$/);
      await button.click();
      await expect(panel.getByRole("link", { name: "Masuk" })).toBeVisible();
    }
    noConsoleErrors();
  });
}
