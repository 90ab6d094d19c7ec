{% raw %}
(function () {
  "use strict";
  // Rows: [kind, text, value, unit, qualifier, subject, attribute, object, period, doc, line, rule, conflict, number]
  var data = JSON.parse(document.getElementById("facts-data").textContent);
  var rows = data.rows, sources = data.sources;
  var K = {kind: 0, text: 1, value: 2, unit: 3, qualifier: 4, subject: 5, attribute: 6, object: 7, period: 8,
           doc: 9, line: 10, rule: 11, conflict: 12, number: 13};
  var bodiesEl = document.getElementById("articles-data");
  var bodies = null;
  var pinned = null;  // {el, until}: the mention gone to, kept in place while articles render around it

  function fold(s) {
    return String(s == null ? "" : s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // ---- articles rendered on demand (large corpora) --------------------------------
  function renderDoc(n) {
    var doc = document.getElementById("doc" + n);
    var box = doc && doc.querySelector(".text");
    if (box && box.hasAttribute("data-lazy")) {
      if (bodies === null) bodies = JSON.parse(bodiesEl.textContent);
      // an article that grows above what is being read must not push it down:
      // the mention just gone to stays where it is, else the top of the page
      var anchor = pinned && Date.now() < pinned.until && !box.contains(pinned.el) ? pinned.el : null;
      var a0 = anchor ? anchor.getBoundingClientRect().top : 0;
      var above = !anchor && box.getBoundingClientRect().top < 0, before = box.offsetHeight;
      box.innerHTML = bodies[n];  // built and escaped by the server-side template
      box.removeAttribute("data-lazy");
      if (anchor) window.scrollBy(0, anchor.getBoundingClientRect().top - a0);
      else if (above) window.scrollBy(0, box.offsetHeight - before);
    }
    return doc;
  }
  if (bodiesEl && "IntersectionObserver" in window) {
    var io = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) { io.unobserve(e.target); renderDoc(+e.target.getAttribute("data-lazy")); }
      });
    }, {rootMargin: "600px 0px"});
    document.querySelectorAll(".text[data-lazy]").forEach(function (el) { io.observe(el); });
  }

  // ---- going to a mention or an article ---------------------------------------------
  function gotoMention(i, remember) {
    var r = rows[i];
    if (!r) return;
    if (r[K.doc] >= 0) renderDoc(r[K.doc]);
    var el = document.getElementById("m" + i);
    if (!el) return;
    el.scrollIntoView({block: "center"});
    pinned = {el: el, until: Date.now() + 2000};
    el.focus({preventScroll: true});
    el.classList.remove("flash");
    void el.offsetWidth;
    el.classList.add("flash");
    if (remember) history.replaceState(null, "", "#m" + i);
  }
  function gotoDoc(n, remember) {
    var doc = renderDoc(n);
    if (!doc) return;
    doc.scrollIntoView({block: "start"});
    if (remember) history.replaceState(null, "", "#doc" + n);
  }
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest && ev.target.closest("a.goto, a.godoc");
    if (!a) return;
    ev.preventDefault();
    if (a.classList.contains("goto")) gotoMention(+a.getAttribute("data-m"), true);
    else gotoDoc(+a.getAttribute("data-doc"), true);
  });
  function fromHash() {
    var h = location.hash;
    if (/^#m\d+$/.test(h)) gotoMention(+h.slice(2), false);
    else if (/^#doc\d+$/.test(h)) gotoDoc(+h.slice(4), false);
  }
  window.addEventListener("hashchange", fromHash);

  // ---- the tooltip of a mention -------------------------------------------------------
  var tip = document.getElementById("tip");
  var TIP = [["kind", K.kind], ["value", K.value], ["unit", K.unit], ["qualifier", K.qualifier],
             ["subject", K.subject], ["object", K.object], ["attribute", K.attribute],
             ["period", K.period], ["rule", K.rule]];
  function showTip(mark) {
    var r = rows[+mark.id.slice(1)];
    if (!r) return;
    var dl = document.createElement("dl");
    TIP.forEach(function (f) {
      var v = r[f[1]];
      if (v === null || v === "" || v === undefined) return;
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = f[0];
      dd.textContent = String(v);
      dl.appendChild(dt); dl.appendChild(dd);
    });
    if (r[K.conflict] >= 0) {
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = "conflict";
      dd.textContent = "#" + (r[K.conflict] + 1);
      dl.appendChild(dt); dl.appendChild(dd);
    }
    tip.replaceChildren(dl);
    tip.hidden = false;
    var b = mark.getBoundingClientRect(), t = tip.getBoundingClientRect();
    var top = b.bottom + 6;
    if (top + t.height > window.innerHeight) top = Math.max(0, b.top - t.height - 6);
    tip.style.top = top + "px";
    tip.style.left = Math.max(0, Math.min(b.left, window.innerWidth - t.width - 8)) + "px";
    mark.setAttribute("aria-describedby", "tip");
  }
  function hideTip(mark) {
    tip.hidden = true;
    if (mark) mark.removeAttribute("aria-describedby");
  }
  function markOf(ev) { return ev.target.closest ? ev.target.closest("mark[data-kind]") : null; }
  document.addEventListener("mouseover", function (ev) { var m = markOf(ev); if (m) showTip(m); });
  document.addEventListener("mouseout", function (ev) { var m = markOf(ev); if (m) hideTip(m); });
  document.addEventListener("focusin", function (ev) { var m = markOf(ev); if (m) showTip(m); });
  document.addEventListener("focusout", function (ev) { var m = markOf(ev); if (m) hideTip(m); });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hideTip(null); });
  window.addEventListener("scroll", function () { if (!tip.hidden) hideTip(null); }, {passive: true});

  // ---- the facts table: filter, sort, show by pages --------------------------------
  var PAGE = 500;
  var table = document.getElementById("facts-table");
  var tbody = table.tBodies[0];
  var more = document.getElementById("facts-more");
  var countEl = document.getElementById("facts-count");
  var fKind = document.getElementById("f-kind"), fSubject = document.getElementById("f-subject"),
      fAttr = document.getElementById("f-attribute"), fSource = document.getElementById("f-source");
  var folded = null;  // folded subject and source of each row, made on the first filter
  var COLS = [
    function (r) { return r[K.kind]; }, function (r) { return r[K.text]; },
    function (r) { return r[K.number] !== null ? r[K.number] : r[K.value]; },
    function (r) { return r[K.unit]; }, function (r) { return r[K.qualifier]; },
    function (r) { return r[K.subject]; }, function (r) { return r[K.attribute]; },
    function (r) { return r[K.object]; }, function (r) { return r[K.period]; },
    function (r) { return sources[r[K.doc]] || ""; }, function (r) { return r[K.rule]; }
  ];
  var order = rows.map(function (_, i) { return i; });
  var view = order, shown = 0, sortCol = -1, sortDir = 1;

  function cmp(a, b) {
    if (a === b) return 0;
    if (a === null || a === undefined || a === "") return 1;
    if (b === null || b === undefined || b === "") return -1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), "fr", {numeric: true});
  }
  function cell(tr, text, cls) {
    var td = document.createElement("td");
    if (cls) td.className = cls;
    td.textContent = text === null || text === undefined ? "" : String(text);
    tr.appendChild(td);
    return td;
  }
  function appendRows() {
    var frag = document.createDocumentFragment();
    var end = Math.min(view.length, shown + PAGE);
    for (var n = shown; n < end; n++) {
      var i = view[n], r = rows[i];
      var tr = document.createElement("tr");
      tr.setAttribute("data-i", i);
      tr.setAttribute("data-kind-row", r[K.kind]);
      cell(tr, r[K.kind]); cell(tr, r[K.text]); cell(tr, r[K.value], r[K.number] !== null ? "num" : ""); cell(tr, r[K.unit]);
      cell(tr, r[K.qualifier]); cell(tr, r[K.subject]); cell(tr, r[K.attribute]); cell(tr, r[K.object]);
      cell(tr, r[K.period]);
      var td = cell(tr, "");
      if (r[K.doc] >= 0) {
        var a = document.createElement("a");
        a.className = "goto";
        a.href = "#m" + i;
        a.setAttribute("data-m", i);
        a.textContent = sources[r[K.doc]] + ":" + r[K.line];
        td.appendChild(a);
      }
      cell(tr, r[K.rule]);
      frag.appendChild(tr);
    }
    tbody.appendChild(frag);
    shown = end;
    more.hidden = shown >= view.length;
    more.textContent = "show " + Math.min(PAGE, view.length - shown) + " more";
    countEl.textContent = (view.length === rows.length ? rows.length + " mentions"
                           : view.length + " of " + rows.length + " mentions") +
                          (shown < view.length ? " (first " + shown + " shown)" : "");
  }
  function refresh() {
    var kind = fKind.value, attr = fAttr.value, subj = fold(fSubject.value.trim()), src = fold(fSource.value.trim());
    if ((subj || src) && folded === null) {
      folded = rows.map(function (r) {
        return [fold(r[K.subject]) + "\u0000" + (r[K.kind] === "person" || r[K.kind] === "organization" ||
                r[K.kind] === "location" ? fold(r[K.value]) : ""), fold(sources[r[K.doc]])];
      });
    }
    view = order.filter(function (i) {
      var r = rows[i];
      if (kind && r[K.kind] !== kind) return false;
      if (attr && r[K.attribute] !== attr) return false;
      if (subj && folded[i][0].indexOf(subj) < 0) return false;
      if (src && folded[i][1].indexOf(src) < 0) return false;
      return true;
    });
    tbody.replaceChildren();
    shown = 0;
    appendRows();
  }
  table.tHead.addEventListener("click", function (ev) {
    var th = ev.target.closest("th");
    if (!th) return;
    var col = +th.getAttribute("data-col");
    sortDir = col === sortCol ? -sortDir : 1;
    sortCol = col;
    var get = COLS[col];
    order = rows.map(function (_, i) { return i; });
    order.sort(function (a, b) { return sortDir * cmp(get(rows[a]), get(rows[b])) || a - b; });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
    refresh();
  });
  [fKind, fAttr].forEach(function (el) { el.addEventListener("change", refresh); });
  [fSubject, fSource].forEach(function (el) { el.addEventListener("input", refresh); });
  document.getElementById("filters").addEventListener("reset", function () { setTimeout(refresh, 0); });
  document.getElementById("filters").addEventListener("submit", function (ev) { ev.preventDefault(); });
  more.addEventListener("click", appendRows);

  appendRows();
  fromHash();
  document.documentElement.setAttribute("data-ready", "1");
})();
{% endraw %}
