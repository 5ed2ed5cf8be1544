/**
 * The page's own script (plain ES2017, inlined): embeds every chart with vega-embed (SVG
 * renderer, so marks are elements), filters the ranked table by the parallel-coordinates
 * brushes (the `selected` data set of that view), sorts the table by a clicked header and
 * downloads the visible rows as CSV through a Blob — no network anywhere. `window.gridfold`
 * exposes the views and a `ready` promise for tests.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var payload = JSON.parse(document.getElementById('gridfold-data').textContent);
  var table = document.getElementById('ranked-table');
  var tbody = table.tBodies[0];
  var count = document.getElementById('table-count');
  var state = { views: {}, visibleIds: null };
  window.gridfold = state;

  function showError(name, error) {
    var box = document.getElementById('chart-' + name);
    var p = document.createElement('p');
    p.className = 'error';
    p.textContent = 'This chart could not be drawn: ' + (error && error.message ? error.message : String(error));
    box.appendChild(p);
    console.error(error);
  }

  function updateCount() {
    var rows = tbody.rows, shown = 0;
    for (var i = 0; i < rows.length; i++) if (!rows[i].hidden) shown++;
    count.textContent = shown + ' of ' + rows.length + ' candidates shown';
    table.setAttribute('data-visible-rows', String(shown));
  }

  function filterRows(ids) {
    state.visibleIds = ids;
    var rows = tbody.rows;
    for (var i = 0; i < rows.length; i++) rows[i].hidden = !ids.has(Number(rows[i].getAttribute('data-id')));
    updateCount();
  }

  function sortBy(th) {
    var col = Number(th.getAttribute('data-col'));
    var numeric = th.getAttribute('data-type') === 'number';
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var rows = Array.prototype.slice.call(tbody.rows);
    var key = function (row) {
      var cell = row.cells[col];
      if (!numeric) return cell.textContent;
      var v = cell.getAttribute('data-v');
      return v === '' ? null : Number(v);
    };
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x === null || x === '') return (y === null || y === '') ? 0 : 1;
      if (y === null || y === '') return -1;
      var order = numeric ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { tbody.appendChild(row); });
  }

  table.tHead.addEventListener('click', function (event) {
    var th = event.target.closest('th');
    if (th) sortBy(th);
  });

  document.getElementById('download-csv').addEventListener('click', function () {
    var lines = [payload.csv.header];
    Array.prototype.forEach.call(tbody.rows, function (row) {
      if (!row.hidden) lines.push(payload.csv.rows[Number(row.getAttribute('data-id'))]);
    });
    var blob = new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = payload.name + '.csv';
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  });

  document.getElementById('clear-brushes').addEventListener('click', function () {
    var view = state.views.parallel;
    if (!view) return;
    payload.parallelKeys.forEach(function (key) { view.signal('brush_' + key, null); });
    view.runAsync();
  });

  var embeds = Object.keys(payload.specs).map(function (name) {
    return vegaEmbed('#chart-' + name, payload.specs[name], { renderer: 'svg', actions: false })
      .then(function (result) { state.views[name] = result.view; })
      .catch(function (error) { showError(name, error); });
  });

  state.ready = Promise.all(embeds).then(function () {
    var view = state.views.parallel;
    if (view) {
      view.addDataListener(payload.selectedData, function (_name, rows) {
        filterRows(new Set(rows.map(function (row) { return row.id; })));
      });
    }
    updateCount();
    state.isReady = true;
  });
})();
`;
