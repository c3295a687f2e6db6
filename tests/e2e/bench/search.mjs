// Search figures: index size per language against the text it covers, bytes fetched by a first
// query, and query latency in Chromium (the engine's own time, from the page's
// performance measures, over 200 sample queries). Prints; asserts nothing.
import { launch, openPage, url } from "../browser.mjs";

const SAMPLES = {
  en: [
    "OOMKilled", "executor memory", "spark.executor.memoryOverhead", "memoryOverhead", "runAsNonRoot",
    "seccomp", "history server empty", "event log", "network policy", "pod security", "TLS ingress",
    "dynamic allocation", "shuffle fetch failed", "image pull", "ImagePullBackOff", "CrashLoopBackOff",
    "pvc pending", "minio full", "postgresql down", "metastore unreachable", "s3 credentials",
    "driver pending", "gpu", "celeborn", "airflow task stuck", "jupyter python", "connect latency",
    "error budget", "node pressure eviction", "openshift scc", "helm values", "readOnlyRootFilesystem",
    "iceberg rest catalog", "prometheus alerts", "grafana dashboard", "resource quota", "exit code 137",
    "spark.eventLog.dir", "spark-submit", "kubectl logs",
  ],
  ru: [
    "нехватка памяти", "историй сервер пустой", "сервер истории", "журнал событий", "сетевые политики",
    "память исполнителя", "OOMKilled", "seccomp", "безопасность подов", "динамическое выделение",
    "ошибка загрузки образа", "диск заполнен", "метастор недоступен", "учётные данные s3", "драйвер",
    "исполнители не запускаются", "задание зависло", "квота ресурсов", "шифрование tls", "алерты",
  ],
};

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

/** The queries a reader types: every sample whole, plus the prefixes on the way to it. */
function workload(lang, n) {
  const out = [];
  const samples = SAMPLES[lang];
  for (let round = 0; out.length < n; round++) {
    for (const s of samples) {
      if (out.length >= n) break;
      if (round === 0) out.push(s);
      else {
        const cut = Math.max(2, s.length - round * 2);
        out.push(s.slice(0, cut));
      }
    }
  }
  return out;
}

async function openDialog(page) {
  await page.waitForSelector(".search-open", { timeout: 15000 });
  await page.keyboard.press("/");
  await page.waitForSelector(".search-input");
}

async function ask(page, text) {
  await page.fill(".search-input", text);
  await page.waitForFunction((t) => document.querySelector(".search-status")?.dataset.query === t, text, { timeout: 15000 });
}

const site = process.env.SITE_URL ?? "http://127.0.0.1:8080/";
const stats = await (await fetch(new URL("search/stats.json", site))).json();
console.log("search index (meta + term chunks; excerpt text fetched separately per result):");
for (const [lang, s] of Object.entries(stats)) {
  const pct = (b) => ((100 * b) / s.text_bytes).toFixed(1);
  console.log(
    `  ${lang}: ${s.documents} sections, ${s.terms} terms, ${s.chunks} chunks, ${s.groups} text groups; ` +
      `text ${s.text_bytes} B; index ${s.index_raw} B raw (${pct(s.index_raw)}%) / ${s.index_brotli} B brotli (${pct(s.index_brotli)}%); ` +
      `with excerpt text ${s.all_raw} B raw / ${s.all_brotli} B brotli`,
  );
}

const browser = await launch();
try {
  for (const [lang, first] of [["en", "OOMKilled"], ["ru", "нехватка памяти"]]) {
    const page = await openPage(browser);
    const responses = [];
    page.on("requestfinished", async (req) => {
      if (!new URL(req.url()).pathname.includes("/search/")) return;
      const sizes = await req.sizes().catch(() => null);
      responses.push({ url: req.url(), bytes: sizes ? sizes.responseBodySize + 0 : 0 });
    });
    await page.goto(url(`/${lang}/`, site));
    await openDialog(page);
    const beforeFirst = responses.length;
    await ask(page, first);
    await page.waitForTimeout(200);
    const bytes = responses.reduce((a, r) => a + r.bytes, 0);
    console.log(
      `search ${lang}: before the first query ${beforeFirst} index requests; first query "${first}": ` +
        `${responses.length} files, ${bytes} B on the wire (brotli)`,
    );

    const queries = workload(lang, 200);
    const engine = [];
    const roundTrip = [];
    for (const q of queries) {
      await page.evaluate(() => performance.clearMeasures("search-query"));
      const t0 = await page.evaluate(() => performance.now());
      await ask(page, q);
      const t1 = await page.evaluate(() => performance.now());
      const ms = await page.evaluate(() =>
        performance.getEntriesByName("search-query").reduce((a, e) => a + e.duration, 0),
      );
      engine.push(ms);
      roundTrip.push(t1 - t0);
    }
    engine.sort((a, b) => a - b);
    roundTrip.sort((a, b) => a - b);
    console.log(
      `search ${lang}: ${queries.length} queries, engine time median ${percentile(engine, 50).toFixed(2)} ms, ` +
        `p95 ${percentile(engine, 95).toFixed(2)} ms, max ${engine[engine.length - 1].toFixed(2)} ms; ` +
        `input to results (incl. fetches and rendering, via the test driver) median ${percentile(roundTrip, 50).toFixed(1)} ms, ` +
        `p95 ${percentile(roundTrip, 95).toFixed(1)} ms; files fetched in all ${responses.length}`,
    );
    await page.context().close();
  }
} finally {
  await browser.close();
}
