/**
 * A page written while the search runs reloads itself from disk every few seconds, until
 * the reader unticks "reload" (kept across reloads in the session's storage, where the
 * browser allows it for file:// pages). The finished page has no banner, so it stops.
 */
export const LIVE_SCRIPT = String.raw`
  (function () {
    var live = gf.payload.live;
    var box = document.getElementById('live-reload');
    if (!live || !box) return;
    var key = 'gridfold-reload:' + location.pathname;
    try { if (sessionStorage.getItem(key) === 'off') box.checked = false; } catch (error) { /* storage may be off for file:// pages */ }
    box.addEventListener('change', function () {
      try { sessionStorage.setItem(key, box.checked ? 'on' : 'off'); } catch (error) { /* as above */ }
    });
    setInterval(function () { if (box.checked) location.reload(); }, 1000 * (live.reloadSeconds || 5));
  })();
`;
