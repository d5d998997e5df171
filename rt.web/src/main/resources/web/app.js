// RT pipeline web UI: plain JavaScript, no libraries, nothing loaded from elsewhere.
'use strict';

const $ = (id) => document.getElementById(id);
let uploadId = null;
let currentRun = null;
let events = null;

function token() { return localStorage.getItem('rt-token') || ''; }

// Every write carries X-RT-Request (the server's CSRF check) and the API token when one is set.
function writeHeaders(extra) {
  const h = Object.assign({ 'X-RT-Request': '1' }, extra || {});
  if (token()) h['X-RT-Token'] = token();
  return h;
}

async function api(method, path, body) {
  const opts = { method, headers: method === 'GET' ? {} : writeHeaders({ 'Content-Type': 'application/json' }) };
  if (body !== undefined) opts.body = JSON.stringify(body);
  const r = await fetch(path, opts);
  const data = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(data.error || (r.status + ' ' + r.statusText));
  return data;
}

function text(el, s) { el.textContent = s; return el; }
function el(tag, attrs, children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'text') e.textContent = v; else if (k === 'onclick') e.onclick = v; else e.setAttribute(k, v);
  }
  for (const c of children || []) e.appendChild(c);
  return e;
}
function hms(ms) {
  if (ms < 0) return '';
  const s = Math.round(ms / 1000);
  return (s >= 3600 ? Math.floor(s / 3600) + ':' : '') + String(Math.floor(s / 60) % 60).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
}
function fileUrl(runId, rel) { return '/api/runs/' + runId + '/files/' + rel.split('/').map(encodeURIComponent).join('/'); }

// ---- system status ----
async function loadStatus() {
  try {
    const s = await api('GET', '/api/status');
    text($('system'), s.stages.length + ' stages · broker ' + s.broker.cpuInUse + '/' + s.broker.cpuBudget + ' cpu, '
      + s.broker.gpuInUse + '/' + s.broker.gpuSlots + ' gpu · ' + s.runs.running + ' running, ' + s.runs.queued + ' queued');
    $('token-box').hidden = !s.web.tokenRequired;
    $('folder-box').hidden = !s.web.serverFolders;
    const fs = $('stages');
    if (fs.querySelectorAll('input').length === 0) {
      for (const st of s.stages) {
        fs.appendChild(el('label', {}, [el('input', { type: 'checkbox', value: st.id }), document.createTextNode(' ' + st.id)]));
      }
    }
  } catch (e) { text($('system'), 'server unreachable: ' + e.message); }
}

// ---- upload ----
async function upload(files) {
  if (!files.length) return;
  $('run-button').disabled = true;
  text($('upload-status'), 'starting upload…').className = '';
  $('summary').textContent = '';
  try {
    const created = await api('POST', '/api/uploads');
    uploadId = created.id;
    const total = files.reduce((a, f) => a + f.size, 0);
    let done = 0;
    const bar = $('upload-progress');
    bar.hidden = false;
    const refused = [];
    for (const f of files) {
      const name = f.webkitRelativePath || f.name;
      const r = await putFile(uploadId, name, f, (loaded) => { bar.value = total ? 100 * (done + loaded) / total : 100; });
      done += f.size;
      refused.push(...(r.refused || []));
      text($('upload-status'), 'uploaded ' + name + (r.archive ? ' (unpacked ' + r.extracted + ' files)' : ''));
    }
    bar.value = 100;
    text($('upload-status'), 'upload ' + uploadId + ': ' + files.length + ' file(s), checking…');
    const sum = await api('GET', '/api/uploads/' + uploadId + '/summary');
    showSummary(sum);
    $('run-button').disabled = sum.dicomFiles === 0;
    text($('upload-status'), 'upload ' + uploadId + ' ready').className = 'ok';
  } catch (e) {
    text($('upload-status'), 'upload failed: ' + e.message).className = 'error';
  }
}

