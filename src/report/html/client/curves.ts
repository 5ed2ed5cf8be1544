/**
 * The learning curves' picker and the fold chart's zoom switch: they set the views' signals
 * (`picked`, `styleBy`, `zoom`) and are applied again to each new view after a resize.
 */
export const CURVES_SCRIPT = String.raw`
  (function () {
    var curves = gf.payload.curves;
    var picker = document.getElementById('curves-picker');
    var styleSelect = document.getElementById('curve-style');
    var styleLegend = document.getElementById('curve-style-legend');
    function picked() {
      return Array.prototype.filter.call(picker.querySelectorAll('input.curve-pick'), function (box) { return box.checked; })
        .map(function (box) { return Number(box.value); });
    }
    function apply(view) {
      view.signal('picked', picked()).signal('styleBy', styleSelect ? styleSelect.value : '').runAsync();
    }
    function applyNow() { if (gf.views.curves) apply(gf.views.curves); }
    function setPicked(ids) {
      Array.prototype.forEach.call(picker.querySelectorAll('input.curve-pick'), function (box) { box.checked = ids.indexOf(Number(box.value)) >= 0; });
      applyNow();
    }
    function showStyleLegend() {
      if (!styleLegend) return;
      styleLegend.textContent = '';
      var option = curves.styles.filter(function (o) { return o.name === styleSelect.value; })[0];
      if (!option) return;
      option.values.forEach(function (value) {
        var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
        svg.setAttribute('width', '34'); svg.setAttribute('height', '10');
        var line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
        line.setAttribute('x1', '1'); line.setAttribute('x2', '33'); line.setAttribute('y1', '5'); line.setAttribute('y2', '5');
        line.setAttribute('stroke', '#333'); line.setAttribute('stroke-width', '2'); line.setAttribute('stroke-dasharray', value.dash.join(' '));
        svg.appendChild(line);
        var item = document.createElement('span');
        item.className = 'dash-item';
        item.appendChild(svg);
        item.appendChild(document.createTextNode(' ' + value.text + '  '));
        styleLegend.appendChild(item);
      });
    }
    if (picker) {
      picker.addEventListener('change', applyNow);
      document.getElementById('curves-best').addEventListener('click', function () { setPicked(curves.best); });
      document.getElementById('curves-all').addEventListener('click', function () { setPicked(curves.all); });
      document.getElementById('curves-none').addEventListener('click', function () { setPicked([]); });
      if (styleSelect) styleSelect.addEventListener('change', function () { showStyleLegend(); applyNow(); });
      (gf.onEmbed.curves = gf.onEmbed.curves || []).push(apply);
    }

    var zoom = document.getElementById('folds-zoom');
    if (zoom) {
      zoom.addEventListener('change', function () { if (gf.views.folds) gf.views.folds.signal('zoom', zoom.checked).runAsync(); });
    }
  })();
`;
