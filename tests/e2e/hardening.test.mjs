// Production hardening in a real browser: accessibility (axe-core), the Content-Security-Policy,
// failed storage writes and the recovery message after an internal error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { launch, openPage, url } from "./browser.mjs";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

/** One route of every kind, in both languages. */
const ROUTES = [
  "/en/", "/ru/",
  "/en/guides/sizing/", "/ru/guides/sizing/",
  "/en/runbooks/executor-oomkilled/", "/ru/runbooks/executor-oomkilled/",
  "/en/composer/", "/ru/composer/",
  "/en/preview/", "/ru/preview/",
  "/en/no-such-page/", "/ru/no-such-page/",
];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Records CSP violations the browser reports, from before any page script runs. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function settle(page) {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
}

for (const scheme of ["light", "dark"]) {
  test(`axe finds no accessibility violations on any route kind (${scheme} theme)`, async () => {
    // axe is injected as a script, which the site's own policy would rightly block.
    const page = await openPage(browser, { colorScheme: scheme, bypassCSP: true });
    const failures = [];
    for (const route of ROUTES) {
      await page.goto(url(route));
      await settle(page);
      await page.addScriptTag({ path: AXE });
      const result = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ["violations"] });
        return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target?.join(" ")}`);
      });
      for (const v of result) failures.push(`${route}: ${v}`);
    }
    assert.deepEqual(failures, []);
    await page.context().close();
  });
}

test("no route breaks the Content-Security-Policy, and every page carries it", async () => {
  const page = await openPage(browser);
  await watchCsp(page);
  const problems = [];
  for (const route of ROUTES) {
    await page.goto(url(route));
    await settle(page);
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    assert.match(csp, /default-src 'self'/, route);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/, route);
    const inline = await page.$$eval("script:not([src])", (s) => s.length);
    assert.equal(inline, 0, `${route} has no inline scripts`);
    const handlers = await page.evaluate(() =>
      [...document.querySelectorAll("*")].filter((el) => [...el.attributes].some((a) => a.name.startsWith("on"))).length);
    assert.equal(handlers, 0, `${route} has no inline event handlers`);
    for (const v of await page.evaluate(() => window.__csp)) problems.push(`${route}: ${v}`);
  }
  assert.deepEqual(problems, []);
  const offsite = page.problems.filter((p) => !p.includes("404"));
  assert.deepEqual(offsite, []);
  await page.context().close();
});

test("nothing is requested from another origin", async () => {
  const page = await openPage(browser);
  const origin = new URL(url("/")).origin;
  const foreign = [];
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) foreign.push(r.url()); });
  for (const route of ROUTES) {
    await page.goto(url(route));
    await settle(page);
  }
  assert.deepEqual(foreign, []);
  await page.context().close();
});

test("when storage writes fail, pages keep working and report nothing to the reader", async () => {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => { throw new DOMException("quota", "QuotaExceededError"); };
  });
  for (const route of ["/en/guides/sizing/", "/en/composer/", "/ru/preview/"]) {
    await page.goto(url(route));
    await settle(page);
  }
  await page.goto(url("/en/guides/sizing/"));
  await page.waitForSelector("#theme-slot select");
  await page.selectOption("#theme-slot select", "dark");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark", "the theme still switches");
  assert.deepEqual(page.problems.filter((p) => p.startsWith("pageerror")), []);
  assert.equal(await page.locator("#crash-message").count(), 0);
  await page.context().close();
});

test("an internal error shows a recovery message in the reader's language", async () => {
  for (const [lang, text] of [["en", "Something went wrong"], ["ru", "что-то сломалось"]]) {
    const page = await openPage(browser);
    await page.goto(url(`/${lang}/guides/sizing/`));
    await page.waitForSelector("#theme-slot select");
    await page.evaluate(() => window.dispatchEvent(new Event("site-test-panic")));
    const message = page.locator("#crash-message[role=alert]");
    await message.waitFor();
    assert.match(await message.textContent(), new RegExp(text));
    assert.ok(await page.locator("article h1").isVisible(), "the page text stays readable");
    await page.click("#crash-message a");
    await page.waitForSelector("#theme-slot select");
    assert.equal(await page.locator("#crash-message").count(), 0, "a reload recovers");
    await page.context().close();
  }
});