// XMLHttpRequest, not fetch: it reports upload progress. The body is the File itself, streamed by the browser.
function putFile(id, name, file, onProgress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('PUT', '/api/uploads/' + id + '?path=' + encodeURIComponent(name));
    for (const [k, v] of Object.entries(writeHeaders({ 'Content-Type': 'application/octet-stream' }))) x.setRequestHeader(k, v);
    x.upload.onprogress = (e) => onProgress(e.loaded);
    x.onload = () => {
      let data = {};
      try { data = JSON.parse(x.responseText); } catch (e) { /* not JSON */ }
      if (x.status >= 200 && x.status < 300) resolve(data); else reject(new Error(name + ': ' + (data.error || x.status)));
    };
    x.onerror = () => reject(new Error(name + ': connection failed'));
    x.send(file);
  });
}

function showSummary(s) {
  const box = $('summary');
  box.textContent = '';
  const mods = Object.entries(s.modalities).map(([k, v]) => k + ' ' + v).join(', ');
  box.appendChild(el('table', { id: 'summary-table' }, [
    row('DICOM files', s.dicomFiles + ' of ' + s.files), row('patients', s.patients), row('studies', s.studies),
    row('series', s.series), row('RT objects', s.rtObjects), row('by modality', mods),
    row('not usable', s.unusableTotal)]));
  if (s.unusable.length) {
    const ul = el('ul', { class: 'error' });
    for (const p of s.unusable.slice(0, 50)) ul.appendChild(el('li', { text: p.path + ': ' + p.reason }));
    box.appendChild(ul);
  }
}
function row(k, v) { return el('tr', {}, [el('th', { text: k }), el('td', { text: String(v) })]); }

// ---- runs ----
async function startRun(ev) {
  ev.preventDefault();
  const folder = $('server-folder').value.trim();
  if (!uploadId && !folder) return;
  const stages = [...$('stages').querySelectorAll('input:checked')].map((i) => i.value);
  const body = folder ? { folder } : { upload: uploadId };
  Object.assign(body, { stages, force: $('force').checked });
  if ($('site').value.trim()) body.site = $('site').value.trim();
  if ($('config').value.trim()) body.config = $('config').value.trim();
  if ($('workers').value !== '') body.workers = Number($('workers').value);
  try {
    const r = await api('POST', '/api/runs', body);
    text($('run-status'), r.queuePosition > 0 ? 'queued behind ' + r.queuePosition + ' run(s)' : 'started').className = 'ok';
    await loadRuns();
    openRun(r.id);
  } catch (e) { text($('run-status'), e.message).className = 'error'; }
}

async function loadRuns() {
  const runs = await api('GET', '/api/runs');
  const tb = $('runs').querySelector('tbody');
  tb.textContent = '';
  for (const r of runs.slice().reverse()) {
    const state = r.state + (r.state === 'queued' && r.queuePosition ? ' (' + r.queuePosition + ' ahead)' : '');
    const tr = el('tr', { class: 'clickable', 'data-run': r.id }, [el('td', { text: r.id }), el('td', { text: r.source }),
      el('td', { text: state }), el('td', { text: r.percent + ' %' }), el('td', { text: r.created.replace('T', ' ').slice(0, 19) })]);
    tr.onclick = () => openRun(r.id);
    tb.appendChild(tr);
  }
}

function openRun(id) {
  currentRun = id;
  location.hash = '#run/' + id;
  $('run-view').hidden = false;
  text($('run-id'), id);
  $('log').textContent = '';
  $('outputs').textContent = '';
  $('dvh-box').hidden = true;
  if (events) events.close();
  events = new EventSource('/api/runs/' + id + '/events');
  events.addEventListener('state', (e) => showRun(JSON.parse(e.data)));
  events.addEventListener('log', (e) => {
    const log = $('log');
    log.appendChild(document.createTextNode(e.data + '\n'));
    log.scrollTop = log.scrollHeight;
  });
  events.addEventListener('end', () => { events.close(); events = null; loadOutputs(id); loadRuns(); });
  events.onerror = () => { /* the browser reconnects by itself */ };
}

