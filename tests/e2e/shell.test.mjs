// The docs shell in a real browser: languages, theme, 404, keyboard, no-JS, phones, sub-path.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage, appReady, url, SITE_SUB } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a deep link to a Russian page renders its Russian text without console errors", async () => {
  const page = await openPage(browser);
  const response = await page.goto(url("/ru/architecture/"));
  assert.equal(response.status(), 200);
  assert.equal(await page.getAttribute("html", "lang"), "ru");
  const title = await page.textContent("article h1");
  assert.match(title, /[А-Яа-яЁё]/, `expected a Russian title, got ${title}`);
  await appReady(page);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the language switch keeps the reader on the same page", async () => {
  const page = await openPage(browser);
  await page.goto(url("/en/getting-started/"));
  await appReady(page);
  await page.click("a[data-lang-switch]");
  await page.waitForURL(/\/ru\/getting-started\/$/);
  assert.equal(await page.getAttribute("html", "lang"), "ru");
  await page.click("a[data-lang-switch]");
  await page.waitForURL(/\/en\/getting-started\/$/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("/ sends readers to their language: browser language first, then their own choice", async () => {
  const ru = await openPage(browser, { locale: "ru-RU" });
  await ru.goto(url("/"));
  await ru.waitForURL(/\/ru\/$/);
  await ru.context().close();

  const en = await openPage(browser, { locale: "de-DE" });
  await en.goto(url("/"));
  await en.waitForURL(/\/en\/$/);
  // Having read a Russian page, the reader is sent to Russian next time.
  await en.goto(url("/ru/architecture/"));
  await appReady(en);
  await en.goto(url("/"));
  await en.waitForURL(/\/ru\/$/);
  assert.deepEqual(en.problems, []);
  await en.context().close();
});

test("the theme follows the OS until chosen, and the choice survives a reload", async () => {
  const page = await openPage(browser, { colorScheme: "dark" });
  await page.goto(url("/en/architecture/"));
  await appReady(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await bg(), "rgb(13, 17, 23)", "dark OS setting gives the dark theme");
  await page.selectOption("#theme-slot select", "light");
  assert.equal(await bg(), "rgb(255, 255, 255)");
  await page.reload();
  await appReady(page);
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  assert.equal(await page.inputValue("#theme-slot select"), "light");
  assert.equal(await bg(), "rgb(255, 255, 255)");
  await page.selectOption("#theme-slot select", "system");
  await page.reload();
  assert.equal(await page.getAttribute("html", "data-theme"), null);
  assert.equal(await bg(), "rgb(13, 17, 23)");
  await page.context().close();
});

test("unknown paths and languages get the 404 page in the reader's language", async () => {
  const page = await openPage(browser);
  for (const [path, visible, hidden] of [
    ["/ru/no-such-page/", "Страница не найдена", "Page not found"],
    ["/en/guides/nope/", "Page not found", "Страница не найдена"],
  ]) {
    const response = await page.goto(url(path));
    assert.equal(response.status(), 404, path);
    assert.ok(await page.getByText(visible).isVisible(), `${path}: ${visible} visible`);
    assert.ok(!(await page.getByText(hidden).isVisible()), `${path}: ${hidden} hidden`);
  }
  const unknownLang = await page.goto(url("/de/architecture/"));
  assert.equal(unknownLang.status(), 404);
  assert.ok(await page.locator("main h1").first().isVisible());
  assert.deepEqual(page.problems.filter((p) => !p.includes("404")), []);
  await page.context().close();
});

test("with JavaScript disabled, page text, sidebar and links are all there", async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(url("/ru/getting-started/"));
  assert.match(await page.textContent("article h1"), /[А-Яа-я]/);
  const articleText = await page.textContent("article");
  assert.ok(articleText.length > 500, "the article text is in the markup");
  const sidebarLinks = await page.$$eval("#sidebar a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(sidebarLinks.length >= 5);
  assert.ok(sidebarLinks.every((href) => href.startsWith("/ru/")));
  // Sidebar groups are <details>: they open without a script, and their links work.
  await page.click("#sidebar summary >> nth=0");
  await page.click("#sidebar a[href='/ru/architecture/']");
  await page.waitForURL(/\/ru\/architecture\/$/);
  await page.click("a[rel=next]");
  await page.waitForURL(/\/ru\/components\/$/);
  assert.equal(await page.locator("#theme-slot select").count(), 0, "no script ran");
  await page.context().close();
});

test("keyboard alone reaches the skip link, the language switcher and the sidebar", async () => {
  const page = await openPage(browser);
  await page.goto(url("/en/architecture/"));
  await appReady(page);
  const reached = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      if (el.classList.contains("skip-link")) return "skip";
      if (el.hasAttribute("data-lang-switch")) return "lang";
      if (el.closest("#theme-slot")) return "theme";
      if (el.closest("#sidebar")) return "sidebar";
      return el.tagName;
    });
    reached.add(where);
  }
  for (const want of ["skip", "lang", "theme", "sidebar"]) assert.ok(reached.has(want), `Tab reaches ${want}`);
  // The skip link moves focus to the main content.
  await page.goto(url("/en/architecture/"));
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "main");
  await page.context().close();
});

