/* tonglaio-parse HTML page: details panel, jumps, table filters. Plain JS, no network.
   Report text only ever reaches the page through textContent, never as markup. */
(function () {
  "use strict";
  var QUALIFIER = { approx: "approx (约 / 左右)", at_least: "at least (以上 / 不低于)",
    more_than: "more than (超过 / 逾 / 余)", at_most: "at most (以内 / 不超过)",
    less_than: "less than (低于 / 不到)", nearly: "nearly (近 / 接近)", range: "range (a–b)" };

  function num(v) {
    if (v === null || v === undefined) return "";
    return typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 10 }) : String(v);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function field(dl, name, value) {
    dl.appendChild(el("dt", "", name));
    dl.appendChild(el("dd", "", value === null || value === undefined || value === "" ? "—" : String(value)));
  }

  function init(art) {
    var data = JSON.parse(art.querySelector("script.report-data").textContent);
    var text = art.querySelector(".text"), body = art.querySelector(".panel-body");
    var hint = art.querySelector(".panel .hint"), sections = {};
    data.sections.forEach(function (s) { sections[s.id] = s; });

    function indicatorCard(d) {
      var card = el("div", "card " + d.status), dl = el("dl");
      card.appendChild(el("h3", "", "Figure " + d.id + " · " + d.status));
      var value = num(d.value) + (d.value_high !== null ? "–" + num(d.value_high) : "");
      var sec = d.section !== null && sections[d.section];
      field(dl, "subject", d.subject);
      field(dl, "canonical", d.canonical);
      field(dl, "value", value + (d.unit ? " " + d.unit : ""));
      field(dl, "unit", d.unit);
      field(dl, "normalised", num(d.normalized.value) + " " + d.normalized.unit);
      field(dl, "qualifier", d.qualifier ? QUALIFIER[d.qualifier] || d.qualifier : null);
      field(dl, "direction", d.direction);
      field(dl, "status", d.status);
      field(dl, "period", d.period ? (d.period.start === d.period.end ? d.period.start
        : d.period.start + "–" + d.period.end) : null);
      field(dl, "section", d.section === null ? null : d.section +
        (sec && sec.title ? " " + sec.title : sec && sec.inferred ? " (heading not in this text)" : ""));
      field(dl, "line:column", d.line + ":" + d.column + (d.page ? " (page " + d.page + ")" : ""));
      field(dl, "text", d.text);
      field(dl, "sentence", d.context ? d.context.text : null);
      card.appendChild(dl);
      return card;
    }
    function warningCard(w) {
      var card = el("div", "card " + w.severity), dl = el("dl");
      card.appendChild(el("h3", "", w.code + " " + w.name + " · " + w.severity));
      field(dl, "message", w.message);
      field(dl, "line:column", w.line + ":" + w.column + (w.page ? " (page " + w.page + ")" : ""));
      field(dl, "text", w.text);
      field(dl, "sentence", w.context ? w.context.text : null);
      card.appendChild(dl);
      return card;
    }

    var selected = [];
    function show(target) {
      selected.forEach(function (e) { e.classList.remove("sel"); });
      selected = [];
      while (body.firstChild) body.removeChild(body.firstChild);
      var seenI = {}, seenW = {};
      for (var n = target; n && n !== text; n = n.parentElement) {
        var i = n.getAttribute("data-i"), w = n.getAttribute("data-w");
        if (i !== null && !seenI[i]) { seenI[i] = 1; body.appendChild(indicatorCard(data.indicators[+i])); }
        if (w !== null && !seenW[w]) { seenW[w] = 1; body.appendChild(warningCard(data.warnings[+w])); }
      }
      Object.keys(seenI).forEach(function (i) { mark(art.querySelectorAll('.text [data-i="' + i + '"]')); });
      Object.keys(seenW).forEach(function (w) { mark(art.querySelectorAll('.text [data-w="' + w + '"]')); });
      if (hint) hint.hidden = body.firstChild !== null;
    }
    function mark(nodes) {
      Array.prototype.forEach.call(nodes, function (e) { e.classList.add("sel"); selected.push(e); });
    }
    art.showMark = show;

    text.addEventListener("click", function (e) {
      var t = e.target.closest("[data-i], [data-w]");
      if (t && text.contains(t)) show(t);
    });
    text.addEventListener("keydown", function (e) {
      if ((e.key === "Enter" || e.key === " ") && e.target.matches("[data-i], [data-w]")) {
        e.preventDefault();
        show(e.target);
      }
    });

    var controls = art.querySelectorAll("[data-filter]");
    var rows = art.querySelectorAll(".table tbody tr"), shown = art.querySelector(".table .shown");
    function value(name) { return art.querySelector('[data-filter="' + name + '"]').value; }
    function apply() {
      var st = value("status"), can = value("canonical"), sec = value("section");
      var q = value("q").trim().toLowerCase(), on = {}, count = 0;
      Array.prototype.forEach.call(rows, function (tr) {
        var s = tr.getAttribute("data-section");
        var ok = (st === "*" || tr.getAttribute("data-status") === st) &&
          (can === "*" || tr.getAttribute("data-canonical") === can) &&
          (sec === "*" || s === sec || s.indexOf(sec + ".") === 0) &&
          (!q || tr.textContent.toLowerCase().indexOf(q) >= 0);
        tr.hidden = !ok;
        if (ok) { on[tr.getAttribute("data-i")] = 1; count++; }
      });
      Array.prototype.forEach.call(text.querySelectorAll("mark[data-i]"), function (m) {
        m.classList.toggle("off", !on[m.getAttribute("data-i")]);
      });
      shown.textContent = count + " of " + rows.length;
    }
    Array.prototype.forEach.call(controls, function (c) {
      c.addEventListener(c.tagName === "INPUT" ? "input" : "change", apply);
    });
  }

  function go(id, smooth) {
    var target = id && document.getElementById(id);
    if (!target) return;
    target.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    target.classList.remove("flash");
    void target.offsetWidth;  /* restart the animation */
    target.classList.add("flash");
    var art = target.closest("article.report");
    if (art && art.showMark && target.matches("[data-i], [data-w]")) art.showMark(target);
  }

  Array.prototype.forEach.call(document.querySelectorAll("article.report"), init);
  document.addEventListener("click", function (e) {
    var a = e.target.closest('a[href^="#"]');
    if (!a) return;
    var id = decodeURIComponent(a.getAttribute("href").slice(1));
    if (!document.getElementById(id)) return;
    e.preventDefault();
    history.replaceState(null, "", "#" + encodeURIComponent(id));
    go(id, true);
  });
  window.addEventListener("hashchange", function () { go(decodeURIComponent(location.hash.slice(1)), false); });
  if (location.hash) go(decodeURIComponent(location.hash.slice(1)), false);
})();
