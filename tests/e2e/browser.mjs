// Shared set-up for the browser suites: Debian's Chromium driven by playwright-core, one fresh
// profile per browser, and a record of every console error and uncaught exception.
import { chromium } from "playwright-core";

export const SITE = process.env.SITE_URL ?? "http://127.0.0.1:8080/";
export const SITE_SUB = process.env.SITE_URL_SUB;

const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: FLAGS,
  });
}

/** A page that records console errors and page errors into `page.problems`. */
export async function openPage(browser, options = {}) {
  // The service worker precaches the whole site on every fresh profile; only the offline
  // suite wants that.
  const context = await browser.newContext({ serviceWorkers: "block", ...options });
  const page = await context.newPage();
  page.problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") page.problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => page.problems.push(`pageerror: ${err.message}`));
  return page;
}

/** Resolves once the WASM app has started (it mounts the theme switch). */
export async function appReady(page) {
  await page.waitForSelector("#theme-slot select", { timeout: 15000 });
}

export function url(path, base = SITE) {
  return new URL(path.replace(/^\//, ""), base).toString();
}
