// The built site in a real browser: Debian's Chromium, driven by Playwright, with axe-core.
// Run by `cargo test` (tests/browser.rs) with SITE_DIR set to a fresh build of the catalogue
// fixture (tests/fixtures/catalogue: what the expected values below are about) and SHOTS_DIR to
// where screenshots go; standalone: SITE_DIR=... node --test tests/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

const SITE = process.env.SITE_DIR;
const SHOTS = process.env.SHOTS_DIR || path.join(os.tmpdir(), "parkbook-shots");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
// The site is served under a path prefix, as a publisher might: every link must be relative.
const PREFIX = "/sub/";
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8", ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml", ".xml": "application/xml; charset=utf-8", ".csv": "text/csv; charset=utf-8",
};

let server, browser, base;

before(async () => {
  assert.ok(SITE && fs.existsSync(path.join(SITE, "index.html")), "SITE_DIR must hold a built site");
  server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!url.startsWith(PREFIX)) { res.writeHead(404); return res.end(); }
    let file = path.join(SITE, url.slice(PREFIX.length));
    if (!file.startsWith(SITE)) { res.writeHead(404); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  fs.mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function page(width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "zh-CN" });
  const p = await context.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  p.errors = errors;
  return p;
}

/// Waits until the page is loaded and no script is still filling a region (aria-busy).
async function settled(p) {
  await p.waitForFunction(() => document.readyState === "complete" && !document.querySelector("[aria-busy]"),
    null, { timeout: 10000 });
}

/// Links shown in the search results (or anywhere in main) after a query.
async function search(p, query) {
  await p.goto(base + "search/index.html");
  const input = p.locator('main input[type="search"]').first();
  await input.fill(query);
  await input.press("Enter");
  // Done when search.js has shown the results: it sets aria-busy while it searches.
  await p.waitForFunction(() => {
    const region = document.querySelector("main [aria-live]");
    return region && !region.hasAttribute("aria-busy") && region.querySelector("a, p");
  }, null, { timeout: 10000 });
  return p.$$eval("main [aria-live] a", (links) => links.map((a) => ({ href: a.getAttribute("href"), text: a.textContent })));
}

test("search: 孵化 finds the parks whose services mention incubation", async () => {
  const p = await page();
  const links = await search(p, "孵化");
  // 创业孵化 (Delta), 跨境电商孵化 (Zeta), and a description of a service of the Theta park.
  for (const id of ["delta-park", "zeta-bonded", "theta-zone"]) {
    assert.ok(links.some((l) => l.href.includes(`parks/${id}/`)), `no result for park ${id}: ${JSON.stringify(links.slice(0, 8))}`);
  }
  assert.deepEqual(p.errors, []);
});

test("search: 集成服务商 finds clause 2.2 and the term", async () => {
  const p = await page();
  const links = await search(p, "集成服务商");
  assert.ok(links.some((l) => l.href.includes("standard/index.html#clause-2.2")), JSON.stringify(links.slice(0, 8)));
  assert.ok(links.some((l) => l.href.includes("terms/index.html#term-2.2")), JSON.stringify(links.slice(0, 8)));
});

test("search: an English word and a park's name", async () => {
  const p = await page();
  const english = await search(p, "Delta");
  assert.ok(english.some((l) => l.href.includes("parks/delta-park/")), JSON.stringify(english.slice(0, 8)));
  const name = "泽塔保税区";
  const byName = await search(p, name);
  assert.ok(byName[0] && byName.some((l) => l.text.includes(name)), `${name}: ${JSON.stringify(byName.slice(0, 5))}`);
});

test("search from the header form of another page", async () => {
  const p = await page();
  await p.goto(base + "parks/index.html");
  const input = p.locator('header input[type="search"]');
  await input.fill("孵化");
  await input.press("Enter");
  await p.waitForURL(/search\/index\.html\?q=/);
  await p.waitForFunction(() => document.querySelector("main [aria-live] a"), null, { timeout: 10000 });
});

test("a filter narrows the catalogue and survives a reload", async () => {
  const p = await page();
  await p.goto(base + "parks/index.html");
  // Two of the five parks are municipal.
  const level = "municipal";
  const expected = ["泽塔保税区", "艾普西隆产业基地"];
  const count = async () => p.$$eval("#filter-results tbody tr", (rows) => rows.length);
  await p.selectOption('select[name="level"]', level);
  await p.waitForFunction(() => document.querySelector(".filter-count"));
  assert.equal(await count(), expected.length);
  assert.match(p.url(), new RegExp(`level=${level}`));
  await p.reload();
  await p.waitForFunction(() => document.querySelector(".filter-count"));
  assert.equal(await count(), expected.length, "the filter survives a reload");
  assert.equal(await p.$eval('select[name="level"]', (s) => s.value), level);
  const shown = await p.$$eval("#filter-results tbody th a", (as) => as.map((a) => a.textContent));
  assert.deepEqual(shown.sort(), [...expected].sort());
});

test("comparing two parks shows both side by side", async () => {
  const p = await page();
  await p.goto(base + "compare/index.html");
  const [a, b] = [{ id: "delta-park", name: "德尔塔科学城" }, { id: "epsilon-base", name: "艾普西隆产业基地" }];
  await p.check(`input[name="parks"][value="${a.id}"]`);
  await p.check(`input[name="parks"][value="${b.id}"]`);
  await p.click('form.compare-form button[type="submit"]');
  await p.waitForSelector("#side-by-side table");
  const headers = await p.$$eval("#side-by-side thead th", (th) => th.map((x) => x.textContent));
  assert.ok(headers.includes(a.name) && headers.includes(b.name), JSON.stringify(headers));
  const rows = await p.$$eval("#side-by-side tbody tr", (r) => r.length);
  // One row at least for each of the four requirements.
  assert.ok(rows >= 4, `${rows} rows`);
});

const PAGES = {
  home: "index.html",
  standard: "standard/index.html",
  catalogue: "parks/index.html",
  park: "parks/delta-park/index.html",
  compare: "compare/index.html",
};

test("screenshots at 375 and 1280 px for review", async () => {
  for (const width of [375, 1280]) {
    const p = await page(width);
    for (const [name, url] of Object.entries(PAGES)) {
      await p.goto(base + url);
      await p.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    }
    assert.deepEqual(p.errors, []);
  }
  for (const name of Object.keys(PAGES)) {
    assert.ok(fs.statSync(path.join(SHOTS, `${name}-375.png`)).size > 1000);
  }
});

test("axe finds no serious or critical violation", async () => {
  const problems = [];
  for (const [name, url] of Object.entries({ ...PAGES, search: "search/index.html?q=孵化", framework: "framework/index.html", terms: "terms/index.html" })) {
    for (const width of [375, 1280]) {
      const p = await page(width);
      await p.goto(base + url);
      await settled(p);
      const result = await new AxeBuilder({ page: p }).analyze();
      for (const v of result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
        problems.push(`${name}@${width}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});

test("pages work from file:// too", async () => {
  const p = await page();
  await p.goto("file://" + path.join(SITE, "parks/index.html"));
  await p.selectOption('select[name="level"]', "national");
  await p.waitForFunction(() => document.querySelector(".filter-count"));
  await p.goto("file://" + path.join(SITE, "index.html"));
  await p.click('nav a[href$="standard/index.html"]');
  await p.waitForURL(/standard\/index\.html$/);
  assert.deepEqual(p.errors, []);
});
