// Previewer figures: time to check and re-render a 2,000-line runbook after an edit (the app's
// own `preview-update` performance measure, and input-to-next-frame), and the bytes the
// previewer route fetches beyond a docs page. Prints; asserts nothing.
import { launch, openPage, url } from "../browser.mjs";

const EDITS = 60;

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

const fmt = (ms) => `${ms.toFixed(2)} ms`;

/** A runbook of about `lines` lines: every template section, prose, lists, tables, code, links. */
function bigRunbook(lines) {
  const head = `---
title: Big runbook
description: A long page for timing the previewer.
runbook:
  severity: warning
  alerts: [SparkDriverPodPending]
  components: [connect]
  time_to_mitigate: 15m
---
`;
  const sections = ["Symptoms", "Impact", "Diagnosis", "Mitigation", "Resolution", "Verification", "Escalation", "Related"];
  const block = (i) => `
### Step ${i}

Check the pods in <namespace> and compare with [sizing](../guides/sizing.md). Some *emphasis*,
some \`inline code\`, and a long sentence that wraps the way runbook prose usually does.

- [ ] first check for step ${i}
- [x] second check for step ${i}

| Field | Value |
|---|---|
| step | ${i} |

\`\`\`yaml
spark:
  executor:
    memory: ${i}g
\`\`\`

> [!NOTE]
> A note for step ${i}.
`;
  let out = head;
  let i = 0;
  const perSection = Math.ceil((lines - 10) / sections.length);
  for (const s of sections) {
    out += `\n## ${s}\n`;
    const target = out.split("\n").length + perSection;
    while (out.split("\n").length < target) out += block(++i);
  }
  return out;
}

async function updateTimes(page, text) {
  await page.evaluate((t) => {
    const area = document.querySelector("#pv-editor-en");
    area.value = t;
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  await page.waitForTimeout(200);
  await page.evaluate(() => performance.clearMeasures("preview-update"));
  const frames = [];
  for (let k = 0; k < EDITS; k++) {
    // One character typed at the end of a line in the middle of the page.
    const frame = await page.evaluate((k) => new Promise((resolve) => {
      const area = document.querySelector("#pv-editor-en");
      const at = Math.floor(area.value.length / 2);
      area.value = area.value.slice(0, at) + (k % 2 ? "" : "x") + area.value.slice(at + (k % 2 ? 1 : 0));
      const t0 = performance.now();
      area.dispatchEvent(new Event("input", { bubbles: true }));
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
    }), k);
    frames.push(frame);
  }
  const updates = await page.evaluate(() =>
    performance.getEntriesByName("preview-update").map((e) => e.duration));
  return { updates: updates.sort((a, b) => a - b), frames: frames.sort((a, b) => a - b) };
}

async function bytesOf(browser, path) {
  const page = await openPage(browser);
  await page.goto(url(path), { waitUntil: "networkidle" });
  if (path.includes("/preview/")) await page.waitForSelector(".pv[data-index=ready]");
  await page.waitForTimeout(300);
  const entries = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const res = performance.getEntriesByType("resource");
    return [nav, ...res].map((e) => ({ name: e.name, transfer: e.transferSize, body: e.encodedBodySize, decoded: e.decodedBodySize }));
  });
  await page.context().close();
  return entries;
}

const browser = await launch();
try {
  const page = await openPage(browser);
  await page.goto(url("/en/preview/"));
  await page.waitForSelector(".pv[data-index=ready]", { timeout: 15000 });
  await page.check("input[name=pv-show] >> nth=0");
  for (const lines of [300, 1880]) {
    const text = bigRunbook(lines);
    const { updates, frames } = await updateTimes(page, text);
    console.log(`  ${text.split("\n").length} lines, ${(text.length / 1024).toFixed(0)} KB, ${EDITS} edits:`);
    console.log(`    check + render + DOM swap (preview-update): median ${fmt(percentile(updates, 50))}, p95 ${fmt(percentile(updates, 95))}, max ${fmt(updates[updates.length - 1])}`);
    console.log(`    input to second frame:                    median ${fmt(percentile(frames, 50))}, p95 ${fmt(percentile(frames, 95))}`);
  }
  if (page.problems.length) console.log(`  page problems: ${page.problems.join("; ")}`);
  await page.context().close();

  const docs = await bytesOf(browser, "/en/guides/sizing/");
  const preview = await bytesOf(browser, "/en/preview/");
  const sum = (list) => list.reduce((n, e) => n + e.body, 0);
  const docsNames = new Set(docs.map((e) => new URL(e.name).pathname));
  const added = preview.filter((e) => !docsNames.has(new URL(e.name).pathname));
  console.log(`  bytes over the wire (encoded bodies, the server's precompressed files):`);
  console.log(`    docs page /en/guides/sizing/: ${(sum(docs) / 1024).toFixed(1)} KB in ${docs.length} requests`);
  console.log(`    previewer /en/preview/:       ${(sum(preview) / 1024).toFixed(1)} KB in ${preview.length} requests`);
  for (const e of added.sort((a, b) => b.body - a.body)) {
    console.log(`      + ${new URL(e.name).pathname.padEnd(48)} ${(e.body / 1024).toFixed(1).padStart(7)} KB (${(e.decoded / 1024).toFixed(1)} KB decoded)`);
  }
} finally {
  await browser.close();
}
