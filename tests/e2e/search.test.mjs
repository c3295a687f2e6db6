// Site search in a real browser: lazy index, keyboard, Russian word forms, highlight on the
// target page, other-language fallback, composer options, and hostile input.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, appReady, url } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const indexRequests = (page) => {
  const seen = [];
  page.on("request", (r) => { if (new URL(r.url()).pathname.includes("/search/")) seen.push(r.url()); });
  return seen;
};

async function openSearch(page, how = "/") {
  if (how === "/") await page.keyboard.press("/");
  else await page.keyboard.press("Control+K");
  await page.waitForSelector(".search-dialog .search-input");
  // Focus must reach the input; a short wait, not an instant check, since the page renders the
  // dialog and focuses it in separate steps of one flush.
  await page.waitForFunction(() => document.activeElement?.classList.contains("search-input"), null, { timeout: 2000 });
}

async function searchFor(page, text) {
  await page.fill(".search-input", text);
  // The status says which input it answers: wait for this one.
  await page.waitForFunction((t) => document.querySelector(".search-status")?.dataset.query === t, text);
}

const state = (page) => page.getAttribute(".search-status", "data-state");
const firstLink = (page) => page.getAttribute(".search-item[aria-selected=true] a", "href");

test("no index bytes are fetched before the first search; the first query fetches a few files", async () => {
  const page = await openPage(browser);
  const seen = indexRequests(page);
  await page.goto(url("/en/getting-started/"));
  await appReady(page);
  await page.waitForSelector(".search-open");
  await openSearch(page, "/");
  assert.deepEqual(seen, [], "opening the dialog fetches nothing");
  await searchFor(page, "OOMKilled");
  assert.equal(await state(page), "found");
  assert.ok(seen.some((u) => u.endsWith("/search/en/meta.txt")), seen.join("\n"));
  // The ranking files: the document table and the one or two term chunks of the query; then
  // the text of the shown results only.
  const ranking = seen.filter((u) => /\/(meta|c\d+)\.txt$/.test(u));
  assert.ok(ranking.length <= 4, `ranking files:\n${ranking.join("\n")}`);
  assert.ok(seen.length <= 4 + 16, `a first query fetched ${seen.length} files:\n${seen.join("\n")}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("keyboard: / opens, arrows move, Enter opens the section with the words highlighted", async () => {
  const page = await openPage(browser);
  await page.goto(url("/en/"));
  await appReady(page);
  await page.waitForSelector(".search-open");
  await openSearch(page, "/");
  await searchFor(page, "OOMKilled");
  // Runbooks come first for an alert-like query.
  const firstGroup = await page.textContent(".search-group-label");
  assert.match(firstGroup, /Runbooks/);
  const first = await firstLink(page);
  assert.match(first, /\/en\/runbooks\/executor-oomkilled\/\?highlight=oomkilled/);
  await page.keyboard.press("ArrowDown");
  const second = await firstLink(page);
  assert.notEqual(second, first, "ArrowDown selects the next result");
  await page.keyboard.press("ArrowUp");
  assert.equal(await firstLink(page), first);
  const combobox = await page.getAttribute(".search-input", "aria-activedescendant");
  assert.equal(combobox, "search-opt-0");
  await page.keyboard.press("Enter");
  await page.waitForURL(/executor-oomkilled\/\?highlight=/);
  await appReady(page);
  await page.waitForSelector("article mark.search-hit");
  const marked = await page.$$eval("article mark.search-hit", (ms) => ms.map((m) => m.textContent.toLowerCase()));
  assert.ok(marked.every((m) => m.includes("oomkilled")), marked.join(", "));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("Ctrl+K opens, Escape closes and gives focus back to the button", async () => {
  const page = await openPage(browser);
  await page.goto(url("/en/architecture/"));
  await appReady(page);
  await page.waitForSelector(".search-open");
  await openSearch(page, "ctrl");
  await page.keyboard.press("Escape");
  await page.waitForSelector(".search-dialog", { state: "detached" });
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("search-open")), true);
  // `/` typed into a field is text, not a shortcut.
  await page.click(".search-open");
  await page.waitForSelector(".search-input");
  await page.keyboard.type("a/b");
  assert.equal(await page.inputValue(".search-input"), "a/b");
  await page.context().close();
});

test("a Russian query in other word forms finds the runbook and highlights on the page", async () => {
  const page = await openPage(browser);
  await page.goto(url("/ru/"));
  await appReady(page);
  await page.waitForSelector(".search-open");
  await openSearch(page, "/");
  await searchFor(page, "историй сервер пустой");
  assert.equal(await state(page), "found");
  const hrefs = await page.$$eval(".search-item a", (as) => as.map((a) => a.getAttribute("href")));
  assert.match(hrefs[0], /\/ru\/runbooks\/history-server-empty\//, hrefs.join("\n"));
  await page.keyboard.press("Enter");
  await page.waitForURL(/history-server-empty\/\?highlight=/);
  await appReady(page);
  await page.waitForSelector("article mark.search-hit");
  await page.click(".search-clear");
  assert.equal(await page.locator("article mark.search-hit").count(), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("composer options and presets are results; options open the composer at the field", async () => {
  const page = await openPage(browser);
  await page.goto(url("/en/"));
  await appReady(page);
  await page.waitForSelector(".search-open");
  await openSearch(page, "/");
  await searchFor(page, "spark.executor.memory");
  const hrefs = await page.$$eval(".search-item a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.some((h) => h.includes("/en/composer/?focus=sizing.executor_memory")), hrefs.join("\n"));
  await searchFor(page, "production");
  const presets = await page.$$eval(".search-item a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(presets.some((h) => /\/en\/composer\/#/.test(h)), presets.join("\n"));
  await page.context().close();
});

test("a query with no match in the page's language shows the other language, labelled", async () => {
  const page = await openPage(browser);
  await page.goto(url("/ru/"));
  await appReady(page);
  await page.waitForSelector(".search-open");
  await openSearch(page, "/");
  // An English word the Russian pages do not use (they say «диагностика»).
  await searchFor(page, "troubleshooting");
  assert.equal(await state(page), "found");
  assert.match(await page.textContent(".search-status"), /английских/);
  assert.equal(await page.getAttribute(".search-results", "lang"), "en");
  const hrefs = await page.$$eval(".search-item a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.every((h) => h.startsWith("/en/")), hrefs.join("\n"));
  await page.context().close();
});

test("bad input never errors or freezes", async () => {
  const page = await openPage(browser);
  await page.goto(url("/en/"));
  await appReady(page);
  await page.waitForSelector(".search-open");
  await openSearch(page, "/");
  const cases = ["", "x", "🔥🚀💥", ".*+?[(", "(a|b)*$\\d{3}", "память memory Speicher", "'; DROP TABLE x; --", "memory ".repeat(1460)];
  for (const input of cases) {
    await searchFor(page, input);
    const st = await state(page);
    assert.ok(["found", "nothing", "empty", "idle"].includes(st), `${JSON.stringify(input.slice(0, 20))}: ${st}`);
  }
  await searchFor(page, "x");
  assert.equal(await state(page), "empty");
  // Still responsive after all of it.
  await searchFor(page, "seccomp");
  assert.equal(await state(page), "found");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a slow index shows the loading state, then the results", async () => {
  const page = await openPage(browser);
  await page.route("**/search/**", async (route) => {
    await new Promise((r) => setTimeout(r, 700));
    await route.continue();
  });
  await page.goto(url("/en/"));
  await appReady(page);
  await page.waitForSelector(".search-open");
  await openSearch(page, "/");
  await page.fill(".search-input", "seccomp");
  await page.waitForSelector(".search-status[data-state=loading]");
  await page.waitForFunction(() => document.querySelector(".search-status")?.dataset.query === "seccomp", null, { timeout: 15000 });
  assert.equal(await state(page), "found");
  await page.context().close();
});
