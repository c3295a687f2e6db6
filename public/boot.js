// Runs in <head> before first paint, so it cannot wait for the WASM app:
// apply the stored theme, pick the reader's language on "/", and show the 404 in their language.
(function () {
  var html = document.documentElement;
  html.classList.add("js");
  var read = function (key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  };
  var theme = read("theme");
  if (theme === "light" || theme === "dark") html.setAttribute("data-theme", theme);

  var base = html.getAttribute("data-base") || "/";
  var page = html.getAttribute("data-page");
  var stored = read("lang");
  var preferred = stored === "en" || stored === "ru" ? stored
    : /^ru\b/i.test(navigator.language || "") ? "ru" : "en";
  // The service worker makes every page, search and the composer work offline after one visit.
  // It registers after load, so it never competes with the page itself.
  if ("serviceWorker" in navigator && window.isSecureContext) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(base + "sw.js", { scope: base }).catch(function () {});
    });
  }
  // The previewer's first screen is prerendered with both drafts side by side. A reader who
  // chose to see one draft gets that layout from the first paint instead of a frame after the
  // app starts (the app then keeps it).
  var show = page === "preview" ? read("preview.show") : null;
  if (show === "en" || show === "ru") {
    document.addEventListener("DOMContentLoaded", function () {
      var panes = document.querySelector(".pv-panes");
      var other = document.querySelector(
        '.pv-slot[data-lang="' + (show === "en" ? "ru" : "en") + '"] .pv-pane');
      if (panes && other) {
        panes.classList.remove("pv-both");
        other.setAttribute("hidden", "");
      }
    });
  }
  if (page === "root") {
    window.location.replace(base + preferred + "/");
  } else if (page === "not-found") {
    var first = window.location.pathname.slice(base.length).split("/")[0];
    var lang = first === "en" || first === "ru" ? first : preferred;
    html.setAttribute("lang", lang);
    html.setAttribute("data-show-lang", lang);
  }
})();
