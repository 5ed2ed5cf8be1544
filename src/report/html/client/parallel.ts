/**
 * The parallel-coordinates controls: colour by any column or the rank, reset the axes
 * (order, scales, brushes), and the axis drop — the view reports where a dragged title was
 * let go (`drag.dropped`), and the new order is the axes sorted by where they now stand.
 */
export const PARALLEL_SCRIPT = String.raw`
  var parallel = gf.payload.parallel;
  var colourSelect = document.getElementById('colour-by');
  var colourNote = document.getElementById('colour-note');

  function showColourNote(key) {
    var colouring = parallel.colourings.filter(function (c) { return c.key === key; })[0];
    colourNote.textContent = colouring ? 'Colour: ' + colouring.note + '.' : '';
  }
  showColourNote(colourSelect.value);

  colourSelect.addEventListener('change', function () {
    showColourNote(colourSelect.value);
    if (gf.views.parallel) gf.views.parallel.signal('colorBy', colourSelect.value).runAsync();
  });

  function clearBrushes(view) {
    parallel.keys.forEach(function (key) { view.signal('brush_' + key, null); });
  }
  document.getElementById('clear-brushes').addEventListener('click', function () {
    var view = gf.views.parallel;
    if (!view) return;
    clearBrushes(view);
    view.runAsync();
  });
  document.getElementById('reset-axes').addEventListener('click', function () {
    var view = gf.views.parallel;
    if (!view) return;
    clearBrushes(view);
    view.signal('axisOrder', parallel.keys.slice()).signal('axisScale', Object.assign({}, parallel.scales)).runAsync();
  });

  gf.moveAxis = function (order, key, x, width) {
    var spacing = width / Math.max(1, order.length - 1);
    var placed = order.map(function (k, i) { return { key: k, x: k === key ? x : i * spacing, moved: k === key }; });
    placed.sort(function (a, b) { return a.x - b.x || (a.moved ? -1 : b.moved ? 1 : 0); });
    return placed.map(function (p) { return p.key; });
  };

  // The hovered line's tooltip: its candidate's parameters and scores, beside the pointer.
  var chartBox = document.getElementById('chart-parallel');
  var tooltip = document.createElement('div');
  tooltip.id = 'parallel-tooltip';
  tooltip.className = 'gf-tooltip';
  tooltip.hidden = true;
  document.body.appendChild(tooltip);
  var pointer = null;
  // pointerover comes before the mouseover that sets vega's hover, so the position is known.
  ['pointerover', 'pointermove'].forEach(function (type) {
    chartBox.addEventListener(type, function (event) { pointer = event; placeTooltip(); });
  });
  chartBox.addEventListener('pointerleave', function () { pointer = null; tooltip.hidden = true; });
  function placeTooltip() {
    if (!pointer || tooltip.hidden) return;
    var x = pointer.clientX + 14, y = pointer.clientY + 14;
    var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
    if (x + w > window.innerWidth - 4) x = Math.max(4, pointer.clientX - w - 14);
    if (y + h > window.innerHeight - 4) y = Math.max(4, pointer.clientY - h - 14);
    tooltip.style.left = (x + window.scrollX) + 'px';
    tooltip.style.top = (y + window.scrollY) + 'px';
  }
  function showTooltip(view, id) {
    var row = id === null || !pointer ? null : view.data('candidates').filter(function (d) { return d.id === id; })[0];
    tooltip.textContent = '';
    tooltip.hidden = !row;
    if (!row) return;
    var table = document.createElement('table');
    Object.keys(row.tip).forEach(function (key) {
      var tr = table.insertRow();
      var k = tr.insertCell(); k.className = 'key'; k.textContent = key;
      tr.insertCell().textContent = row.tip[key];
    });
    tooltip.appendChild(table);
    placeTooltip();
  }

  (gf.onEmbed.parallel = gf.onEmbed.parallel || []).push(function (view) {
    view.addDataListener(gf.payload.selectedData, function (_name, rows) {
      gf.filterRows(new Set(rows.map(function (row) { return row.id; })));
    });
    view.addSignalListener('hover', function (_name, id) { gf.highlightRow(id); showTooltip(view, id); });
    view.addSignalListener('drag', function (_name, drag) {
      if (!drag || !drag.dropped) return;
      setTimeout(function () {
        var order = gf.moveAxis(view.signal('axisOrder'), drag.key, drag.x, view.signal('width'));
        view.signal('axisOrder', order).signal('drag', null).runAsync();
      }, 0);
    });
  });
`;
