/**
 * The dashboard in Debian's Chromium (playwright-core, never a downloaded browser) against a server
 * this test starts on a free port over a temporary store holding the bundled corpus. Screenshots go
 * to test-results/e2e/ for a person to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/serve/index.ts';
import { ingestCorpusIfEmpty } from '../../src/serve/bootstrap.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { createUser } from '../../src/auth/index.ts';
import { formatPointTime } from '../../web/src/format.ts';
import { ensureDashboardBuilt, hasChromium, launchChromium, shots } from './support.ts';

let dir: string;
let store: Store;
let server: FastifyInstance;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleProblems: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  mkdirSync(shots, { recursive: true });
  await ensureDashboardBuilt();
  dir = mkdtempSync(join(tmpdir(), 'twincity-e2e-'));
  store = await openStore(join(dir, 'observatory.db'));
  await ingestCorpusIfEmpty(store);
  server = await buildServer({ store, rateLimitPerMinute: false });
  await server.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) consoleProblems.push(message.text());
  });
  page.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 400) consoleProblems.push(`${response.status()} ${response.url()}`);
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  it('overview shows the key areas with numbers', async () => {
    await page.goto(base + '/');
    await page.getByTestId('area').first().waitFor();
    const areas = await page.getByTestId('area').evaluateAll((els) => els.map((el) => el.getAttribute('data-area')));
    expect(areas.length).toBeGreaterThanOrEqual(5);
    expect(areas).toEqual(expect.arrayContaining(['交通枢纽', '先进制造业', '公共服务/国际都市']));
    const values = await page.locator('[data-testid=indicator-card] .card-value').allTextContents();
    expect(values.length).toBeGreaterThanOrEqual(10);
    for (const value of values) expect(value).toMatch(/\d/);
    const stats = await page.getByTestId('stats').textContent();
    const { reports } = await store.stats();
    expect(reports).toBeGreaterThan(0);
    expect(stats).toContain(`${reports}报告`);
    await shot('01-overview');
  });

  it('clicking an indicator shows its chart and its table', async () => {
    await page.goto(base + '/');
    await page.getByTestId('indicator-card').filter({ hasText: '川渝通办事项数' }).click();
    await page.waitForURL(/\/indicators\/chuanyu_tongban_items$/);
    await page.getByTestId('series-chart').locator('canvas').first().waitFor();
    const rows = page.getByTestId('series-table').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('series-table').textContent()).toMatch(/311项/);
    // 210项 and 311项 for June 2022 disagree: both rows carry the conflict badge
    const flagged = page
      .getByTestId('series-table')
      .locator('tbody tr')
      .filter({ has: page.locator('.badge-conflict') });
    expect(await flagged.count()).toBeGreaterThanOrEqual(2);
    await shot('02-indicator');
  });

  it('clicking a source opens the report with its sentence marked', async () => {
    const source = page.getByTestId('series-table').locator('.source').filter({ hasText: '311项' }).first();
    const figure = (await source.locator('mark').textContent())!;
    const sentence = (await source.locator('.sentence').textContent())!;
    await source.getByTestId('source-link').click();
    await page.waitForURL(/\/reports\/\d+\?span=\d+-\d+$/);
    const marked = page.getByTestId('marked-sentence');
    await marked.waitFor();
    await expect.poll(() => marked.isVisible()).toBe(true);
    const markedText = await page.locator('.report-text .marked').allTextContents();
    expect(markedText.join('')).toContain(figure);
    // The marked run is the source sentence as the indicator page quoted it (whitespace aside).
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(squash(sentence)).toContain(squash(markedText.join('')).slice(0, 20));
    expect(await page.locator('.report-text .target').textContent()).toBe(figure);
    // The marked sentence is scrolled into the viewport.
    const box = (await marked.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeLessThan(900);
    // The facts table fits its column: long sentences wrap instead of pushing columns out of view.
    const fits = await page.evaluate(() => {
      const side = document.querySelector('.report-side')!;
      return side.querySelector('table')!.scrollWidth <= side.clientWidth + 1;
    });
    expect(fits).toBe(true);
    await shot('03-report-marked');
  });

  it('hovering a highlighted figure shows its normalized value, unit, period and region', async () => {
    await page.locator('.report-text .target').hover();
    const card = page.getByTestId('fact-card');
    await card.waitFor();
    const text = (await card.textContent())!;
    expect(text).toMatch(/311项/);
    expect(text).toMatch(/单位/);
    expect(text).toMatch(/时期/);
    expect(text).toMatch(/地区/);
    await shot('04-report-hover');
  });

  it('marks targets apart on report pages and says what set a period or region', async () => {
    let targets = 0;
    let cued = 0;
    let hint: string | null = null;
    for (let id = 1; id <= 5; id++) {
      await page.goto(`${base}/reports/${id}`);
      await page.locator('.report-side table').waitFor();
      const badges = page.locator('.report-side .badge-target');
      const n = await badges.count();
      if (n && !hint) hint = await badges.first().getAttribute('title');
      targets += n;
      cued += await page.locator('.report-side td[title^="依据"]').count();
    }
    // the shipped reports hold goals (谋划200个重大支撑项目, 力争…) and figures dated by their sentence
    expect(targets).toBeGreaterThan(0);
    expect(cued).toBeGreaterThan(0);
    expect(hint).toMatch(/不计入数据序列/);
  });

  it('search for 中欧班列 finds reports with highlighted snippets', async () => {
    await page.goto(base + '/search');
    await page.getByRole('searchbox').fill('中欧班列');
    await page.getByRole('searchbox').press('Enter');
    await page.waitForURL(/\/search\?q=/);
    const results = page.getByTestId('search-results').locator('li');
    await results.first().waitFor();
    expect(await results.count()).toBeGreaterThan(0);
    const marks = await page.locator('[data-testid=search-results] mark').allTextContents();
    expect(marks.join('')).toMatch(/中欧|班列/);
    expect(await page.locator('[data-testid=search-results] .snippet').first().textContent()).not.toMatch(/\[|\]/);
    await shot('05-search');
    // A figure's hit opens its report at the sentence it stands in.
    const factHit = page
      .locator('.hit')
      .filter({ has: page.locator('.badge-quantity') })
      .first();
    await factHit.locator('a').first().click();
    await page.waitForURL(/\/reports\/\d+\?fact=quantity:\d+$/);
    await page.getByTestId('marked-sentence').waitFor();
    expect((await page.locator('.report-text .marked').allTextContents()).join('')).toMatch(/中欧|班列/);
  });

  it('uploading a report adds it to the store and opens it', async () => {
    const file = join(dir, '川渝公交.txt');
    writeFileSync(
      file,
      '川渝毗邻地区跨省公交线路再添新线\n\n2024年1—6月，川渝两地新开通跨省公交线路12条，累计开通跨省公交线路达到58条，日均客流超过1.2万人次。' +
        '两地交通部门表示，下一步将继续加密毗邻地区公交线路，方便群众往来。\n',
    );
    const before = (await store.stats()).reports;
    await page.goto(base + '/upload');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('upload-form').locator('button[type=submit]').click();
    const result = page.getByTestId('upload-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/已新增/);
    expect((await store.stats()).reports).toBe(before + 1);
    await shot('06-upload');
    await result.locator('a').first().click();
    await page.getByTestId('report-text').waitFor();
    expect(await page.getByTestId('report-text').textContent()).toContain('跨省公交线路12条');
    expect(await page.locator('.report-text .fact-quantity').count()).toBeGreaterThan(0);
  });

  it('shows report text containing <script> and <img onerror> as text and runs nothing', async () => {
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    const attack = '<script>window.__pwned = "script"; alert(1)</script>';
    const image = '<img src=x onerror="window.__pwned = \'img\'; alert(2)">';
    const txt = join(dir, 'injection.txt');
    writeFileSync(txt, `注入测试报告\n\n成渝两地今年新增合作项目15个。${attack}这是一段正文。${image}两地将继续推进合作。\n`);
    // The same markup as escaped text inside an HTML page: after reading, the clean text holds the tags.
    const html = join(dir, 'injection.html');
    writeFileSync(
      html,
      '<!doctype html><html><head><meta charset="utf-8"><title>注入测试网页</title></head><body><article><h1>注入测试网页</h1>' +
        '<p>成渝两地今年新增合作项目16个。&lt;script&gt;window.__pwned = "html"&lt;/script&gt;正文继续。' +
        '&lt;img src=x onerror="window.__pwned = \'html-img\'"&gt;两地将继续推进合作，共建双城经济圈。</p></article></body></html>',
    );
    for (const [file, marker] of [
      [txt, attack],
      [html, '<img src=x onerror='],
    ] as const) {
      await page.goto(base + '/upload');
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('upload-form').locator('button[type=submit]').click();
      await page.getByTestId('upload-result').waitFor();
      await page.getByTestId('upload-result').locator('a').first().click();
      const text = page.getByTestId('report-text');
      await text.waitFor();
      expect(await text.textContent()).toContain(marker);
      expect(await text.locator('img, script').count()).toBe(0);
      expect(await page.locator('img[src=x], img[onerror]').count()).toBe(0);
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
      await shot(file.endsWith('.txt') ? '07-injection-text' : '08-injection-html');
    }
    expect(dialogs).toBe(0);
  });

  it('switches to English and back', async () => {
    await page.goto(base + '/');
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.locator('header nav').textContent()).toContain('Overview');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByTestId('area').first().waitFor();
    await shot('09-overview-en');
    await page.getByTestId('lang-toggle').click();
    await expect.poll(() => page.locator('header nav').textContent()).toContain('总览');
  });

  it('timeline, cooperation items and conflicts pages render', async () => {
    await page.goto(base + '/timeline');
    await page.getByTestId('timeline').locator('li').first().waitFor();
    await shot('10-timeline');
    await page.goto(base + '/items');
    const items = await store.items({ limit: 1000 });
    const withProgress = items.rows.filter((item) => item.total !== null && item.total > 0).length;
    if (items.total === 0) {
      await page.getByText('暂无数据').waitFor();
    } else {
      await page.getByTestId('items-table').waitFor();
      expect(await page.locator('[data-testid=items-table] [role=progressbar]').count()).toBe(Math.min(50, withProgress));
    }
    await shot('11-items');
    await page.goto(base + '/conflicts');
    await page.getByTestId('conflict-table').waitFor();
    expect(await page.getByTestId('conflict-table').textContent()).toMatch(/300余家|300/);
    // one row per conflict group, its values together: 130家 and 300余家 in the same row
    const groupRows = page.getByTestId('conflict-group');
    expect(await groupRows.count()).toBe((await store.conflicts({ limit: 50 })).rows.length);
    const parts = groupRows.filter({ hasText: '130家' });
    expect(await parts.count()).toBe(1);
    expect(await parts.getByTestId('conflict-member').count()).toBe(2);
    await shot('12-conflicts');
  });

  it('downloads the tables as XLSX and CSV from the export menu', async () => {
    await page.goto(base + '/');
    await page.locator('.export-menu summary').click();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Excel (XLSX)' }).click()]);
    expect(xlsx.suggestedFilename()).toBe('twincity-all.xlsx');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.locator('.export-links a[href*="format=csv"]').first().click()]);
    expect(csv.suggestedFilename()).toMatch(/^twincity-\w+\.csv$/);
    const bytes = readFileSync((await csv.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel opens Chinese right
  });

  it('shows the five reports’ programmes as complete series, each value with its source', async () => {
    const programmes: Record<string, string[]> = {
      chuanyu_tongban_items: ['95项', '115项', '210项', '311项'],
      china_europe_trains: ['1475列', '1936列'],
      cross_province_medical_settlement: ['17.54万人次', '31.74万人次', '46.3万人次', '49.28万人次'],
      hydrogen_vehicles_deployed: ['440辆', '1415辆'],
      cadre_exchange: ['501人次'],
      industrial_internet_secondary_nodes: ['56个'],
    };
    for (const [id, values] of Object.entries(programmes)) {
      await page.goto(`${base}/indicators/${id}`);
      const table = page.getByTestId('series-table');
      await table.waitFor();
      const text = (await table.textContent())!.replace(/\s+/g, '');
      for (const value of values) expect(text, `${id} lists ${value}`).toContain(value);
      expect(await table.locator('.source').count()).toBeGreaterThanOrEqual(values.length);
    }
  });

  it('broke no Content Security Policy rule and logged no error', async () => {
    expect(consoleProblems).toEqual([]);
  });
});

// Last: it changes the store. The same store behind a second server that requires sign-in.
describe.skipIf(!hasChromium)('curation in Chromium, signed in', () => {
  let authServer: FastifyInstance;
  let authBase: string;
  let signedIn: BrowserContext;
  let tab: Page;

  beforeAll(async () => {
    await createUser(store, 'ana', 'analyst', 'ana-password-1', 'test');
    await createUser(store, 'vic', 'viewer', 'vic-password-1', 'test');
    authServer = await buildServer({ store, rateLimitPerMinute: false, auth: true, cacheTtlMs: 0 });
    await authServer.listen({ port: 0, host: '127.0.0.1' });
    authBase = `http://127.0.0.1:${(authServer.server.address() as AddressInfo).port}`;
    signedIn = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    tab = await signedIn.newPage();
  });

  afterAll(async () => {
    await signedIn?.close();
    await authServer?.close();
  });

  const signIn = async (name: string, password: string) => {
    await tab.goto(authBase + '/');
    const form = tab.getByTestId('login-form');
    await form.waitFor();
    await form.locator('input[name=name]').fill(name);
    await form.locator('input[name=password]').fill(password);
    await form.locator('button[type=submit]').click();
    await tab.getByTestId('session-user').waitFor();
  };

  it('an analyst moves a figure the machine left unfiled into a catalogued indicator, picked by its name', async () => {
    await signIn('ana', 'ana-password-1');
    expect(await tab.getByTestId('session-user').textContent()).toMatch(/ana（分析员）/);
    // 004's teaser list names 355项 without saying of what: the reading cannot file it, an analyst can
    const reports = (await store.reports({ limit: 10 })).rows;
    const details = await Promise.all(reports.map((r) => store.report(r.id)));
    const report = details.find((d) => d?.quantities.some((q) => q.text === '355项' && q.indicatorId !== 'chuanyu_tongban_items'))!;
    expect(report, 'a report with an unfiled 355项').toBeDefined();
    await tab.goto(`${authBase}/reports/${report.id}`);
    await tab.getByTestId('figure-row').filter({ hasText: '355项' }).first().getByTestId('review-open').click();
    const form = tab.getByTestId('figure-review');
    const options = form.getByTestId('indicator-options').locator('option[value="川渝通办事项数"]');
    await options.waitFor({ state: 'attached' });
    expect(await options.getAttribute('label')).toContain('chuanyu_tongban_items');
    await form.locator('input[name=indicatorId]').fill('川渝通办事项数');
    await form.locator('input[name=reason]').fill('前文清单：川渝通办事项355项');
    await form.getByTestId('review-correct').click();
    await tab.getByTestId('curation-badge').first().waitFor();

    await tab.goto(`${authBase}/indicators/chuanyu_tongban_items`);
    const table = tab.getByTestId('series-table');
    await table.waitFor();
    const text = (await table.textContent())!.replace(/\s+/g, '');
    for (const value of ['95项', '115项', '210项', '311项', '355项']) expect(text, `川渝通办事项数 lists ${value}`).toContain(value);
    expect(await tab.getByTestId('filed-by').textContent()).toContain('analyst: moved here');
  });

  it('an analyst corrects a period on the report page; the chart, the export and the audit log follow', async () => {
    expect(await tab.getByTestId('session-user').textContent()).toMatch(/ana（分析员）/);
    const indicator = (await store.indicator('chuanyu_tongban_items'))!;
    const source = indicator.series.flatMap((p) => p.sources).find((s) => s.text === '311项')!;
    await tab.goto(`${authBase}/reports/${source.reportId}`);
    const row = tab.getByTestId('figure-row').filter({ hasText: '311项' }).first();
    await row.getByTestId('review-open').click();
    const form = tab.getByTestId('figure-review');
    await form.locator('input[name=periodStart]').fill('2022-01');
    await form.locator('input[name=periodEnd]').fill('2022-05');
    await form.locator('input[name=reason]').fill('按原文核对：截至5月底');
    await form.getByTestId('review-correct').click();
    await tab.getByTestId('curation-badge').first().waitFor();
    expect(await tab.getByTestId('curation-badge').first().textContent()).toBe('已更正');
    await tab.screenshot({ path: join(shots, '20-curated-figure.png') });

    const expected = formatPointTime({ period: { start: '2022-01', end: '2022-05' }, date: '2022-05' }, 'zh');
    await tab.goto(`${authBase}/indicators/chuanyu_tongban_items`);
    await tab.getByTestId('series-chart').locator('canvas').first().waitFor();
    const corrected = tab.getByTestId('series-table').locator('tbody tr').filter({ hasText: '311项' }).filter({ hasText: expected });
    expect(await corrected.count()).toBeGreaterThan(0);

    const csv = await tab.evaluate(() => fetch('/api/export?format=csv&table=quantities').then((r) => r.text()));
    const line = csv.split('\r\n').find((l) => l.startsWith(`${source.quantityId},`))!;
    expect(line).toContain('2022-05');
    expect(line).toContain('correct');
    expect(line).toContain('ana');

    await tab.goto(`${authBase}/audit`);
    const audit = tab.getByTestId('audit-table');
    await audit.waitFor();
    const first = audit.locator('tbody tr').first();
    expect(await first.textContent()).toMatch(/ana.*figure\.correct.*按原文核对/s);
    await tab.screenshot({ path: join(shots, '21-audit.png') });

    // split the first point's figures off into an indicator of their own
    await tab.goto(`${authBase}/indicators/chuanyu_tongban_items`);
    await tab.getByTestId('series-table').locator('tbody input[type=checkbox]').first().check();
    const tools = tab.getByTestId('indicator-curation');
    await tools.locator('summary').click();
    await tools.locator('input[name=nameZh]').fill('川渝通办事项数（试拆分）');
    await tools.getByRole('button', { name: /拆分为新指标/ }).click();
    await tab.waitForURL(/\/indicators\/cur%3A|\/indicators\/cur:/);
    await tab.getByTestId('series-table').waitFor();
    expect(await tab.locator('h1').textContent()).toContain('川渝通办事项数（试拆分）');
  });

  it('a viewer finds no upload or correction controls', async () => {
    await tab.getByTestId('session-user').locator('button').click();
    await tab.getByTestId('login-form').waitFor();
    await signIn('vic', 'vic-password-1');
    expect(await tab.locator('header nav').textContent()).not.toMatch(/上传/);
    const report = (await store.reports({ limit: 1 })).rows[0];
    await tab.goto(`${authBase}/reports/${report.id}`);
    await tab.getByTestId('figure-row').first().waitFor();
    expect(await tab.getByTestId('review-open').count()).toBe(0);
    await tab.goto(`${authBase}/indicators/chuanyu_tongban_items`);
    await tab.getByTestId('series-table').waitFor();
    expect(await tab.getByTestId('indicator-curation').count()).toBe(0);
    // and the API says the same to a viewer who tries anyway
    const status = await tab.evaluate(() =>
      fetch('/api/quantities/1/decision', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"accept"}' }).then(
        (r) => r.status,
      ),
    );
    expect(status).toBe(403);
  });
});
