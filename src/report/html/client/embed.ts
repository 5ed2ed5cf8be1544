/**
 * Embedding and sizing. A vega-lite spec sized `container` and the parallel-coordinates
 * spec follow their container by themselves (a window-resize listener inside the view). A
 * spec carrying `usermeta.fit` (small multiples: concat or facet, which vega-lite cannot size
 * to a container) gets its cell width and column count from the container here, and is
 * embedded again when the container's width changes. `onEmbed[name]` functions re-apply the
 * page state (picked candidates, line style) to each new view.
 */
export const EMBED_SCRIPT = String.raw`
  function showError(name, error) {
    var box = document.getElementById('chart-' + name);
    var p = document.createElement('p');
    p.className = 'error';
    p.textContent = 'This chart could not be drawn: ' + (error && error.message ? error.message : String(error));
    box.appendChild(p);
    console.error(error);
  }

  function fitSpec(spec, width) {
    var fit = spec.usermeta && spec.usermeta.fit;
    if (!fit) return spec;
    var copy = JSON.parse(JSON.stringify(spec));
    var room = Math.max(fit.minCell + fit.gap, width - fit.reserve);
    var columns = Math.max(1, Math.min(fit.maxColumns, Math.floor(room / (fit.minCell + fit.gap))));
    var cell = Math.max(fit.minCell, Math.floor(room / columns) - fit.gap);
    if (copy.concat) { copy.columns = columns; copy.concat.forEach(function (part) { part.width = cell; }); }
    else if (copy.facet) { copy.columns = columns; copy.spec.width = cell; }
    else copy.width = cell;
    return copy;
  }

  function embed(name) {
    var box = document.getElementById('chart-' + name);
    var width = box.clientWidth;
    var old = gf.views[name];
    if (old) old.finalize();
    return vegaEmbed(box, fitSpec(gf.payload.specs[name], width), { renderer: 'svg', actions: false })
      .then(function (result) {
        gf.views[name] = result.view;
        box.setAttribute('data-fitted-width', String(width));
        (gf.onEmbed[name] || []).forEach(function (apply) { apply(result.view); });
      })
      .catch(function (error) { showError(name, error); });
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      Object.keys(gf.payload.specs).forEach(function (name) {
        var spec = gf.payload.specs[name];
        var box = document.getElementById('chart-' + name);
        if (spec.usermeta && spec.usermeta.fit && Math.abs(box.clientWidth - Number(box.getAttribute('data-fitted-width'))) > 8) embed(name);
      });
    }, 150);
  });

  gf.ready = Promise.all(Object.keys(gf.payload.specs).map(embed)).then(function () {
    gf.isReady = true;
    document.documentElement.setAttribute('data-ready', 'true');
  });
`;
