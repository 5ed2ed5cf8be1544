/**
 * The ranked table: sorted by a clicked header, filtered to the candidates inside the
 * parallel-coordinates brushes, the hovered row and line highlighted together, and the
 * visible rows downloaded as CSV through a Blob.
 */
export const TABLE_SCRIPT = String.raw`
  var table = document.getElementById('ranked-table');
  var tbody = table.tBodies[0];
  var count = document.getElementById('table-count');

  function updateCount() {
    var rows = tbody.rows, shown = 0;
    for (var i = 0; i < rows.length; i++) if (!rows[i].hidden) shown++;
    count.textContent = shown + ' of ' + rows.length + ' candidates shown';
    table.setAttribute('data-visible-rows', String(shown));
  }
  gf.filterRows = function (ids) {
    gf.visibleIds = ids;
    var rows = tbody.rows;
    for (var i = 0; i < rows.length; i++) rows[i].hidden = !ids.has(Number(rows[i].getAttribute('data-id')));
    updateCount();
  };
  gf.highlightRow = function (id) {
    Array.prototype.forEach.call(tbody.rows, function (row) { row.classList.toggle('hovered', Number(row.getAttribute('data-id')) === id); });
  };
  updateCount();

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

  tbody.addEventListener('mouseover', function (event) {
    var row = event.target.closest('tr');
    if (row && gf.views.parallel) gf.views.parallel.signal('hover', Number(row.getAttribute('data-id'))).runAsync();
  });
  tbody.addEventListener('mouseleave', function () {
    if (gf.views.parallel) gf.views.parallel.signal('hover', null).runAsync();
  });

  document.getElementById('download-csv').addEventListener('click', function () {
    var lines = [gf.payload.csv.header];
    Array.prototype.forEach.call(tbody.rows, function (row) {
      if (!row.hidden) lines.push(gf.payload.csv.rows[Number(row.getAttribute('data-id'))]);
    });
    var blob = new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv' });
    var link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = gf.payload.name + '.csv';
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 0);
  });
`;
