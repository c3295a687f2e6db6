// The runbook previewer in a real browser: live checks with click-to-line, drafts that survive a
// reload, open and download with the file's name, a refused storage write, and a corpus of
// hostile markdown that must never run script.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, openPage, url } from "./browser.mjs";

const HOSTILE = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/hostile");

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Records CSP violations before any page script runs: one means something tried to execute. */
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

async function openPreview(page, lang = "en") {
  await page.goto(url(`/${lang}/preview/`));
  await page.waitForSelector(".pv[data-index=ready]", { timeout: 15000 });
}

const pane = (lang) => `.pv-pane[data-lang=${lang}]`;

async function findings(page, lang) {
  return page.$$eval(`${pane(lang)} .pv-finding`, (els) =>
    els.map((e) => ({ line: Number(e.dataset.line), text: e.textContent })));
}

const RUNBOOK_WITHOUT_ESCALATION = `---
title: Driver pod stuck in Pending
description: The driver pod stays Pending.
runbook:
  severity: warning
  alerts: [SparkDriverPodPending]
  components: [connect]
  time_to_mitigate: 15m
---

## Symptoms

Jobs do not start.

## Impact

Nothing runs.

## Diagnosis

\`\`\`bash
kubectl -n <namespace> get pods
\`\`\`

## Mitigation

Wait.

## Resolution

Fix the quota.

## Verification

It runs.

## Related

- [Sizing](../guides/sizing.md)
`;