test("a 360 px phone gets no sideways scrolling and a working menu", async () => {
  const page = await openPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(url("/en/guides/sizing/"));
  await appReady(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
  assert.ok(!(await page.locator("#sidebar").isVisible()), "sidebar folded away");
  await page.click("#menu-toggle");
  assert.ok(await page.locator("#sidebar").isVisible(), "menu opens the sidebar");
  assert.equal(await page.getAttribute("#menu-toggle", "aria-expanded"), "true");
  await page.keyboard.press("Escape");
  assert.ok(!(await page.locator("#sidebar").isVisible()), "Escape closes it");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("code blocks get a working copy button once the app runs", async () => {
  const page = await openPage(browser);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(url("/")).origin });
  await page.goto(url("/en/getting-started/local/"));
  await appReady(page);
  const button = page.locator(".code .copy").first();
  await button.click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const code = await page.locator(".code").first().locator("code").textContent();
  assert.equal(copied, code);
  assert.equal(await button.textContent(), "Copied");
  await page.context().close();
});

test("the table of contents marks the section being read", async () => {
  const page = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await page.goto(url("/en/guides/sizing/"));
  await appReady(page);
  const ids = await page.$$eval(".toc a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(ids.length >= 3);
  const target = ids[2];
  await page.evaluate((id) => document.querySelector(id).scrollIntoView(), decodeURIComponent(target));
  await page.waitForSelector(`.toc a[href="${target}"][aria-current="true"]`, { timeout: 5000 });
  await page.context().close();
});

test("the site works from a sub-path, assets and links included", { skip: !SITE_SUB }, async () => {
  const page = await openPage(browser);
  const response = await page.goto(url("ru/architecture/", SITE_SUB));
  assert.equal(response.status(), 200);
  await appReady(page);
  const hrefs = await page.$$eval("#sidebar a, .top-nav a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok(hrefs.every((h) => h.startsWith("/spark_k8s/")), "links carry the sub-path");
  const images = await page.$$eval("article img", (imgs) => imgs.map((i) => [i.src, i.naturalWidth]));
  for (const [src, width] of images) assert.ok(width > 0, `image ${src} loads`);
  await page.goto(url("", SITE_SUB));
  await page.waitForURL(/\/spark_k8s\/(en|ru)\/$/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("nothing moves as the apps start: no layout shift on any route type, in either language", async () => {
  const routes = ["/en/guides/sizing/", "/ru/guides/sizing/", "/en/runbooks/executor-oomkilled/",
    "/ru/runbooks/executor-oomkilled/", "/en/composer/", "/ru/composer/", "/en/preview/", "/ru/preview/"];
  const shifts = {};
  for (const viewport of [{ width: 412, height: 823 }, { width: 1350, height: 940 }]) {
    for (const route of routes) {
      const page = await openPage(browser, { viewport });
      await page.addInitScript(() => {
        window.__shift = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
        }).observe({ type: "layout-shift", buffered: true });
      });
      await page.goto(url(route));
      await appReady(page);
      // The composer and the previewer build in parts, one per frame: let them finish.
      await page.waitForTimeout(1500);
      const total = await page.evaluate(() => window.__shift);
      if (total > 0.001) shifts[`${viewport.width} ${route}`] = total.toFixed(4);
      await page.context().close();
    }
  }
  assert.deepEqual(shifts, {});
});