function showRun(r) {
  if (r.id !== currentRun) return;
  text($('run-state'), r.state + (r.message ? ' — ' + r.message : '') + (r.state === 'queued' ? ' (' + r.queuePosition + ' ahead)' : ''));
  $('run-progress').value = r.percent;
  text($('run-percent'), r.percent + ' %');
  text($('run-eta'), r.state === 'running' ? 'elapsed ' + hms(r.elapsedMillis) + (r.etaMillis >= 0 ? ', ETA ' + hms(r.etaMillis) : '') : '');
  $('cancel-button').disabled = !(r.state === 'running' || r.state === 'queued');
  const bars = $('stage-bars');
  bars.textContent = '';
  for (const [name, c] of Object.entries(r.stages)) {
    bars.appendChild(el('div', { class: 'stage-bar', text: name + ': ' + c.done + '/' + c.total + ' courses' + (c.etaMillis > 0 ? ', ETA ' + hms(c.etaMillis) : '') }));
  }
  drawGrid(r);
}

function drawGrid(r) {
  const stages = Object.keys(r.stages);
  const grid = $('grid');
  grid.textContent = '';
  grid.appendChild(el('tr', {}, [el('th', { text: 'course' }), ...stages.map((s) => el('th', { text: s }))]));
  for (const [course, cells] of Object.entries(r.grid || {})) {
    const tr = el('tr', {}, [el('th', { text: course })]);
    for (const s of stages) {
      const v = cells[s] || '';
      const cls = v.split(/[ :(]/)[0];
      tr.appendChild(el('td', { class: cls, title: v, text: cls }));
    }
    grid.appendChild(tr);
  }
}

async function cancelRun() {
  if (!currentRun) return;
  try { await api('POST', '/api/runs/' + currentRun + '/cancel'); } catch (e) { alert(e.message); }
}

async function loadOutputs(id) {
  const o = await api('GET', '/api/runs/' + id + '/outputs');
  const box = $('outputs');
  box.textContent = '';
  const cohort = el('ul', { id: 'cohort-files' });
  for (const f of o.cohort) {
    cohort.appendChild(el('li', {}, [el('a', { href: fileUrl(id, f), text: f, target: f.endsWith('.html') ? '_blank' : '_self' })]));
  }
  cohort.appendChild(el('li', {}, [el('a', { href: '/api/runs/' + id + '/zip', text: 'whole output (zip)' })]));
  box.appendChild(cohort);
  const table = el('table', { id: 'courses' }, [el('tr', {}, ['course', 'report', 'DVH', 'viewer', 'download'].map((h) => el('th', { text: h })))]);
  for (const c of o.courses) {
    const report = c.report ? el('a', { href: fileUrl(id, c.path + '/report.html'), target: '_blank', class: 'report-link', text: 'report' }) : el('span', { text: '—' });
    const dvh = c.dvhCurves ? el('a', { href: '#', class: 'dvh-link', text: 'DVH', onclick: (e) => { e.preventDefault(); showDvh(id, c.path); } }) : el('span', { text: '—' });
    const zip = el('a', { href: '/api/runs/' + id + '/zip?path=' + encodeURIComponent(c.path), text: 'zip' });
    const viewer = c.viewer ? el('a', { href: '#', class: 'viewer-link', text: 'viewer', onclick: (e) => { e.preventDefault(); showViewer(id, c.path); } }) : el('span', { text: '—' });
    table.appendChild(el('tr', {}, [el('td', { text: c.path }), el('td', {}, [report]), el('td', {}, [dvh]), el('td', {}, [viewer]), el('td', {}, [zip])]));
  }
  box.appendChild(table);
  if (o.cohort.some((f) => /\/(dvh|radiomics|qc)\.csv$/.test(f))) loadCohort(id).catch((e) => text($('metric-info'), 'cohort figures: ' + e.message));
  const withCurves = o.courses.filter((c) => c.dvhCurves).map((c) => c.path);
  if (withCurves.length >= 2) loadBands(id, withCurves);
}

// ---- viewer: server-rendered slices of the planning CT with the dose wash, ROI outlines and isodose lines ----
async function showViewer(id, course) {
  const base = '/api/runs/' + id + '/view/' + course.split('/').map(encodeURIComponent).join('/');
  const info = await (await fetch(base + '?info')).json();
  if (info.error) { alert(info.error); return; }
  $('viewer-box').hidden = false;
  text($('viewer-title'), course + (info.dose ? '' : ' (no dose)'));
  // ROI picker: targets and the first few others on at first; each box redraws the three planes
  const list = $('roi-list');
  list.textContent = '';
  const structures = info.structures || [];
  const targets = structures.filter((r) => /PTV|CTV|GTV/i.test(r.name));
  const initial = new Set((targets.length ? targets : structures.slice(0, 6)).map((r) => r.id));
  for (const r of structures) {
    const box = el('input', { type: 'checkbox', class: 'roi-box', value: String(r.id) });
    box.checked = initial.has(r.id);
    list.appendChild(el('label', { title: r.source }, [box, el('span', { class: 'roi-swatch', style: 'background:' + r.colour }), el('span', { text: r.name + ' (' + r.source + ')' })]));
  }
  text($('roi-info'), structures.length ? structures.length + ' ROIs' : 'no structures in this course'
    + ((info.problems || []).length ? ' — ' + info.problems.join('; ') : ''));
  $('isodose-toggle').disabled = !info.dose;
  const query = () => {
    const rois = [...document.querySelectorAll('#roi-list .roi-box')].filter((b) => b.checked).map((b) => b.value);
    const iso = info.dose && $('isodose-toggle').checked ? '&isodose=0.5,0.8,0.95,1' : '';
    return (rois.length ? '&rois=' + rois.join(',') : '') + iso;
  };
  // extents in mm, so that thick slices do not squash the coronal and sagittal views
  const [sx, sy, sz] = info.spacing, nx = info.sagittal, ny = info.coronal, nz = info.axial;
  const mm = { axial: [nx * sx, ny * sy], coronal: [nx * sx, nz * sz], sagittal: [ny * sy, nz * sz] };
  const loaders = [];
  for (const plane of ['axial', 'coronal', 'sagittal']) {
    const slider = $('slice-' + plane), img = $('view-' + plane);
    const [w, h] = mm[plane], scale = 256 / Math.max(w, h);
    img.style.width = Math.round(w * scale) + 'px';
    img.style.height = Math.round(h * scale) + 'px';
    slider.max = info[plane] - 1;
    slider.value = Math.floor(info[plane] / 2);
    const load = () => { img.src = base + '?plane=' + plane + '&index=' + slider.value + query(); };
    slider.oninput = load;
    loaders.push(load);
  }
  // start on the axial slice through the middle of the targets when the course has any
  const centre = info.targetSlices;
  if (centre) for (const plane of ['axial', 'coronal', 'sagittal']) $('slice-' + plane).value = centre[plane];
  const redraw = () => loaders.forEach((l) => l());
  list.onchange = redraw;
  $('isodose-toggle').onchange = redraw;
  redraw();
}

// ---- cohort metrics (histogram, box plot and one dot per course) and the QC summary ----
async function loadCohort(id) {
  const base = '/api/runs/' + id + '/cohort/';
  const tableSel = $('metric-table'), roiSel = $('metric-roi'), metricSel = $('metric-name');
  const fill = (sel, items, preferred) => {
    sel.textContent = '';
    for (const i of items) sel.appendChild(el('option', { value: i, text: i }));
    const p = items.find((i) => preferred.test(i));
    if (p) sel.value = p;
  };
  const loadTable = async () => {
    const m = await api('GET', base + 'metrics?table=' + tableSel.value);
    fill(roiSel, m.rois, /\/PTV$/);
    fill(metricSel, m.metrics, tableSel.value === 'dvh' ? /^d95/ : /shape_MeshVolume|firstorder_Mean$/);
    await plotMetric();
  };
  const plotMetric = async () => {
    if (!roiSel.value || !metricSel.value) { text($('metric-info'), 'no metrics in this table'); return; }
    const d = await api('GET', base + 'distribution?table=' + tableSel.value + '&metric=' + encodeURIComponent(metricSel.value)
      + '&roi=' + encodeURIComponent(roiSel.value));
    drawDistribution(d);
  };
  tableSel.onchange = loadTable;
  roiSel.onchange = plotMetric;
  metricSel.onchange = plotMetric;
  $('cohort-box').hidden = false;
  await loadTable();
  const qc = await api('GET', base + 'qc');
  text($('qc-courses'), 'courses: ' + Object.entries(qc.courses).map(([k, v]) => v + ' ' + k).join(', '));
  const t = $('qc-table');
  t.textContent = '';
  t.appendChild(el('tr', {}, ['check', 'PASS', 'WARNING', 'FAIL'].map((h) => el('th', { text: h }))));
  for (const c of qc.checks) {
    t.appendChild(el('tr', {}, [el('td', { text: c.name }), ...['PASS', 'WARNING', 'FAIL'].map((k) =>
      el('td', { class: c[k] ? k : '', text: String(c[k]) }))]));
  }
  const failed = $('qc-failed');
  failed.textContent = '';
  for (const f of qc.failed) failed.appendChild(el('li', { class: 'error', text: f.course + ': ' + f.name + ' — ' + f.reasons }));
  if (!qc.failed.length) failed.appendChild(el('li', { class: 'ok', text: 'no course failed a check' }));
}

function drawDistribution(d) {
  const canvas = $('metric-plot'), g = canvas.getContext('2d');
  const W = canvas.width, H = canvas.height, L = 60, R = 20;
  g.clearRect(0, 0, W, H);
  const s = d.summary;
  text($('metric-info'), s.n ? `${d.roi} ${d.metric}: median ${fmt(s.median)}, IQR ${fmt(s.q1)}–${fmt(s.q3)}, range ${fmt(s.min)}–${fmt(s.max)} over ${s.n} courses`
    : `${d.roi} ${d.metric}: no values`);
  if (!s.n) return;
  const span = s.max - s.min || Math.abs(s.max) || 1, lo = s.min - 0.05 * span, hi = s.max + 0.05 * span;
  const x = (v) => L + (W - L - R) * (v - lo) / (hi - lo);
  // histogram (top): Sturges' bin count
  const bins = Math.max(1, Math.ceil(Math.log2(s.n) + 1)), counts = new Array(bins).fill(0);
  for (const p of d.values) counts[Math.min(bins - 1, Math.floor(bins * (p.value - lo) / (hi - lo)))]++;
  const top = 20, hh = 160, cmax = Math.max(...counts);
  g.fillStyle = '#7fa7e0';
  for (let b = 0; b < bins; b++) {
    const h = hh * counts[b] / cmax, x0 = x(lo + b * (hi - lo) / bins), x1 = x(lo + (b + 1) * (hi - lo) / bins);
    g.fillRect(x0 + 1, top + hh - h, x1 - x0 - 2, h);
  }
  g.fillStyle = '#333'; g.font = '11px sans-serif';
  g.fillText(String(cmax), 5, top + 10); g.fillText('0', 5, top + hh);
  // box plot (below): whiskers at min and max, box at the quartiles, line at the median; one dot per course
  const by = top + hh + 40, bh = 30;
  g.strokeStyle = '#1f3a5f'; g.lineWidth = 1.5;
  g.beginPath(); g.moveTo(x(s.min), by); g.lineTo(x(s.q1), by); g.moveTo(x(s.q3), by); g.lineTo(x(s.max), by);
  g.moveTo(x(s.min), by - 8); g.lineTo(x(s.min), by + 8); g.moveTo(x(s.max), by - 8); g.lineTo(x(s.max), by + 8); g.stroke();
  g.fillStyle = '#cfe0f7'; g.fillRect(x(s.q1), by - bh / 2, Math.max(1, x(s.q3) - x(s.q1)), bh);
  g.strokeRect(x(s.q1), by - bh / 2, Math.max(1, x(s.q3) - x(s.q1)), bh);
  g.strokeStyle = '#b00020'; g.beginPath(); g.moveTo(x(s.median), by - bh / 2); g.lineTo(x(s.median), by + bh / 2); g.stroke();
  g.fillStyle = '#1d2329';
  d.values.forEach((p, n) => { g.beginPath(); g.arc(x(p.value), by + bh / 2 + 10 + (n % 3) * 5, 2.5, 0, 2 * Math.PI); g.fill(); });
  // axis
  g.fillStyle = '#333';
  for (let t = 0; t <= 4; t++) {
    const v = lo + t * (hi - lo) / 4;
    g.fillText(fmt(v), x(v) - 12, H - 8);
  }
}
function fmt(v) { return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(2) : String(+v.toFixed(2)); }

// ---- cohort DVH bands: per ROI, the median and interquartile range of volume % over the courses ----
let bandCurves = {};
async function loadBands(id, courses) {
  bandCurves = {};
  for (const course of courses) {
    const data = await (await fetch(fileUrl(id, course + '/dvh/dvh_curves.json'))).json();
    for (const c of data.points || data.curves || []) {
      if (!c.data || !c.data.length) continue;
      const key = (c.source ? c.source + '/' : '') + c.roi_name;
      const vol = c.volume_cm3 || c.data[0].y || 1;
      (bandCurves[key] = bandCurves[key] || []).push(c.data.map((p) => [p.x, 100 * p.y / vol]));
    }
  }
  const select = $('band-roi');
  select.textContent = '';
  const keys = Object.keys(bandCurves).filter((k) => bandCurves[k].length >= 2).sort();
  for (const k of keys) select.appendChild(el('option', { value: k, text: k + ' (' + bandCurves[k].length + ' courses)' }));
  if (!keys.length) return;
  select.value = keys.find((k) => /\/PTV$/.test(k)) || keys[0];
  select.onchange = () => drawBand(select.value);
  $('bands-box').hidden = false;
  drawBand(select.value);
}

// volume % of a cumulative curve at dose d (linear between points, 0 beyond the last)
function volumeAt(curve, d) {
  if (d <= curve[0][0]) return curve[0][1];
  for (let i = 1; i < curve.length; i++) {
    if (d <= curve[i][0]) {
      const [x0, y0] = curve[i - 1], [x1, y1] = curve[i];
      return x1 === x0 ? y1 : y0 + (y1 - y0) * (d - x0) / (x1 - x0);
    }
  }
  return 0;
}
function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q, lo = Math.floor(pos), hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
function drawBand(key) {
  const curves = bandCurves[key];
  const maxDose = Math.max(...curves.map((c) => c[c.length - 1][0]), 1);
  const steps = 200, rows = [];
  for (let i = 0; i <= steps; i++) {
    const d = maxDose * i / steps;
    const v = curves.map((c) => volumeAt(c, d)).sort((a, b) => a - b);
    rows.push([d, quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75)]);
  }
  const cv = $('bands'), g = cv.getContext('2d');
  const W = cv.width, H = cv.height, L = 50, B = 30, T = 10, R = 10;
  const X = (d) => L + (W - L - R) * d / maxDose, Y = (v) => H - B - (H - B - T) * v / 100;
  g.clearRect(0, 0, W, H);
  g.strokeStyle = '#888'; g.fillStyle = '#333'; g.font = '11px sans-serif';
  g.strokeRect(L, T, W - L - R, H - B - T);
  for (let v = 0; v <= 100; v += 25) g.fillText(v + '%', 5, Y(v) + 4);
  for (let i = 0; i <= 5; i++) { const d = maxDose * i / 5; g.fillText(d.toFixed(1) + ' Gy', X(d) - 15, H - 10); }
  g.fillStyle = 'rgba(45,108,223,0.25)';
  g.beginPath();
  rows.forEach((r, i) => (i ? g.lineTo(X(r[0]), Y(r[3])) : g.moveTo(X(r[0]), Y(r[3]))));
  rows.slice().reverse().forEach((r) => g.lineTo(X(r[0]), Y(r[1])));
  g.closePath(); g.fill();
  g.strokeStyle = '#1f3a5f'; g.lineWidth = 2; g.beginPath();
  rows.forEach((r, i) => (i ? g.lineTo(X(r[0]), Y(r[2])) : g.moveTo(X(r[0]), Y(r[2]))));
  g.stroke(); g.lineWidth = 1;
  text($('band-info'), key + ': median (line) and interquartile range (band) over ' + curves.length + ' courses');
}

