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

  // Schema trees below the first level, and the Schemas section, come
  // from the JSON block #schema-data and are drawn when needed. Strings are
  // set with textContent; "d" is a description, already sanitised HTML.
  // On a large page the block holds one string instead: the JSON,
  // gzipped and base64-encoded (a quarter of the bytes to read and parse),
  // unpacked here by the browser's DecompressionStream. Whatever needs the
  // data before it is ready waits in line.
  var data = null, waiting = [];
  function withData(fn) { if (data) fn(); else waiting.push(fn); }
  function store() { return data; }
  (function load() {
    var raw = JSON.parse(document.getElementById("schema-data").textContent);
    if (typeof raw !== "string") { data = raw; return; }
    var bin = atob(raw), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text().then(function (text) {
      data = JSON.parse(text);
      var w = waiting;
      waiting = [];
      w.forEach(function (fn) { fn(); });
    });
  })();
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function space(into) { into.appendChild(document.createTextNode(" ")); }
  function typeline(n, into) {
    var ty = el("span", "ty");
    if (n.r) {
      if (n.t) ty.appendChild(document.createTextNode(n.t));
      var a = el("a", null, n.rn);
      a.setAttribute("href", "#" + n.r);
      ty.appendChild(a);
    } else {
      ty.textContent = n.t || "any";
    }
    if (n.f) { space(ty); ty.appendChild(el("span", "fmt", "(" + n.f + ")")); }
    into.appendChild(ty);
    (n.g || []).forEach(function (f) { space(into); into.appendChild(el("span", f === "deprecated" ? "badge dep" : "flag", f)); });
  }
  function facts(n, into) {
    (n.x || []).forEach(function (f) { space(into); into.appendChild(el("span", "fact", f)); });
    if (n.e) {
      space(into);
      var s = el("span", "enum", "one of ");
      n.e.forEach(function (v, i) { if (i) s.appendChild(document.createTextNode(", ")); s.appendChild(el("code", null, v)); });
      into.appendChild(s);
    }
    if (n.s) {
      space(into);
      var d = el("span", "fact", "discriminator ");
      d.appendChild(el("code", null, n.s));
      into.appendChild(d);
    }
  }
  function line(n, into) {
    var pn = el("span", "pn");
    if (n.n) pn.textContent = n.n; else pn.appendChild(el("i", null, n.l || ""));
    into.appendChild(pn);
    space(into);
    typeline(n, into);
    if (n.q) { space(into); into.appendChild(el("span", "req", "required")); }
    facts(n, into);
    if (n.d) { var d = el("div", "d md"); d.innerHTML = n.d; into.appendChild(d); }
  }
  var pending = new WeakMap(); // <details> → children to draw when opened
  function tree(kids) {
    var ul = el("ul", "tree");
    kids.forEach(function (n) {
      var li = el("li");
      if (n.k || n.r) {
        var d = el("details"), s = el("summary");
        line(n, s);
        d.appendChild(s);
        if (n.k) pending.set(d, n.k);
        else { d.className = "ref"; d.setAttribute("data-ref", n.r); }
        li.appendChild(d);
      } else {
        var leaf = el("div", "leaf");
        line(n, leaf);
        li.appendChild(leaf);
      }
      ul.appendChild(li);
    });
    return ul;
  }
  // root draws a schema: its type line, then its first level of children.
  // shown is the type word already on screen (a Schemas heading says
  // "object"): the line then only says what else is known.
  function root(n, withDesc, shown) {
    var box = el("div", "schema-root");
    if (withDesc && n.d) { var d = el("div", "md"); d.innerHTML = n.d; box.appendChild(d); }
    var rl = el("div", "rl");
    if (n.f || n.g || n.r || n.t !== shown) typeline(n, rl);
    facts(n, rl);
    if (rl.firstChild) box.appendChild(rl);
    if (n.k) box.appendChild(tree(n.k));
    return box;
  }
  function opened(d) {
    if (!data) { withData(function () { opened(d); }); return; }
    if (d.getAttribute("data-filled")) return;
    var kids = pending.get(d), id = d.getAttribute("data-tree"), ref = d.getAttribute("data-ref");
    if (kids) d.appendChild(tree(kids));
    else if (id && store().t[id]) d.appendChild(tree(store().t[id]));
    else if (ref && store().s[ref]) {
      var n = store().s[ref];
      var copy = root(n, true, n.k ? n.t : "");
      copy.className += " schema-copy";
      d.appendChild(copy);
    } else return;
    d.setAttribute("data-filled", "1");
  }
  document.addEventListener("toggle", function (e) {
    if (e.target.tagName === "DETAILS" && e.target.open) opened(e.target);
  }, true);
  function drawSchema(body) {
    if (!data) { withData(function () { drawSchema(body); }); return; }
    if (body.firstChild) return;
    var n = store().s[body.getAttribute("data-schema")];
    var kind = body.parentNode.querySelector(".kind");
    if (n) body.appendChild(root(n, false, kind ? kind.textContent : ""));
  }

  // On a large page an operation's body is drawn from the JSON only as it
  // nears the viewport. The HTML was made (and escaped) by the generator.
  function drawOp(c) {
    if (!data) { withData(function () { drawOp(c); }); return; }
    if (c.firstChild) return;
    var html = store().o[c.getAttribute("data-op")];
    if (!html) return;
    c.innerHTML = html;
    watch(c.querySelectorAll("details.ref.root"));
  }

  // Schemas draw themselves as they come into view, and shared request
  // and response schemas open themselves, so an operation reads as if it
  // were drawn in full.
  var io = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (en) {
      if (!en.isIntersecting) return;
      var t = en.target;
      io.unobserve(t);
      if (t.tagName === "DETAILS") t.open = true;
      else if (t.hasAttribute("data-op")) drawOp(t);
      else drawSchema(t);
    });
  }, { rootMargin: "600px" }) : null;
  function watch(list) {
    Array.prototype.forEach.call(list, function (n) {
      if (io) io.observe(n);
      else if (n.tagName === "DETAILS") n.open = true;
      else if (n.hasAttribute("data-op")) drawOp(n);
      else drawSchema(n);
    });
  }
  watch(document.querySelectorAll(".opbody[data-op]"));
  watch(document.querySelectorAll("main article.op details.ref.root"));
  watch(document.querySelectorAll(".schema-body[data-schema]"));

  // Deep links: open the <details> holding the target, scroll to it and
  // mark the matching sidebar entry.
  var current = null;
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    for (var p = target.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    var body = target.querySelector(".schema-body[data-schema]");
    if (body) drawSchema(body);
    var cols = target.querySelector(".opbody[data-op]");
    if (cols) drawOp(cols);
    target.scrollIntoView();
    pin(target);
    if (current) current.classList.remove("current");
    current = document.querySelector('#sidebar a[href="#' + CSS.escape(id) + '"]');
    if (current) {
      current.classList.add("current");
      var list = current.closest("details");
      if (list) list.open = true;
      var side = document.getElementById("sidebar");
      var top = current.offsetTop;
      if (top < side.scrollTop || top > side.scrollTop + side.clientHeight - 40) side.scrollTop = top - side.clientHeight / 2;
    }
  }
  // Operations and schemas drawn on demand above a deep link's target
  // change the page's height as they arrive; the target stays pinned to
  // the top until the reader scrolls or a few seconds pass.
  var pinned = null, pinTimer = 0;
  function unpin() { pinned = null; }
  function pin(t) {
    pinned = t;
    clearTimeout(pinTimer);
    pinTimer = setTimeout(unpin, 3000);
  }
  ["wheel", "touchstart", "keydown", "mousedown"].forEach(function (ev) {
    window.addEventListener(ev, unpin, { passive: true, capture: true });
  });
  if ("ResizeObserver" in window) {
    new ResizeObserver(function () {
      if (pinned && Math.abs(pinned.getBoundingClientRect().top) > 2) pinned.scrollIntoView();
    }).observe(document.getElementById("main"));
  }

  // The browser's own scroll restoration on reload would put back a pixel
  // offset measured before schemas expanded; the anchor is what counts.
  if ("scrollRestoration" in history) history.scrollRestoration = "manual";
  window.addEventListener("hashchange", follow);
  window.addEventListener("load", follow);
  follow();
})();