test("a missing runbook section is found, clicking it moves the cursor there, typing the section clears it, and the draft survives a reload", async () => {
  const page = await openPage(browser);
  await openPreview(page);
  await page.check("input[name=pv-show] >> nth=0"); // EN only
  await page.fill("#pv-editor-en", RUNBOOK_WITHOUT_ESCALATION);
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".pv-pane[data-lang=en] .pv-finding")].some((e) => e.textContent.includes("## Escalation")));
  const found = (await findings(page, "en")).find((f) => f.text.includes("## Escalation"));
  const relatedLine = RUNBOOK_WITHOUT_ESCALATION.split("\n").indexOf("## Related") + 1;
  assert.equal(found.line, relatedLine, JSON.stringify(found));
  // The preview is the published article markup.
  assert.ok(await page.$(`${pane("en")} .pv-body h2#symptoms a.anchor`));
  assert.ok(await page.$(`${pane("en")} .pv-body .code[data-lang=bash] .ph[data-ph=namespace]`));
  assert.equal(await page.textContent(`${pane("en")} .pv-front h1`), "Driver pod stuck in Pending");

  // Clicking the finding selects the line it points at; typing replaces it.
  await page.click(`${pane("en")} .pv-finding[data-line="${relatedLine}"]`);
  const selected = await page.$eval("#pv-editor-en", (t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, "## Related");
  assert.equal(await page.evaluate(() => document.activeElement.id), "pv-editor-en");
  await page.keyboard.type("## Escalation\n\nPage the platform team.\n\n## Related");
  await page.waitForFunction(() =>
    ![...document.querySelectorAll(".pv-pane[data-lang=en] .pv-finding")].some((e) => e.textContent.includes("## Escalation")));
  assert.ok(await page.$(`${pane("en")} .pv-body h2#escalation`));
  const typed = await page.inputValue("#pv-editor-en");

  await page.reload();
  await page.waitForSelector(".pv[data-index=ready]");
  assert.equal(await page.inputValue("#pv-editor-en"), typed);
  assert.ok(await page.$(`${pane("en")} .pv-body h2#escalation`));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

/** Holds the app's WASM until `release()` is called: the page as it is before the app starts. */
async function holdApp(page) {
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route(/_bg\.wasm$/, async (route) => { await gate; await route.continue(); });
  return release;
}

test("a reader who chose one draft sees only that one from the first paint, before and after the app starts", async () => {
  const page = await openPage(browser);
  await page.goto(url("/en/preview/"));
  await page.evaluate(() => localStorage.setItem("preview.show", "ru"));
  const layout = () => page.evaluate(() => ({
    both: document.querySelector(".pv-panes").classList.contains("pv-both"),
    en: document.querySelector(".pv-pane[data-lang=en]").checkVisibility(),
    ru: document.querySelector(".pv-pane[data-lang=ru]").checkVisibility(),
  }));
  const release = await holdApp(page);
  await page.reload();
  await page.waitForSelector(".pv-pane[data-lang=ru] .pv-body h2");
  assert.deepEqual(await layout(), { both: false, en: false, ru: true }, "before the app starts");
  release();
  await page.waitForFunction(() => !document.querySelector("#pv-editor-ru").readOnly);
  assert.deepEqual(await layout(), { both: false, en: false, ru: true }, "once it runs");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("before the app starts, the page already shows both drafts read-only with the template and its preview, and the app takes them over in place", async () => {
  const page = await openPage(browser);
  const release = await holdApp(page);
  await page.goto(url("/en/preview/"));
  await page.waitForSelector(`${pane("ru")} .pv-body h2`);
  const before = await page.evaluate(() => ({
    en: document.querySelector("#pv-editor-en").value,
    ru: document.querySelector("#pv-editor-ru").value,
    readOnly: [...document.querySelectorAll(".pv-text")].map((t) => t.readOnly),
    status: document.querySelector(".pv-status-now").textContent,
    top: document.querySelector(".pv-pane[data-lang=en] .pv-editor").getBoundingClientRect().top,
  }));
  assert.match(before.en, /^---\ntitle: Driver pod stuck in Pending\n/);
  assert.match(before.ru, /^---\ntitle: Под драйвера завис в Pending\n/);
  assert.deepEqual(before.readOnly, [true, true]);
  assert.match(before.status, /read-only/);
  assert.ok(await page.$(`${pane("en")} .pv-body h2#symptoms a.anchor`));
  assert.equal(await page.textContent(`${pane("en")} .pv-front h1`), "Driver pod stuck in Pending");
  assert.equal(await page.locator(".pv-body .copy:visible").count(), 0, "no copy buttons in the preview");

  release();
  await page.waitForSelector(".pv[data-index=ready]", { timeout: 15000 });
  await page.waitForFunction(() => [...document.querySelectorAll(".pv-text")].every((t) => !t.readOnly));
  const after = await page.evaluate(() => ({
    en: document.querySelector("#pv-editor-en").value,
    top: document.querySelector(".pv-pane[data-lang=en] .pv-editor").getBoundingClientRect().top,
    status: document.querySelector(".pv-status-now").textContent,
  }));
  assert.equal(after.en, before.en);
  assert.equal(after.top, before.top, "the editor did not move");
  assert.match(after.status, /Draft saved/);
  assert.ok(await page.$(`${pane("en")} .pv-body h2#symptoms a.anchor`));
  assert.equal(await page.$$eval(`${pane("en")} .pv-finding`, (e) => e.length), 0);
  assert.equal(await page.locator(".pv-body .copy:visible").count(), 0, "no copy buttons in the preview");
  // The editor is the app's now: typing re-renders the preview.
  await page.fill("#pv-editor-en", "---\ntitle: T\ndescription: D\n---\n\n## Typed after start\n");
  await page.waitForSelector(`${pane("en")} .pv-body h2#typed-after-start`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a draft saved in this browser replaces the prerendered template once the app starts", async () => {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    localStorage.setItem("preview.ru.text", "---\ntitle: Мой черновик\ndescription: D\n---\n\n## Свой раздел\n");
    localStorage.setItem("preview.ru.path", "guides/mine.md");
  });
  await openPreview(page);
  assert.match(await page.inputValue("#pv-editor-ru"), /Мой черновик/);
  assert.equal(await page.inputValue(`${pane("ru")} .pv-path input`), "guides/mine.md");
  await page.waitForFunction(() => document.querySelector(".pv-pane[data-lang=ru] .pv-front h1")?.textContent === "Мой черновик");
  assert.ok(await page.$(`${pane("ru")} .pv-body h2`));
  assert.doesNotMatch(await page.textContent(`${pane("ru")} .pv-body`), /Симптомы/, "the template's preview is gone");
  // The English draft, never saved, is still the template.
  assert.match(await page.inputValue("#pv-editor-en"), /Driver pod stuck in Pending/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("nothing typed before the app starts is lost: the editor takes no text until then, and keeps the reader's place after", async () => {
  const page = await openPage(browser);
  const release = await holdApp(page);
  await page.goto(url("/en/preview/"));
  await page.waitForSelector("#pv-editor-en");
  const template = await page.inputValue("#pv-editor-en");
  await page.click("#pv-editor-en");
  await page.keyboard.type("lost?");
  assert.equal(await page.inputValue("#pv-editor-en"), template, "read-only: nothing was taken");
  const at = await page.$eval("#pv-editor-en", (t) => t.selectionStart);
  assert.ok(at > 0, "the click put the caret into the text");
  release();
  await page.waitForFunction(() => !document.querySelector("#pv-editor-en").readOnly);
  assert.equal(await page.evaluate(() => document.activeElement.id), "pv-editor-en", "focus carried over");
  await page.keyboard.type("kept ");
  assert.equal(await page.inputValue("#pv-editor-en"), `${template.slice(0, at)}kept ${template.slice(at)}`, "typed where the caret was");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("links to pages and anchors that do not exist, unknown alerts, bad YAML and code without a language are findings with lines", async () => {
  const page = await openPage(browser);
  await openPreview(page);
  const text = `---
title: T
description: D
---

[ok](getting-started/index.md) [gone](no-such-page.md) [anchor](guides/sizing.md#no-such-anchor)

\`\`\`yaml
a: [1
\`\`\`

\`\`\`
plain
\`\`\`
`;
  await page.fill("input[title] >> nth=0", "page.md");
  await page.fill("#pv-editor-en", text);
  await page.waitForFunction(() => document.querySelectorAll(".pv-pane[data-lang=en] .pv-finding").length >= 4);
  const f = await findings(page, "en");
  const at = (line, re) => f.some((x) => x.line === line && re.test(x.text));
  assert.ok(at(6, /no-such-page\.md/), JSON.stringify(f));
  assert.ok(at(6, /no heading with id `no-such-anchor`/), JSON.stringify(f));
  assert.ok(f.some((x) => /YAML code block does not parse/.test(x.text)), JSON.stringify(f));
  assert.ok(at(12, /without a language/), JSON.stringify(f));

  await page.fill("input[title] >> nth=0", "runbooks/x.md");
  await page.fill("#pv-editor-en", RUNBOOK_WITHOUT_ESCALATION.replace("SparkDriverPodPending", "SparkDriverPodPendng"));
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".pv-pane[data-lang=en] .pv-finding")].some((e) => e.textContent.includes("SparkDriverPodPendng")));
  const alert = (await findings(page, "en")).find((x) => x.text.includes("SparkDriverPodPendng"));
  assert.equal(alert.line, 6);
  assert.match(alert.text, /did you mean `SparkDriverPodPending`/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("EN and RU side by side: a heading missing from the Russian draft is reported in the Russian pane", async () => {
  const page = await openPage(browser);
  await openPreview(page, "ru");
  await page.check("input[name=pv-show] >> nth=2");
  await page.selectOption(".pv-template select", "runbook");
  await page.waitForFunction(() => document.querySelector("#pv-editor-ru").value.includes("Симптомы"));
  assert.equal(await page.$$eval(`${pane("ru")} .pv-finding`, (e) => e.length), 0);
  const ru = await page.inputValue("#pv-editor-ru");
  await page.fill("#pv-editor-ru", ru.replace("## Влияние", "Влияние"));
  await page.waitForFunction(() =>
    [...document.querySelectorAll(".pv-pane[data-lang=ru] .pv-finding")].some((e) => /английский черновик/.test(e.textContent)));
  assert.equal(await page.$$eval(`${pane("en")} .pv-finding`, (e) => e.length), 0);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("side by side, scrolling one preview brings the other to the same heading", async () => {
  const page = await openPage(browser);
  await openPreview(page);
  await page.check("input[name=pv-show] >> nth=2");
  const doc = (lang, words) => {
    let out = "---\ntitle: T\ndescription: D\n---\n";
    for (let i = 1; i <= 12; i++) {
      out += `\n## ${lang === "en" ? "Section" : "Раздел"} ${i}\n\n`;
      // The Russian sections are longer, so the same heading sits lower on its page.
      for (let p = 0; p < (lang === "en" ? 2 : 4 + (i % 3)); p++) out += `${words} `.repeat(40) + "\n\n";
    }
    return out;
  };
  for (const [lang, words] of [["en", "word"], ["ru", "слово"]]) {
    await page.fill(`${pane(lang)} .pv-path input`, "guides/x.md");
    await page.fill(`#pv-editor-${lang}`, doc(lang, words));
  }
  // Filling moved the editors (and with them the previews): let that settle first.
  await page.waitForTimeout(400);
  const headingOffset = (lang, n) => page.evaluate(([lang, n]) => {
    const box = document.querySelector(`.pv-pane[data-lang=${lang}] .pv-preview`);
    const h = box.querySelectorAll(".pv-body h2")[n];
    return h.getBoundingClientRect().top - box.getBoundingClientRect().top;
  }, [lang, n]);
  await page.evaluate(() => {
    const box = document.querySelector(".pv-pane[data-lang=en] .pv-preview");
    const h = box.querySelectorAll(".pv-body h2")[7];
    box.scrollTop += h.getBoundingClientRect().top - box.getBoundingClientRect().top;
  });
  await page.waitForTimeout(400);
  assert.ok(Math.abs(await headingOffset("en", 7)) < 40, `en ${await headingOffset("en", 7)}`);
  assert.ok(Math.abs(await headingOffset("ru", 7)) < 40, `ru ${await headingOffset("ru", 7)}`);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a file opened from disk keeps its name for the download", async () => {
  const page = await openPage(browser, { acceptDownloads: true });
  await openPreview(page);
  const body = "---\ntitle: From disk\ndescription: d\n---\n\n## Hello\n";
  await page.setInputFiles(`${pane("en")} .pv-file`, { name: "my-page.md", mimeType: "text/markdown", buffer: Buffer.from(body) });
  await page.waitForFunction(() => document.querySelector("#pv-editor-en").value.includes("From disk"));
  assert.match(await page.inputValue(`${pane("en")} .pv-path input`), /(^|\/)my-page\.md$/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click(`${pane("en")} .pv-export`),
  ]);
  assert.equal(download.suggestedFilename(), "my-page.md");
  const saved = readFileSync(await download.path(), "utf8");
  assert.equal(saved, body);

  // Dropped on the Russian editor: same, into that pane.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(["---\ntitle: Сброшено\ndescription: d\n---\n"], "dropped.md", { type: "text/markdown" }));
    const target = document.querySelector(".pv-pane[data-lang=ru] .pv-editor");
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector("#pv-editor-ru").value.includes("Сброшено"));
  assert.match(await page.inputValue(`${pane("ru")} .pv-path input`), /(^|\/)dropped\.md$/);
  assert.equal(await page.textContent(`${pane("ru")} .pv-front h1`), "Сброшено");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a storage write the browser refuses is reported and the preview keeps working", async () => {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };
  });
  await openPreview(page);
  await page.fill("#pv-editor-en", "---\ntitle: T\ndescription: D\n---\n\n## Still rendered\n");
  await page.waitForSelector(`${pane("en")} .pv-body h2#still-rendered`);
  await page.waitForSelector(".pv-saved.pv-warn");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the detector works: markup injected around the pipeline is caught by the CSP watcher", async () => {
  // Positive control for the corpus test: the same payload put into the page directly (not via
  // the renderer) must show up as a violation, or the corpus test proves nothing.
  const page = await openPage(browser);
  await watchViolations(page);
  await openPreview(page);
  await page.evaluate(() => {
    document.querySelector(".pv-pane[data-lang=en] .pv-body")
      .insertAdjacentHTML("beforeend", `<img src="x" onerror="window.__canary = 'control'">`);
  });
  await page.waitForFunction(() => window.__violations.length > 0, null, { timeout: 5000 });
  assert.equal(await page.evaluate(() => window.__canary ?? null), null);
  await page.context().close();
});

test("the hostile corpus never runs script: no canary, no CSP violation, nothing script-capable in the preview", async () => {
  const files = readdirSync(HOSTILE).filter((f) => f.endsWith(".md") && f !== "README.md").sort();
  assert.ok(files.length >= 6, files.join(", "));
  const page = await openPage(browser);
  await watchViolations(page);
  await openPreview(page);
  for (const file of files) {
    const text = readFileSync(join(HOSTILE, file), "utf8");
    await page.fill("#pv-editor-en", text);
    await page.waitForFunction((t) => document.querySelector("#pv-editor-en").value === t, text);
    await page.waitForTimeout(100);
    const report = await page.evaluate(() => {
      const body = document.querySelector(".pv-pane[data-lang=en] .pv-body");
      const bad = [];
      for (const el of body.querySelectorAll("*")) {
        const tag = el.tagName.toLowerCase();
        if (["script", "iframe", "object", "embed", "style", "link", "meta", "base", "form", "svg", "math", "video", "source", "body"].includes(tag)) bad.push(`<${tag}>`);
        for (const a of el.attributes) {
          if (a.name.startsWith("on")) bad.push(`${tag}[${a.name}]`);
          if (a.name === "style" || a.name === "srcdoc") bad.push(`${tag}[${a.name}]`);
          if (["href", "src", "action", "xlink:href", "data"].includes(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value)) bad.push(`${tag}[${a.name}=${a.value}]`);
        }
      }
      return { bad, html: body.innerHTML.length };
    });
    assert.deepEqual(report.bad, [], `${file}: ${report.bad.join(", ")}`);
    assert.ok(report.html > 0, `${file}: nothing rendered`);
    // Follow every link and hover every element: handlers would fire now if any survived.
    const links = await page.$$(`${pane("en")} .pv-body a`);
    for (const link of links) await link.click({ force: true, timeout: 2000 }).catch(() => {});
    await page.hover(`${pane("en")} .pv-body`);
    await page.waitForTimeout(100);
    const state = await page.evaluate(() => ({ canary: window.__canary ?? null, violations: window.__violations, path: location.pathname }));
    assert.equal(state.canary, null, `${file}: canary fired: ${state.canary}`);
    assert.deepEqual(state.violations, [], `${file}: CSP violations`);
    assert.match(state.path, /\/en\/preview\/$/, `${file}: a link navigated away`);
  }
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
