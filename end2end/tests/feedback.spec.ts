// Feedback threads: a message from one person shows on the other's open page
// without a reload; when the server restarts, the page says it is offline,
// reconnects by itself and shows what was posted, once. This journey runs its own
// SIKAP instance (the release binary on its own SQLite file), so it can stop and
// start it without disturbing the other journeys.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { demoYear, logIn, type Role } from "./accounts";
import { expectSameDocument, hydrated, markDocument } from "./console";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** A SIKAP server of this journey's own, on the demo data. */
class Instance {
  private process: ChildProcess | null = null;
  readonly url: string;
  private constructor(
    private readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
    port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async create(): Promise<Instance> {
    const dir = mkdtempSync(join(tmpdir(), "sikap-feedback-"));
    const port = await freePort();
    const env = {
      ...process.env,
      SIKAP_DATABASE_URL: `sqlite://${dir}/feedback.db`,
      SIKAP_UPLOADS_STORE_PATH: `${dir}/bukti`,
      SIKAP_INSTANCE_SITE_ADDR: `127.0.0.1:${port}`,
      SIKAP_INSTANCE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    };
    const seeded = spawnSync(process.env.E2E_SIKAP_BIN!, ["seed", "--if-empty"], { env, encoding: "utf8" });
    expect(seeded.status, seeded.stderr).toBe(0);
    // The demo is the same as the main server's: its accounts are those the tests know.
    const accounts = spawnSync(process.env.E2E_SIKAP_BIN!, ["demo-accounts"], { env, encoding: "utf8" });
    expect(accounts.stdout).toBe(readFileSync(process.env.E2E_ACCOUNTS!, "utf8"));
    return new Instance(dir, env, port);
  }

  async start(): Promise<void> {
    this.process = spawn(process.env.E2E_SIKAP_BIN!, ["serve"], { env: this.env, stdio: "ignore" });
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${this.url}/healthz`)).ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("the feedback journey's server did not start");
  }

  async stop(): Promise<void> {
    const process = this.process;
    if (!process) return;
    const exited = new Promise((resolve) => process.once("exit", resolve));
    process.kill("SIGKILL");
    await exited;
    this.process = null;
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function person(browser: Browser, instance: Instance, role: Role): Promise<Page> {
  const context = await browser.newContext({ baseURL: instance.url });
  const page = await context.newPage();
  await logIn(page, role);
  return page;
}

const messages = (page: Page) => page.getByTestId("feedback-message");

test("a message reaches the other person's open thread live, also across a server restart", async ({ browser }) => {
  test.setTimeout(240_000);
  const instance = await Instance.create();
  await instance.start();
  try {
    const pelapor = await person(browser, instance, "pegawai (realisasi)");
    const atasan = await person(browser, instance, "atasan");
    // The employee opens the thread of an RHK of their approved plan…
    await pelapor.goto(`/skp/${demoYear()}`);
    await pelapor.getByTestId("skp-rhk-feedback").first().click();
    await expect(pelapor).toHaveURL(/\/umpan-balik\?subjek=rhk:\d+$/);
    await hydrated(pelapor);
    const thread = new URL(pelapor.url()).pathname + new URL(pelapor.url()).search;
    // …and the supervisor the same thread, from the employee's plan page.
    await atasan.goto(thread);
    await hydrated(atasan);
    await expect(atasan.getByTestId("feedback-back")).toHaveAttribute("href", /\/skp\/\d+\/pegawai\/\d+$/);
    const before = await messages(atasan).count();
    // The header's unread count, live too (the atasan is told of the thread).
    const badge = atasan.getByTestId("notifications-unread");
    const unread = (await badge.count()) > 0 ? Number(await badge.textContent()) : 0;
    await markDocument(atasan);
    await markDocument(pelapor);

    await pelapor.getByTestId("feedback-input").fill("Mohon masukan untuk target ini. Data: https://kepahiangkab.go.id/data");
    await pelapor.getByTestId("feedback-send").click();
    const arrived = messages(atasan).filter({ hasText: "Mohon masukan untuk target ini" });
    await expect(arrived).toHaveCount(1);
    await expect(arrived.getByRole("link", { name: "https://kepahiangkab.go.id/data" })).toHaveAttribute("rel", /noopener/);
    await expect(arrived).toContainText("Pegawai");
    await expect(badge).toHaveText(String(unread + 1));
    await expect(pelapor.getByTestId("feedback-input")).toHaveValue("");
    await expect(messages(pelapor).filter({ hasText: "Mohon masukan" })).toHaveCount(1);

    await atasan.getByTestId("feedback-input").fill("Target sudah tepat; lampirkan bukti tiap bulan.");
    await atasan.getByTestId("feedback-send").click();
    const reply = messages(pelapor).filter({ hasText: "lampirkan bukti tiap bulan" });
    await expect(reply).toHaveCount(1);
    await expect(reply).toContainText("Atasan langsung");
    await expectSameDocument(atasan);
    await expectSameDocument(pelapor);

    // The server goes away: the page says so; it comes back, the page reconnects
    // by itself and shows what was posted, once.
    await instance.stop();
    await expect(atasan.getByTestId("feedback-offline")).toBeVisible();
    await instance.start();
    await pelapor.getByTestId("feedback-input").fill("Dikirim saat atasan tersambung ulang.");
    await pelapor.getByTestId("feedback-send").click();
    await expect(messages(atasan).filter({ hasText: "tersambung ulang" })).toHaveCount(1, { timeout: 20_000 });
    await expect(atasan.getByTestId("feedback-offline")).toBeHidden();
    await expect(messages(atasan)).toHaveCount(before + 3);
    await expectSameDocument(atasan);
    // A reload shows the same, from the server.
    await atasan.reload();
    await expect(messages(atasan)).toHaveCount(before + 3);
  } finally {
    await instance.remove();
  }
});
