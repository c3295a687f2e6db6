// Runbook page figures: time from typing a parameter to every placeholder of the page showing
// it (input event to the last placeholder rewritten, seen by a MutationObserver), over 60 edits
// on the runbook with the most placeholders; time to restore a checklist on load; and the bytes
// the runbook tools add (their stylesheet). Prints; asserts nothing.
import { launch, openPage, url } from "../browser.mjs";

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

const summary = (times) => {
  const s = [...times].sort((a, b) => a - b);
  return `median ${percentile(s, 50).toFixed(2)} ms, p95 ${percentile(s, 95).toFixed(2)} ms, max ${s[s.length - 1].toFixed(2)} ms`;
};

const browser = await launch();
try {
  const page = await openPage(browser);
  const css = { bytes: 0 };
  page.on("response", async (res) => {
    if (/\/runbooks-[0-9a-f]+\.css$/.test(res.url())) {
      try { css.bytes = (await res.body()).length; } catch { /* no body */ }
    }
  });

  // The runbook with the most parameter placeholders.
  const candidates = [
    "connect-server-down", "executor-oomkilled", "driver-pending", "metastore-unreachable",
    "postgresql-down", "s3-connection-failed", "history-server-empty", "job-stuck",
  ];
  let best = { slug: "", count: -1 };
  for (const slug of candidates) {
    await page.goto(url(`/en/runbooks/${slug}/`));
    const count = await page.$$eval(
      ".code span.ph",
      (spans) => spans.filter((s) => ["namespace", "release", "context", "bucket"].includes(s.dataset.ph)).length,
    );
    if (count > best.count) best = { slug, count };
  }
  await page.goto(url(`/en/runbooks/${best.slug}/`));
  await page.waitForSelector("#rt-namespace", { timeout: 30000 });
  const steps = await page.locator("article li.task").count();
  console.log(`runbook ${best.slug}: ${best.count} parameter placeholders, ${steps} checklist steps`);
  console.log(`runbooks.css: ${css.bytes} bytes uncompressed`);

  const times = [];
  for (let i = 0; i < 60; i++) {
    const value = `team-${i}`;
    const ms = await page.evaluate((v) => new Promise((resolve) => {
      const spans = [...document.querySelectorAll(".code span.ph[data-ph='namespace']")];
      const last = spans[spans.length - 1];
      const input = document.querySelector("#rt-namespace");
      const t0 = performance.now();
      const observer = new MutationObserver(() => {
        if (last.textContent === v) {
          observer.disconnect();
          resolve(performance.now() - t0);
        }
      });
      observer.observe(last, { childList: true, characterData: true, subtree: true });
      input.value = v;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    }), value);
    times.push(ms);
  }
  console.log(`parameter typed to every placeholder rewritten (${times.length} edits): ${summary(times)}`);

  // Checklist restore: every step checked, then reloads; time from navigation start until the
  // last step's checkbox is enabled and checked.
  const boxes = page.locator("article li.task input[type=checkbox]");
  for (let i = 0; i < steps; i++) await boxes.nth(i).check();
  const restore = [];
  for (let i = 0; i < 15; i++) {
    await page.reload({ waitUntil: "commit" });
    const ms = await page.evaluate(() => new Promise((resolve) => {
      const poll = () => {
        const all = [...document.querySelectorAll("article li.task input[type=checkbox]")];
        if (all.length && all.every((b) => !b.disabled && b.checked)) resolve(performance.now());
        else requestAnimationFrame(poll);
      };
      poll();
    }));
    restore.push(ms);
  }
  console.log(`navigation start to checklist restored (${restore.length} loads, frame-granular): ${summary(restore)}`);
  if (page.problems.length) console.log("page problems:", page.problems);
} finally {
  await browser.close();
}
