/* parkbook: filters for the catalogue, sorting and side-by-side view for the comparison.
   An enhancement only: without it every list, facet and matrix page is there as plain HTML.
   Data comes from data/parks-index.js, loaded by a script element so that it also works from
   file://. Everything from content is put in the page as text (textContent), never as HTML. */
(function () {
  "use strict";
  var me = document.currentScript;
  var root = me ? me.getAttribute("src").replace(/static\/catalogue\.js(\?.*)?$/, "") : "";
  var LETTER = { met: "m", partial: "p", unmet: "u", "not-applicable": "n" };
  var CODE = { m: "met", p: "partial", u: "unmet", n: "not-applicable" };
  var ORDER = { m: 0, p: 1, u: 2, n: 3 };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function loadIndex(done) {
    if (window.__parkbookIndex) return done(window.__parkbookIndex);
    var s = el("script", { src: root + "data/parks-index.js" });
    s.onload = function () { done(window.__parkbookIndex); };
    s.onerror = function () { done(null); };
    document.head.appendChild(s);
  }

  function labelOf(pairs, id) {
    for (var i = 0; i < pairs.length; i++) if (pairs[i][0] === id) return pairs[i][1];
    return id;
  }

  function badge(idx, letter) {
    var code = CODE[letter] || "not-applicable";
    return el("span", { "class": "status status-" + code }, labelOf(idx.statuses, code));
  }

  function parkLink(p) {
    return el("a", { href: root + "parks/" + p[0] + "/index.html" }, p[1]);
  }

  // ---------- catalogue filters ----------
  function initFilters(section) {
    loadIndex(function (idx) {
      if (idx) buildFilters(section, idx);
    });
  }

  // Values of a text facet across all parks, most frequent first.
  function valuesOf(idx, get) {
    var counts = {};
    idx.parks.forEach(function (p) {
      [].concat(get(p)).forEach(function (v) { if (v) counts[v] = (counts[v] || 0) + 1; });
    });
    return Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); })
      .map(function (v) { return [v, v, counts[v]]; });
  }

  function buildFilters(section, idx) {
    var headingOf = function (key, fallback) {
      var h = section.querySelector('.facet[data-facet="' + key + '"] h3');
      return h ? h.textContent : fallback;
    };
    var count = function (pairs, get) {
      return pairs.map(function (pair) {
        var n = idx.parks.filter(function (p) { return get(p) === pair[0]; }).length;
        return [pair[0], pair[1], n];
      }).filter(function (o) { return o[2] > 0; });
    };
    var groups = [
      ["level", headingOf("level", "级别"), count(idx.levels, function (p) { return p[4]; })],
      ["type", headingOf("type", "类型"), count(idx.types, function (p) { return p[5]; })],
      ["region", headingOf("region", "地区"), valuesOf(idx, function (p) { return p[6]; })],
      ["district", headingOf("district", "区县"), valuesOf(idx, function (p) { return p[7]; })],
      ["industry", headingOf("industry", "产业"), valuesOf(idx, function (p) { return p[8]; })],
    ];
    idx.systems.forEach(function (s, si) {
      var pairs = idx.statuses.map(function (st) { return [st[0], st[1]]; });
      groups.push(["status/" + s[0], s[1], count(pairs, function (p) { return CODE[p[10].charAt(si)]; })]);
    });
    var form = el("form", { "class": "filters", id: "filters", role: "search", "aria-label": "筛选园区" });
    groups.forEach(function (g) {
      var label = el("label", { "class": "filter" });
      label.appendChild(el("span", null, g[1]));
      var select = el("select", { name: g[0] });
      select.appendChild(el("option", { value: "" }, "全部"));
      g[2].forEach(function (o) { select.appendChild(el("option", { value: o[0] }, o[1] + "（" + o[2] + "）")); });
      label.appendChild(select);
      form.appendChild(label);
    });
    form.appendChild(el("button", { type: "reset", "class": "button secondary" }, "清除筛选"));
    var heading = section.querySelector("h2");
    heading.parentNode.insertBefore(form, heading.nextSibling);

    var results = document.getElementById("filter-results");
    var list = document.getElementById("park-list");

    function chosen() {
      var out = {};
      Array.prototype.forEach.call(form.elements, function (f) {
        if (f.tagName === "SELECT" && f.value) out[f.name] = f.value;
      });
      return out;
    }

    function matches(p, filters) {
      return Object.keys(filters).every(function (key) {
        var value = filters[key];
        if (key === "level") return p[4] === value;
        if (key === "type") return p[5] === value;
        if (key === "region") return p[6] === value;
        if (key === "district") return p[7] === value;
        if (key === "industry") return p[8].indexOf(value) >= 0;
        if (key.indexOf("status/") === 0) {
          var system = key.slice(7);
          for (var i = 0; i < idx.systems.length; i++) {
            if (idx.systems[i][0] === system) return p[10].charAt(i) === LETTER[value];
          }
        }
        return false;
      });
    }

    function show(limit) {
      var filters = chosen();
      var params = new URLSearchParams();
      Object.keys(filters).forEach(function (k) { params.set(k, filters[k]); });
      var query = params.toString();
      if (window.history && history.replaceState) {
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
      results.textContent = "";
      if (!query) {
        list.hidden = false;
        return;
      }
      (function () {
        var found = idx.parks.filter(function (p) { return matches(p, filters); });
        list.hidden = true;
        results.textContent = "";
        results.appendChild(el("p", { "class": "filter-count" }, "符合条件的园区：" + found.length + " 个"));
        if (!found.length) return;
        var wrap = el("div", { "class": "table-scroll", role: "region", "aria-label": "筛选结果", tabindex: "0" });
        var table = el("table", { "class": "park-table filtered" });
        var head = el("tr");
        ["园区", "集成服务商", "级别 · 类型", "所在地"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
        idx.systems.forEach(function (s) { head.appendChild(el("th", { scope: "col", "class": "col-status" }, s[1])); });
        head.appendChild(el("th", { scope: "col", "class": "col-status" }, "总体"));
        table.appendChild(el("thead")).appendChild(head);
        var body = el("tbody");
        found.slice(0, limit).forEach(function (p) {
          var tr = el("tr");
          var name = el("th", { scope: "row" });
          name.appendChild(parkLink(p));
          if (p[2]) name.appendChild(el("span", { "class": "en", lang: "en" }, p[2]));
          tr.appendChild(name);
          tr.appendChild(el("td", null, p[3] || "—"));
          tr.appendChild(el("td", null, labelOf(idx.levels, p[4]) + " · " + labelOf(idx.types, p[5])));
          tr.appendChild(el("td", null, p[6] + (p[7] ? " " + p[7] : "")));
          for (var i = 0; i < idx.systems.length; i++) {
            tr.appendChild(el("td", { "class": "col-status" })).appendChild(badge(idx, p[10].charAt(i)));
          }
          tr.appendChild(el("td", { "class": "col-status" })).appendChild(badge(idx, p[9]));
          body.appendChild(tr);
        });
        table.appendChild(body);
        wrap.appendChild(table);
        results.appendChild(wrap);
        if (found.length > limit) {
          var more = el("button", { type: "button", "class": "button secondary" }, "显示更多（共 " + found.length + " 个）");
          more.addEventListener("click", function () { show(limit + 100); });
          results.appendChild(more);
        }
      })();
    }

    var params = new URLSearchParams(location.search);
    Array.prototype.forEach.call(form.elements, function (f) {
      if (f.tagName === "SELECT" && params.get(f.name)) f.value = params.get(f.name);
      f.addEventListener("change", function () { show(100); });
    });
    form.addEventListener("reset", function () { setTimeout(function () { show(100); }, 0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); show(100); });
    show(100);
  }

  // ---------- comparison ----------
  function initCompare(matrix) {
    // Sortable columns.
    var headers = matrix.querySelectorAll("thead th[data-sort]");
    Array.prototype.forEach.call(headers, function (th) {
      var column = Array.prototype.indexOf.call(th.parentNode.children, th);
      var button = el("button", { type: "button", "class": "sort", title: "按此列排序" });
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var descending = th.getAttribute("aria-sort") !== "descending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var body = matrix.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var value = function (cell) { return cell.getAttribute("data-value") || cell.className.replace(/^c /, ""); };
          var x = value(a.cells[column]), y = value(b.cells[column]);
          var nx = x in LETTER ? 3 - ORDER[LETTER[x]] : Number(x), ny = y in LETTER ? 3 - ORDER[LETTER[y]] : Number(y);
          return descending ? ny - nx : nx - ny;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
    // Links inside sort buttons would steal the click: keep them as titles only.
    Array.prototype.forEach.call(matrix.querySelectorAll("thead button a"), function (a) {
      a.parentNode.replaceChild(el("span", { title: a.getAttribute("title") || "" }, a.textContent), a);
    });

    // Side by side: two to four parks from ?parks=a&parks=b.
    var box = document.getElementById("side-by-side");
    var params = new URLSearchParams(location.search);
    var wanted = params.getAll("parks");
    var checks = document.querySelectorAll('input[name="parks"]');
    Array.prototype.forEach.call(checks, function (c) {
      c.checked = wanted.indexOf(c.value) >= 0;
      c.addEventListener("change", function () {
        var n = document.querySelectorAll('input[name="parks"]:checked').length;
        if (n > 4) { c.checked = false; box.textContent = "最多可同时对比 4 个园区。"; }
      });
    });
    if (!box || !wanted.length) return;
    if (wanted.length < 2 || wanted.length > 4) {
      box.textContent = "请选择 2 到 4 个园区进行对比。";
      return;
    }
    loadIndex(function (idx) {
      if (!idx) { box.textContent = "无法载入园区数据。"; return; }
      var parks = wanted.map(function (id) {
        for (var i = 0; i < idx.parks.length; i++) if (idx.parks[i][0] === id) return idx.parks[i];
        return null;
      }).filter(Boolean);
      if (parks.length < 2) { box.textContent = "未找到所选园区。"; return; }
      box.textContent = "";
      box.appendChild(el("h2", { id: "h-side" }, "并排对比"));
      var wrap = el("div", { "class": "table-scroll", role: "region", "aria-labelledby": "h-side", tabindex: "0" });
      var table = el("table", { "class": "side-by-side" });
      var head = el("tr");
      head.appendChild(el("th", { scope: "col" }, "项目"));
      parks.forEach(function (p) { head.appendChild(el("th", { scope: "col" })).appendChild(parkLink(p)); });
      table.appendChild(el("thead")).appendChild(head);
      var body = el("tbody");
      function row(label, cell) {
        var tr = el("tr");
        tr.appendChild(el("th", { scope: "row" }, label));
        parks.forEach(function (p) { var td = el("td"); var c = cell(p); if (typeof c === "string") td.textContent = c; else td.appendChild(c); tr.appendChild(td); });
        body.appendChild(tr);
      }
      row("集成服务商", function (p) { return p[3] || "—"; });
      row("级别", function (p) { return labelOf(idx.levels, p[4]); });
      row("类型", function (p) { return labelOf(idx.types, p[5]); });
      row("所在地", function (p) { return p[6] + (p[7] ? " " + p[7] : ""); });
      row("主导产业", function (p) { return p[8].join("、") || "—"; });
      row("总体", function (p) { return badge(idx, p[9]); });
      idx.systems.forEach(function (s, si) { row(s[1], function (p) { return badge(idx, p[10].charAt(si)); }); });
      idx.requirements.forEach(function (r, ri) { row(r[1], function (p) { return badge(idx, p[11].charAt(ri)); }); });
      table.appendChild(body);
      wrap.appendChild(table);
      box.appendChild(wrap);
    });
  }

  var facets = document.querySelector(".facets[data-root]");
  if (facets) initFilters(facets);
  var matrix = document.getElementById("matrix");
  if (matrix) initCompare(matrix);
})();
