// Browser test of the web UI, as a new user would use it: upload the demo cohort as a zip, start a run, watch it reach
// 100 %, open a course report, its DVH and the cohort DVH bands, download results.xlsx. Screenshots go to OUT_DIR; any console error fails.
// Usage: node web-ui.mjs BASE_URL DEMO_ZIP OUT_DIR TOKEN
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';

const [base, zipPath, outDir, token] = process.argv.slice(2);
const errors = [];
const figures = {};
const shot = (page, name) => page.screenshot({ path: `${outDir}/${name}.png`, fullPage: true });
const watch = (page, label) => {
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${label}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${label}: ${e}`));
};
function check(ok, what) {
  if (!ok) throw new Error('check failed: ' + what);
  console.log('ok: ' + what);
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watch(page, 'ui');
  await page.goto(base + '/');
  await page.waitForSelector('#stages input', { timeout: 60000 });
  check(await page.isVisible('#token-box'), 'the UI asks for the API token this server needs');
  await page.fill('#token', token);
  await page.dispatchEvent('#token', 'change');
  await shot(page, '01-start');

  await page.setInputFiles('#files', zipPath);
  await page.waitForSelector('#summary-table', { timeout: 300000 });
  const summary = await page.textContent('#summary-table');
  check(/patients\s*3/.test(summary), 'validation summary counts 3 patients: ' + summary.replace(/\s+/g, ' '));
  check(/RT objects\s*[1-9]/.test(summary), 'validation summary counts RT objects');
  await shot(page, '02-uploaded');

  await page.fill('#config', 'demo/rt-demo.yaml');
  const clicked = Date.now();
  await page.click('#run-button');
  // the first state event whose run has seen a progress event from the runtime
  await page.waitForFunction(() => document.querySelector('#grid tr:nth-child(2)') !== null, null, { timeout: 120000 });
  figures.clickToFirstGridRowMs = Date.now() - clicked;
  await shot(page, '03-running');
  await page.waitForFunction(() => document.querySelector('#run-percent').textContent === '100 %', null,
    { timeout: 1200000, polling: 1000 });
  const state = await page.textContent('#run-state');
  check(state.startsWith('done'), 'run ends done: ' + state);
  await page.waitForSelector('#courses a.report-link', { timeout: 60000 });
  await shot(page, '04-done');
  const run = await page.evaluate(async () => (await fetch('/api/runs/' + location.hash.split('/')[1])).json());
  figures.serverRequestToFirstEventMs = run.firstEventMillis;
  figures.runElapsedMs = run.elapsedMillis;
  check(Object.keys(run.grid).length >= 3, 'grid has a row per course');

  const [report] = await Promise.all([context.waitForEvent('page'), page.click('#courses a.report-link >> nth=0')]);
  watch(report, 'report');
  await report.waitForLoadState('load');
  const reportText = await report.textContent('body');
  check(/DVH/i.test(reportText), 'course report opens and shows DVH content');
  await shot(report, '05-report');
  await report.close();

  await page.click('#courses a.dvh-link >> nth=0');
  await page.waitForSelector('#dvh-box:not([hidden])');
  const legend = await page.textContent('#dvh-legend');
  check(/PTV/.test(legend), 'DVH plot lists PTV: ' + legend);
  await shot(page, '06-dvh');

  await page.click('#courses a.viewer-link >> nth=0');
  await page.waitForFunction(() => ['axial', 'coronal', 'sagittal'].every((p) => {
    const img = document.getElementById('view-' + p);
    return img.complete && img.naturalWidth > 0;
  }), null, { timeout: 60000 });
  check(true, 'viewer shows axial, coronal and sagittal slices with the dose wash');
  const rois = await page.$$eval('#roi-list .roi-box', (boxes) => boxes.map((b) => b.checked));
  check(rois.length > 0 && rois.some((c) => c), 'viewer lists the course ROIs, some selected: ' + rois.length);
  // the server says how many outline pixels it drew per selected ROI on the axial slice shown
  const outline = await page.evaluate(async () => {
    const r = await fetch(document.getElementById('view-axial').src);
    return r.headers.get('X-Outline-Pixels');
  });
  check(outline && outline.split(',').some((n) => Number(n) > 0), 'axial slice draws ROI contours: ' + outline);
  // pixel check: the axial image carries the first selected ROI's colour
  const colourSeen = await page.evaluate(() => {
    const box = [...document.querySelectorAll('#roi-list .roi-box')].find((b) => b.checked);
    const hex = box.nextElementSibling.style.background;
    const img = document.getElementById('view-axial');
    const c = document.createElement('canvas');
    c.width = img.naturalWidth; c.height = img.naturalHeight;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const m = /rgb\((\d+), (\d+), (\d+)\)/.exec(hex);
    let n = 0;
    for (let p = 0; p < d.length; p += 4) if (d[p] == m[1] && d[p + 1] == m[2] && d[p + 2] == m[3]) n++;
    return n;
  });
  check(colourSeen > 0, 'axial image has pixels in the ROI colour: ' + colourSeen);
  await page.locator('#viewer-box').screenshot({ path: `${outDir}/08-viewer.png` });

  await page.waitForSelector('#bands-box:not([hidden])', { timeout: 60000 });
  const bandInfo = await page.textContent('#band-info');
  check(/PTV: median .* over 3 courses/.test(bandInfo), 'cohort DVH band of the PTV over 3 courses: ' + bandInfo);
  await page.locator('#bands-box').screenshot({ path: `${outDir}/07-dvh-bands.png` });

  await page.waitForSelector('#cohort-box:not([hidden])', { timeout: 60000 });
  await page.waitForFunction(() => /over \d+ courses/.test(document.getElementById('metric-info').textContent), null,
    { timeout: 60000 });
  const metricInfo = await page.textContent('#metric-info');
  check(/PTV d95_gy: median .* over 3 courses/.test(metricInfo), 'cohort D95 distribution of the PTV: ' + metricInfo);
  const api = await page.evaluate(async () => {
    const id = location.hash.split('/')[1];
    const m = await (await fetch('/api/runs/' + id + '/cohort/metrics?table=radiomics')).json();
    const qc = await (await fetch('/api/runs/' + id + '/cohort/qc')).json();
    return { radiomics: m.metrics.length, rois: m.rois.length, checks: qc.checks.length, courses: qc.courses };
  });
  check(api.radiomics > 10 && api.rois > 0, 'radiomics metrics offered: ' + JSON.stringify(api));
  const qcCourses = Object.values(api.courses).reduce((a, b) => a + b, 0);
  check(api.checks > 0 && qcCourses === 3, 'QC summary counts checks and 3 courses: ' + JSON.stringify(api.courses));
  await page.selectOption('#metric-table', 'radiomics');
  await page.waitForFunction(() => /radiomics|original_/.test(document.getElementById('metric-name').value) &&
    /over \d+ courses|no values/.test(document.getElementById('metric-info').textContent), null, { timeout: 60000 });
  check(await page.isVisible('#qc-table tr:nth-child(2)') && await page.isVisible('#qc-failed li'),
    'QC table and failed-course list shown');
  await page.locator('#cohort-box').screenshot({ path: `${outDir}/09-cohort-metrics-qc.png` });

  const [download] = await Promise.all([page.waitForEvent('download'),
    page.click('#cohort-files a[href$="results.xlsx"]')]);
  await download.saveAs(`${outDir}/results.xlsx`);
  console.log('ok: results.xlsx downloaded');

  check(errors.length === 0, 'no console errors' + (errors.length ? ': ' + errors.join(' | ') : ''));
  writeFileSync(`${outDir}/figures.json`, JSON.stringify(figures, null, 1));
  console.log('figures: ' + JSON.stringify(figures));
} finally {
  await browser.close();
}
