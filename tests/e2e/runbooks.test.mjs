// Runbook pages in a real browser: the reader's parameters reach every command on every runbook
// page (and the copy button), kubectl or oc, checklist progress survives a reload, the incident
// record export.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { launch, openPage, appReady, url } from "./browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The texts of every placeholder of one name on the page. */
const placeholders = (page, name) =>
  page.$$eval(`.code span.ph[data-ph="${name}"]`, (spans) => spans.map((s) => s.textContent));

async function runbook(page, path) {
  await page.goto(url(path));
  await appReady(page);
  await page.waitForSelector("#runbook-tools #rt-namespace");
}

test("parameters entered on one runbook appear in the commands of another", async () => {
  const page = await openPage(browser);
  await runbook(page, "/en/runbooks/executor-oomkilled/");
  await page.fill("#rt-namespace", "team-a");
  await page.fill("#rt-release", "nightly");
  await page.fill("#rt-context", "kind-kind");
  // Applied at once on this page.
  const here = await placeholders(page, "namespace");
  assert.ok(here.length > 0, "the page has namespace placeholders");
  assert.ok(here.every((t) => t === "team-a"), JSON.stringify(here));

  // Another runbook, in the other language: the same values, nothing typed there.
  await runbook(page, "/ru/runbooks/s3-connection-failed/");
  for (const [name, value] of [["namespace", "team-a"], ["release", "nightly"], ["context", "kind-kind"]]) {
    const texts = await placeholders(page, name);
    assert.ok(texts.length > 0, `${name} placeholders exist`);
    assert.ok(texts.every((t) => t === value), `${name}: ${JSON.stringify(texts)}`);
  }
  assert.equal(await page.inputValue("#rt-namespace"), "team-a");
  // An unset parameter keeps its placeholder.
  const buckets = await placeholders(page, "bucket");
  assert.ok(buckets.length > 0 && buckets.every((t) => t === "<bucket>"), JSON.stringify(buckets));
  const code = await page.textContent(".code:has(span.ph[data-ph='namespace']) code");
  assert.doesNotMatch(code, /<namespace>/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a value a shell would interpret is refused and never reaches a command", async () => {
  const page = await openPage(browser);
  await runbook(page, "/en/runbooks/driver-pending/");
  await page.fill("#rt-namespace", "spark-jobs");
  await page.fill("#rt-namespace", "x; rm -rf /");
  assert.equal(await page.getAttribute("#rt-namespace", "aria-invalid"), "true");
  assert.match(await page.textContent("#rt-namespace-error"), /\S/);
  const texts = await placeholders(page, "namespace");
  assert.ok(texts.every((t) => t === "spark-jobs"), JSON.stringify(texts));
  // Clearing puts the placeholders back, on this page and after a reload.
  await page.click(".rt-clear");
  assert.ok((await placeholders(page, "namespace")).every((t) => t === "<namespace>"));
  await page.reload();
  await appReady(page);
  assert.ok((await placeholders(page, "namespace")).every((t) => t === "<namespace>"));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the copy button copies the command with the reader's values", async () => {
  const page = await openPage(browser, { permissions: ["clipboard-read", "clipboard-write"] });
  await runbook(page, "/en/runbooks/connect-server-down/");
  await page.fill("#rt-namespace", "team-b");
  await page.fill("#rt-context", "prod-eu");
  const block = page.locator(".code:has(span.ph[data-ph='namespace'])").first();
  await block.locator("button.copy").click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /team-b/);
  assert.doesNotMatch(copied, /<namespace>/);
  assert.equal(copied, await block.locator("code").textContent());
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("choosing oc shows oc in every kubectl command, on other pages too, and copies it", async () => {
  const page = await openPage(browser, { permissions: ["clipboard-read", "clipboard-write"] });
  await runbook(page, "/en/runbooks/executor-oomkilled/");
  const tools = () => page.$$eval(".code span.cli", (spans) => spans.map((s) => s.textContent));
  assert.ok((await tools()).length > 0 && (await tools()).every((t) => t === "kubectl"));
  await page.selectOption("#rt-cli", "oc");
  assert.ok((await tools()).every((t) => t === "oc"));

  await runbook(page, "/ru/runbooks/connect-server-down/");
  assert.equal(await page.inputValue("#rt-cli"), "oc");
  const shown = await tools();
  assert.ok(shown.length > 0 && shown.every((t) => t === "oc"), JSON.stringify(shown));
  const block = page.locator(".code:has(span.cli)").first();
  await block.locator("button.copy").click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /(^|\s|\()oc\s/);
  assert.doesNotMatch(copied, /\bkubectl\b/);
  // Annotation keys and other non-command uses keep their spelling.
  const html = await page.content();
  if (html.includes("kubectl.kubernetes.io")) assert.match(html, /kubectl\.kubernetes\.io/);

  await page.selectOption("#rt-cli", "kubectl");
  assert.ok((await tools()).every((t) => t === "kubectl"));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("checklist progress survives a reload and is exported with the parameters", async () => {
  const page = await openPage(browser, { acceptDownloads: true });
  await runbook(page, "/en/runbooks/executor-oomkilled/");
  await page.fill("#rt-namespace", "team-c");
  const boxes = page.locator("article li.task input[type=checkbox]");
  const total = await boxes.count();
  assert.ok(total >= 2, `expected task items, found ${total}`);
  assert.equal(await boxes.first().isDisabled(), false, "steps are real checkboxes");
  await boxes.nth(0).check();
  await boxes.nth(total - 1).check();
  assert.equal(await page.textContent(".rt-progress"), `2 of ${total} steps checked`);

  await page.reload();
  await appReady(page);
  await page.waitForSelector(".rt-progress");
  assert.equal(await boxes.nth(0).isChecked(), true);
  assert.equal(await boxes.nth(1).isChecked(), false);
  assert.equal(await boxes.nth(total - 1).isChecked(), true);
  assert.equal(await page.textContent(".rt-progress"), `2 of ${total} steps checked`);

  // Another runbook keeps its own progress.
  await runbook(page, "/en/runbooks/driver-oom/");
  const other = page.locator("article li.task input[type=checkbox]");
  assert.equal(await other.first().isChecked(), false);
  await page.goBack();
  await appReady(page);

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click(".rt-export"),
  ]);
  assert.match(download.suggestedFilename(), /^incident-executor-oomkilled-\d{4}-\d{2}-\d{2}\.md$/);
  const record = await readFile(await download.path(), "utf8");
  assert.match(record, /^# Incident record: Executor OOMKilled\n/);
  assert.match(record, /- Namespace: `team-c`/);
  assert.match(record, /- Command-line tool: `kubectl`/);
  assert.match(record, new RegExp(`- 2 of ${total} steps checked`));
  assert.equal((record.match(/^- \[x\] .+ \(checked \d{4}-\d{2}-\d{2}T[\d:.]+Z\)$/gm) ?? []).length, 2, record);
  assert.equal((record.match(/^- \[ \] /gm) ?? []).length, total - 2, record);
  assert.match(record, /\n### Mitigation\n/);

  page.once("dialog", (d) => d.accept());
  await page.click(".rt-uncheck");
  await page.waitForFunction(() => document.querySelector(".rt-progress")?.textContent.startsWith("0 of"));
  await page.reload();
  await appReady(page);
  assert.equal(await boxes.nth(0).isChecked(), false);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the panel's heading paints with the page; the app adds the form under it, once", async () => {
  // Before the app starts (its WASM held back): the heading and introduction are already there.
  const early = await openPage(browser);
  await early.route(/\.wasm$/, (r) => r.abort());
  await early.goto(url("/ru/runbooks/executor-oomkilled/"));
  assert.equal(await early.locator("#runbook-tools").isVisible(), true);
  assert.match(await early.textContent("#runbook-tools .rt-intro"), /Введите один раз/);
  assert.equal(await early.locator("#runbook-tools input").count(), 0);
  await early.context().close();
  // Once it runs: one title, one introduction, then the form.
  const page = await openPage(browser);
  await runbook(page, "/ru/runbooks/executor-oomkilled/");
  assert.equal(await page.locator("#runbook-tools .rt-intro").count(), 1);
  assert.equal(await page.locator("#runbook-tools-title").count(), 1);
  assert.equal(
    await page.$eval("#runbook-tools", (s) => [...s.children].map((c) => c.className).slice(0, 3).join(" ")),
    "rt-title rt-intro rt-form",
  );
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("without JavaScript the steps stay plain text and the commands keep their placeholders", async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(url("/en/runbooks/executor-oomkilled/"));
  // The panel's place is prerendered (so nothing jumps when the app fills it) but stays hidden.
  assert.equal(await page.locator("#runbook-tools").isVisible(), false);
  assert.equal(await page.locator("#runbook-tools input").count(), 0);
  assert.equal(await page.locator("article li.task input").first().isDisabled(), true);
  const texts = await placeholders(page, "namespace");
  assert.ok(texts.length > 0 && texts.every((t) => t === "<namespace>"));
  await page.context().close();
});

test("the form is usable on a 360 px phone", async () => {
  const page = await openPage(browser, { viewport: { width: 360, height: 740 } });
  await runbook(page, "/ru/runbooks/executor-oomkilled/");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  await page.focus("#rt-namespace");
  await page.keyboard.type("команда");
  assert.equal(await page.getAttribute("#rt-namespace", "aria-invalid"), "true");
  assert.match(await page.textContent("#rt-namespace-error"), /[А-Яа-я]/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
