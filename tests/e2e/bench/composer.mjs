// Composer figures: time from an edit to the updated output in Chromium (the page's own
// performance measure "composer-edit-to-output", from the input handler to the code view written)
// over 100 edits on two presets, and the bytes the composer route transfers. Prints; asserts nothing.
import { launch, openPage, url } from "../browser.mjs";

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

const browser = await launch();
try {
  const page = await openPage(browser);
  const bytes = { total: 0 };
  page.on("response", async (res) => {
    try {
      const body = await res.body();
      bytes.total += body.length;
      bytes[res.url().split(".").pop().split("?")[0]] = (bytes[res.url().split(".").pop().split("?")[0]] ?? 0) + body.length;
    } catch { /* redirects have no body */ }
  });
  await page.goto(url("/en/composer/"));
  await page.waitForSelector(".cmp .out-code .ln", { timeout: 30000 });
  console.log(`composer route: ${bytes.total} bytes transferred uncompressed (wasm ${bytes.wasm ?? 0}, js ${bytes.js ?? 0}, css ${bytes.css ?? 0})`);

  for (const preset of ["jupyter-connect-k8s", "production-ha"]) {
    await page.click(`.cmp-card-btn[data-preset="${preset}"]`);
    await page.waitForFunction((p) => location.hash.startsWith(`#1~${p}`), preset);
    await page.evaluate(() => performance.clearMeasures("composer-edit-to-output"));
    const times = [];
    for (let i = 0; i < 100; i++) {
      const value = `${2 + (i % 7)}Gi`;
      const count = await page.evaluate(() => performance.getEntriesByName("composer-edit-to-output").length);
      await page.fill("#f-sizing-executor_memory", value);
      await page.waitForFunction((n) => performance.getEntriesByName("composer-edit-to-output").length > n, count);
    }
    const entries = await page.evaluate(() => performance.getEntriesByName("composer-edit-to-output").map((e) => e.duration));
    times.push(...entries);
    times.sort((a, b) => a - b);
    console.log(
      `edit to output (${preset}, ${times.length} edits): median ${percentile(times, 50).toFixed(2)} ms, ` +
        `p95 ${percentile(times, 95).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`,
    );
  }
  if (page.problems.length) console.log("page problems:", page.problems);
} finally {
  await browser.close();
}
