// toolkit docs: sidebar filter, deep links, lazy schema expansion.
// Reads only this page's DOM; fetches nothing.
(function () {
  "use strict";
  var search = document.getElementById("search");
  var count = document.getElementById("search-count");
  var items = Array.prototype.slice.call(document.querySelectorAll("#sidebar li[data-q]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("#sidebar .group"));

  // Filter: every word typed must occur in the operation's method, path,
  // summary, id or tags.
  function filter() {
    var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (li) {
      var q = li.getAttribute("data-q");
      var ok = words.every(function (w) { return q.indexOf(w) >= 0; });
      li.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      var lis = g.querySelectorAll("li[data-q]");
      if (!lis.length) { g.hidden = words.length > 0; return; }
      g.hidden = !Array.prototype.some.call(lis, function (li) { return !li.hidden; });
    });
    count.textContent = words.length ? shown + " of " + items.length + " operations" : "";
  }
  search.addEventListener("input", filter);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      var first = items.find(function (li) { return !li.hidden; });
      if (first) first.querySelector("a").click();
    } else if (e.key === "Escape") {
      search.value = ""; filter();
    }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "/" && document.activeElement !== search) { e.preventDefault(); search.focus(); }
  });

  // Shared schemas are drawn once, in the Schemas section; a reference to
  // one is expanded in place by copying that drawing when opened.
  function fill(d) {
    if (d.getAttribute("data-filled")) return;
    d.setAttribute("data-filled", "1");
    var src = document.getElementById(d.getAttribute("data-ref"));
    var body = src && src.querySelector(".schema-body");
    if (!body) return;
    var copy = body.cloneNode(true);
    copy.removeAttribute("id");
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
    copy.className = "schema-copy";
    d.appendChild(copy);
  }
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (d.open && d.classList && d.classList.contains("ref")) fill(d);
  }, true);

  // Request and response schemas that are shared open themselves as they
  // come into view, so an operation reads like it was drawn in full.
  if ("IntersectionObserver" in window) {
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (en) {
        if (en.isIntersecting) { io.unobserve(en.target); en.target.open = true; }
      });
    }, { rootMargin: "200px" });
    Array.prototype.forEach.call(document.querySelectorAll("details.ref.root"), function (d) {
      if (!d.closest(".schema")) io.observe(d);
    });
  }

  // Deep links: open the <details> holding the target, scroll to it and
  // mark the matching sidebar entry.
  var current = null;
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    el.scrollIntoView();
    if (current) current.classList.remove("current");
    current = document.querySelector('#sidebar a[href="#' + CSS.escape(id) + '"]');
    if (current) {
      current.classList.add("current");
      var side = document.getElementById("sidebar");
      var top = current.offsetTop;
      if (top < side.scrollTop || top > side.scrollTop + side.clientHeight - 40) side.scrollTop = top - side.clientHeight / 2;
    }
  }
  // The browser's own scroll restoration on reload would put back a pixel
  // offset measured before schemas expanded; the anchor is what counts.
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  window.addEventListener("hashchange", follow);
  window.addEventListener("load", follow);
  follow();
})();