// Cumulative DVH: volume in % of the ROI over dose in Gy, one line per (source, ROI).
async function showDvh(id, course) {
  const r = await fetch(fileUrl(id, course + '/dvh/dvh_curves.json'));
  const data = await r.json();
  const curves = (data.points || data.curves || []).filter((c) => c.data && c.data.length);
  $('dvh-box').hidden = false;
  text($('dvh-title'), course);
  const cv = $('dvh');
  const g = cv.getContext('2d');
  const W = cv.width, H = cv.height, L = 50, B = 30, T = 10, R = 10;
  g.clearRect(0, 0, W, H);
  const maxDose = Math.max(1, ...curves.map((c) => c.data[c.data.length - 1].x));
  const X = (d) => L + (W - L - R) * d / maxDose;
  const Y = (v) => H - B - (H - B - T) * v / 100;
  g.strokeStyle = '#888'; g.fillStyle = '#333'; g.font = '11px sans-serif';
  g.strokeRect(L, T, W - L - R, H - B - T);
  for (let v = 0; v <= 100; v += 25) g.fillText(v + '%', 5, Y(v) + 4);
  for (let i = 0; i <= 5; i++) { const d = maxDose * i / 5; g.fillText(d.toFixed(1) + ' Gy', X(d) - 15, H - 10); }
  const legend = $('dvh-legend');
  legend.textContent = '';
  curves.forEach((c, i) => {
    const color = 'hsl(' + (i * 137) % 360 + ',65%,42%)';
    const vol = c.volume_cm3 || c.data[0].y || 1;
    g.strokeStyle = color; g.beginPath();
    c.data.forEach((p, j) => { const x = X(p.x), y = Y(100 * p.y / vol); if (j) g.lineTo(x, y); else g.moveTo(x, y); });
    g.stroke();
    legend.appendChild(el('span', { style: 'color:' + color + ';margin-right:1em', text: (c.source ? c.source + '/' : '') + c.roi_name }));
  });
}

// ---- wiring ----
function init() {
  $('token').value = token();
  $('token').onchange = () => localStorage.setItem('rt-token', $('token').value);
  $('files').onchange = (e) => upload([...e.target.files]);
  $('folder').onchange = (e) => upload([...e.target.files]);
  const drop = $('drop');
  drop.ondragover = (e) => { e.preventDefault(); drop.classList.add('over'); };
  drop.ondragleave = () => drop.classList.remove('over');
  drop.ondrop = (e) => { e.preventDefault(); drop.classList.remove('over'); upload([...e.dataTransfer.files]); };
  $('run-form').onsubmit = startRun;
  $('server-folder').oninput = () => { $('run-button').disabled = !uploadId && !$('server-folder').value.trim(); };
  $('cancel-button').onclick = cancelRun;
  loadStatus();
  loadRuns().then(() => {
    const m = location.hash.match(/^#run\/([0-9a-f]+)$/);
    if (m) openRun(m[1]);
  }).catch(() => {});
  setInterval(loadStatus, 5000);
}
init();
