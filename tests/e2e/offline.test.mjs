// Offline use: after one visit the service worker has the whole build, so pages, search and the
// composer keep working with the network off; a new deploy replaces the old cache.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { launch, openPage, url } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function installed(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener("controllerchange", done, { once: true }));
    }
  });
}

test("after one visit, unvisited pages and the composer load with the network off", async () => {
  const page = await openPage(browser, { serviceWorkers: "allow" });
  await page.goto(url("/en/"));
  await installed(page);
  await page.context().setOffline(true);
  for (const route of ["/ru/guides/sizing/", "/en/runbooks/executor-oomkilled/", "/en/composer/"]) {
    await page.goto(url(route));
    assert.ok((await page.textContent("h1")).length > 0, `${route} renders offline`);
    await page.waitForSelector("#theme-slot select");
  }
  await page.context().setOffline(false);
  await page.context().close();
});

test("a new deploy is picked up and the old cache is removed", async (t) => {
  const dist = process.env.SITE_DIST;
  if (!dist) return t.skip("SITE_DIST not set");
  const swFile = path.join(dist, "sw.js");
  const pageFile = path.join(dist, "en", "architecture", "index.html");
  const original = { sw: fs.readFileSync(swFile, "utf8"), page: fs.readFileSync(pageFile, "utf8") };
  // Precompressed copies would be served instead of the edited files.
  const packed = [swFile, pageFile].flatMap((f) => [`${f}.br`, `${f}.gz`]).filter((f) => fs.existsSync(f));
  const saved = packed.map((f) => [f, fs.readFileSync(f)]);
  try {
    const page = await openPage(browser, { serviceWorkers: "allow" });
    await page.goto(url("/en/architecture/"));
    await installed(page);
    const before = await page.evaluate(() => caches.keys());
    assert.equal(before.length, 1);

    packed.forEach((f) => fs.unlinkSync(f));
    fs.writeFileSync(pageFile, original.page.replace("</h1>", " (new build)</h1>"));
    fs.writeFileSync(swFile, original.sw.replace(/const VERSION = "[0-9a-f]+"/, 'const VERSION = "feedfacefeedface"'));

    await page.reload();
    assert.match(await page.textContent("article h1"), /\(new build\)/, "pages come from the network first");
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await page.waitForFunction(async () => {
      const keys = await caches.keys();
      return keys.length === 1 && keys[0].endsWith("feedfacefeedface");
    }, null, { timeout: 20000 });
    await page.context().close();
  } finally {
    fs.writeFileSync(swFile, original.sw);
    fs.writeFileSync(pageFile, original.page);
    for (const [f, bytes] of saved) fs.writeFileSync(f, bytes);
  }
});

test("the offline archive is linked from every page and holds the whole site", async () => {
  const page = await openPage(browser);
  await page.goto(url("/ru/architecture/"));
  const href = await page.getAttribute("a[download]", "href");
  const response = await page.request.get(new URL(href, page.url()).toString());
  assert.equal(response.status(), 200);
  const bytes = await response.body();
  assert.equal(bytes.subarray(0, 2).toString(), "PK", "a zip archive");
  const text = bytes.toString("latin1");
  for (const entry of ["OFFLINE.txt", "en/guides/sizing/index.html", "ru/composer/index.html", "sw.js"]) {
    assert.ok(text.includes(entry), `archive holds ${entry}`);
  }
  await page.context().close();
});
