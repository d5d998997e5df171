/* Interactive cumulative DVH: one SVG, a checkbox per curve, a cursor read-out. No external code. */
(function () {
  'use strict';
  var dataEl = document.getElementById('dvh-data');
  var host = document.getElementById('dvh-plot');
  var list = document.getElementById('dvh-toggles');
  if (!dataEl || !host || !list) { return; }
  var curves = JSON.parse(dataEl.textContent || '[]');
  if (!curves.length) { return; }
  var NS = 'http://www.w3.org/2000/svg';
  var W = 760, H = 420, L = 56, R = 16, T = 14, B = 44;
  var palette = ['#e6194b', '#3cb44b', '#d4a017', '#4363d8', '#f58231', '#911eb4', '#22a7a7', '#f032e6',
    '#7fa30c', '#c77', '#008080', '#9a6cd4', '#9a6324', '#800000', '#55a070', '#808000', '#000075', '#808080'];
  var xMax = 0;
  curves.forEach(function (c) { c.x.forEach(function (v) { if (v > xMax) { xMax = v; } }); });
  xMax = niceMax(xMax > 0 ? xMax : 1);
  function niceMax(v) {
    var p = Math.pow(10, Math.floor(Math.log(v) / Math.LN10)), m = v / p;
    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
  }
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function sx(v) { return L + (W - L - R) * v / xMax; }
  function sy(v) { return T + (H - T - B) * (1 - v / 100); }
  var svg = el('svg', {viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, role: 'img', 'aria-label': 'DVH'}, host);
  var axes = el('g', {'font-size': '11', fill: '#333'}, svg);
  for (var i = 0; i <= 10; i++) {
    var xv = xMax * i / 10, yv = 10 * i;
    el('line', {x1: sx(xv), x2: sx(xv), y1: T, y2: H - B, stroke: '#e4e4e4'}, axes);
    el('line', {x1: L, x2: W - R, y1: sy(yv), y2: sy(yv), stroke: '#e4e4e4'}, axes);
    el('text', {x: sx(xv), y: H - B + 15, 'text-anchor': 'middle'}, axes).textContent = +xv.toFixed(2);
    el('text', {x: L - 6, y: sy(yv) + 4, 'text-anchor': 'end'}, axes).textContent = yv;
  }
  el('rect', {x: L, y: T, width: W - L - R, height: H - T - B, fill: 'none', stroke: '#888'}, axes);
  el('text', {x: (L + W - R) / 2, y: H - 8, 'text-anchor': 'middle'}, axes).textContent = 'Dose (Gy)';
  el('text', {x: 14, y: (T + H - B) / 2, 'text-anchor': 'middle',
    transform: 'rotate(-90 14 ' + ((T + H - B) / 2) + ')'}, axes).textContent = 'Volume (%)';
  var lines = el('g', {fill: 'none', 'stroke-width': '1.8'}, svg);
  var cursor = el('line', {y1: T, y2: H - B, stroke: '#555', 'stroke-dasharray': '3,3', visibility: 'hidden'}, svg);
  var readout = document.getElementById('dvh-readout');
  curves.forEach(function (c, n) {
    c.color = palette[n % palette.length];
    var d = '';
    for (var k = 0; k < c.x.length; k++) {
      d += (k ? 'L' : 'M') + sx(c.x[k]).toFixed(1) + ',' + sy(Math.max(0, Math.min(100, c.y[k]))).toFixed(1);
    }
    c.path = el('path', {d: d, stroke: c.color}, lines);
    var label = document.createElement('label');
    var box = document.createElement('input');
    box.type = 'checkbox';
    box.checked = true;
    box.addEventListener('change', function () { c.path.style.display = box.checked ? '' : 'none'; });
    var sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = c.color;
    label.appendChild(box);
    label.appendChild(sw);
    label.appendChild(document.createTextNode(c.name + (c.source ? ' [' + c.source + ']' : '')));
    list.appendChild(label);
  });
  function at(c, dose) {
    if (!c.x.length || dose < c.x[0]) { return c.y.length ? c.y[0] : NaN; }
    for (var k = 1; k < c.x.length; k++) {
      if (c.x[k] >= dose) {
        var f = (dose - c.x[k - 1]) / ((c.x[k] - c.x[k - 1]) || 1);
        return c.y[k - 1] + f * (c.y[k] - c.y[k - 1]);
      }
    }
    return c.y[c.y.length - 1];
  }
  svg.addEventListener('mousemove', function (ev) {
    var r = svg.getBoundingClientRect();
    var px = (ev.clientX - r.left) * W / r.width;
    if (px < L || px > W - R) { cursor.setAttribute('visibility', 'hidden'); return; }
    var dose = (px - L) / (W - L - R) * xMax;
    cursor.setAttribute('x1', px);
    cursor.setAttribute('x2', px);
    cursor.setAttribute('visibility', 'visible');
    if (readout) {
      var parts = ['D = ' + dose.toFixed(2) + ' Gy'];
      curves.forEach(function (c) {
        if (c.path.style.display !== 'none') { parts.push(c.name + ': ' + at(c, dose).toFixed(1) + ' %'); }
      });
      readout.textContent = parts.join(' | ');
    }
  });
  var all = document.getElementById('dvh-all');
  var none = document.getElementById('dvh-none');
  function setAll(on) {
    var boxes = list.querySelectorAll('input');
    for (var b = 0; b < boxes.length; b++) { boxes[b].checked = on; }
    curves.forEach(function (c) { c.path.style.display = on ? '' : 'none'; });
  }
  if (all) { all.addEventListener('click', function () { setAll(true); }); }
  if (none) { none.addEventListener('click', function () { setAll(false); }); }
}());
