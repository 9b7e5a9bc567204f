/* parkbook search: runs on search/index.html only. Reads the index that parkbook writes in
   search/shards/ (see src/render/search.rs): meta.js, postings shards p-NN.js, document shards d-NNN.js.
   Every index file is a script that calls window.__parkbookSearch.add(name, data), so it loads
   with <script> from file:// as well as from any web server and URL prefix. Only the shards a
   query needs are loaded. Everything from the index reaches the page through textContent and
   createElement, never as HTML. */
(function () {
  "use strict";

  var PB = (window.__parkbookSearch = window.__parkbookSearch || {});
  var store = {};
  var pending = {};
  PB.add = function (name, data) {
    store[name] = data;
  };

  // The index folder, search/shards/ beside static/ (this script's folder), or what a test
  // harness set; and the site's root, which the index's URLs are relative to.
  var base = PB.base || new URL("../search/shards/", document.currentScript.src).href;
  var root = new URL("../../", base).href;

  var loadScript =
    PB.loadScript ||
    function (url) {
      return new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.async = true;
        s.onload = function () {
          s.remove();
          resolve();
        };
        s.onerror = function () {
          s.remove();
          reject(new Error("cannot load " + url));
        };
        document.head.appendChild(s);
      });
    };

  function load(name, version) {
    if (store[name]) return Promise.resolve(store[name]);
    if (!pending[name]) {
      var url = base + name + ".js" + (version ? "?v=" + version : "");
      pending[name] = loadScript(url).then(
        function () {
          if (!store[name]) throw new Error(name + ".js did not register");
          return store[name];
        },
        function (e) {
          delete pending[name];
          throw e;
        }
      );
    }
    return pending[name];
  }

  /* ---- text: the same folding and tokens as src/render/search.rs ---- */

  var UPPER = /\p{Uppercase}/u;
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var MAX_PREFIX = 12;

  function fold(ch) {
    var c = ch.codePointAt(0);
    if (c >= 65 && c <= 90) return String.fromCharCode(c + 32);
    if (c >= 0xff01 && c <= 0xff5e) return fold(String.fromCharCode(c - 0xfee0));
    if (c === 0x3000) return " ";
    if (UPPER.test(ch)) {
      var l = ch.toLowerCase();
      if (Array.from(l).length === 1 && l.length === ch.length) return l;
    }
    return ch;
  }

  function foldText(s) {
    var out = "";
    for (var ch of s) out += fold(ch);
    return out;
  }

  function isCjk(ch) {
    var c = ch.codePointAt(0);
    return (
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xac00 && c <= 0xd7af) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x20000 && c <= 0x3ffff)
    );
  }

  function isWord(ch) {
    return WORD.test(ch) && !isCjk(ch);
  }

  function isDigit(ch) {
    return ch !== undefined && ch >= "0" && ch <= "9";
  }

  /* Runs of a folded string: {cjk: bool, chars: [...]}; words may hold "." between digits. */
  function runs(chars) {
    var out = [];
    var i = 0;
    while (i < chars.length) {
      var j = i;
      if (isCjk(chars[i])) {
        while (j < chars.length && isCjk(chars[j])) j++;
        out.push({ cjk: true, chars: chars.slice(i, j) });
      } else if (isWord(chars[i])) {
        while (
          j < chars.length &&
          (isWord(chars[j]) ||
            (chars[j] === "." && j > i && isDigit(chars[j - 1]) && isDigit(chars[j + 1])))
        )
          j++;
        out.push({ cjk: false, chars: chars.slice(i, j) });
      } else {
        j = i + 1;
      }
      i = j;
    }
    return out;
  }

  /* What a query needs: its terms (all must appear), the tokens to look up, the characters
     looked up alone, and whether the index answers it exactly (no verification can fail). */
  function plan(query) {
    var folded = foldText(query);
    var terms = [];
    folded.split(/\s+/).forEach(function (t) {
      if (t && terms.indexOf(t) < 0) terms.push(t);
    });
    var tokens = [];
    var singles = [];
    var exact = true;
    terms.forEach(function (term) {
      var chars = Array.from(term);
      var rs = runs(chars);
      if (rs.length !== 1 || rs[0].chars.length !== chars.length) exact = false;
      rs.forEach(function (r) {
        var n = r.chars.length;
        if (r.cjk && n === 1) {
          if (singles.indexOf(r.chars[0]) < 0) singles.push(r.chars[0]);
        } else if (r.cjk) {
          // Its bigrams; of a long run, six spread over it: verification does the rest.
          if (n > 2) exact = false;
          var ks = [];
          for (var k = 0; k + 1 < n; k++) ks.push(k);
          if (ks.length > 6) {
            var m = ks.length;
            ks = [0, 1, 2, 3, 4, 5].map(function (i) {
              return Math.floor((i * (m - 1)) / 5);
            });
          }
          ks.forEach(function (k) {
            var bigram = r.chars[k] + r.chars[k + 1];
            if (tokens.indexOf(bigram) < 0) tokens.push(bigram);
          });
        } else if (n >= 2) {
          if (n > MAX_PREFIX) exact = false;
          var prefix = r.chars.slice(0, MAX_PREFIX).join("");
          if (tokens.indexOf(prefix) < 0) tokens.push(prefix);
        } else {
          exact = false;
        }
      });
    });
    return { terms: terms, tokens: tokens, singles: singles, exact: exact };
  }

  function mix(x) {
    var h = Math.imul(x, 0x9e3779b1);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca77);
    return h ^ (h >>> 13);
  }

  function shardOf(token, split, shards) {
    var h = 0;
    var i = 0;
    for (var ch of token) {
      h = mix(h ^ ch.codePointAt(0));
      if (i === 0 && split.indexOf(ch) < 0) break;
      i++;
    }
    return (h >>> 0) % shards;
  }

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var DIGIT_VALUE = {};
  for (var d = 0; d < 64; d++) DIGIT_VALUE[DIGITS.charCodeAt(d)] = d;

  /* A postings string → sorted values (id << 1 | in_title). */
  function decode(text) {
    var out = [];
    var n = 0;
    var prev = 0;
    for (var i = 0; i < text.length; i++) {
      var v = DIGIT_VALUE[text.charCodeAt(i)];
      n = n * 32 + (v & 31);
      if (v < 32) {
        prev += n;
        out.push(prev);
        n = 0;
      }
    }
    return out;
  }

  /* Sorted union of postings lists (a document is in the title if any list says so). */
  function union(lists) {
    var best = {};
    var ids = [];
    lists.forEach(function (list) {
      list.forEach(function (v) {
        var id = v >>> 1;
        if (!(id in best)) {
          best[id] = 0;
          ids.push(id);
        }
        best[id] |= v & 1;
      });
    });
    ids.sort(function (a, b) {
      return a - b;
    });
    return ids.map(function (id) {
      return id * 2 + best[id];
    });
  }

  /* Sorted intersection (in the title only if every list says so). */
  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      var x = a[i] >>> 1;
      var y = b[j] >>> 1;
      if (x < y) i++;
      else if (x > y) j++;
      else {
        out.push(x * 2 + (a[i] & b[j] & 1));
        i++;
        j++;
      }
    }
    return out;
  }

  function shardName(prefix, n, width) {
    return prefix + String(n).padStart(width, "0");
  }

  function docShard(meta, id) {
    var lo = 0;
    var hi = meta.docs.length - 2;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (meta.docs[mid] <= id) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  var folded = {};

  /* A document by id, from a loaded shard: {id, kind, title, en, sub, url, text}. */
  function doc(meta, id) {
    var shard = store[shardName("d-", docShard(meta, id), 3)];
    var row = shard[1][id - shard[0]];
    return { id: id, kind: meta.kinds[row[0]], title: row[1], en: row[2], sub: row[3], url: row[4], text: row[5] };
  }

  function loadDocs(meta, ids) {
    var names = {};
    ids.forEach(function (id) {
      names[shardName("d-", docShard(meta, id), 3)] = true;
    });
    return Promise.all(
      Object.keys(names).map(function (name) {
        return load(name, meta.v);
      })
    );
  }

  /* 0: the title (or English title) is the query; 1: the title holds every term; 2: the text
     does. null: not a match after all. */
  function rank(d, p) {
    var all = folded[d.id];
    if (all === undefined) {
      all = folded[d.id] = foldText(d.title + "\n" + d.en + "\n" + d.sub + "\n" + d.text);
    }
    var i;
    for (i = 0; i < p.terms.length; i++) if (all.indexOf(p.terms[i]) < 0) return null;
    var title = foldText(d.title);
    var en = foldText(d.en);
    var q = p.terms.join(" ");
    if (title === q || en === q) return 0;
    var head = title + "\n" + en;
    for (i = 0; i < p.terms.length; i++) if (head.indexOf(p.terms[i]) < 0) return 2;
    return 1;
  }

  /* Loads and checks the next candidates of each group until it shows `want` of them. */
  function fill(meta, p, groups, want) {
    var batches = [];
    groups.forEach(function (g) {
      var need = want(g) - g.shown.length;
      if (need > 0 && g.next < g.cands.length) {
        var batch = g.cands.slice(g.next, g.next + need);
        g.next += batch.length;
        batches.push([g, batch]);
      }
    });
    if (!batches.length) return Promise.resolve();
    var ids = [];
    batches.forEach(function (b) {
      ids = ids.concat(b[1]);
    });
    return loadDocs(meta, ids).then(function () {
      batches.forEach(function (b) {
        var g = b[0];
        var added = [];
        b[1].forEach(function (id) {
          var d = doc(meta, id);
          d.rank = rank(d, p);
          if (d.rank === null) g.failed++;
          else added.push(d);
        });
        added.sort(function (x, y) {
          return x.rank - y.rank || x.id - y.id;
        });
        g.shown = g.shown.concat(added);
      });
      return fill(meta, p, groups, want);
    });
  }

  var FIRST = 10;
  var MORE = 20;

  /* The whole query: {terms, groups: [{kind, shown, total, approx, more}]} in display order,
     or {terms, tooShort} / {terms, tooCommon: char}. */
  function search(query) {
    return load("meta").then(function (meta) {
      var p = plan(query);
      var singles = p.singles.filter(function (c) {
        return meta.split.indexOf(c) < 0;
      });
      var result = { terms: p.terms, groups: [], plan: p };
      if (!p.tokens.length && !p.singles.length) {
        result.tooShort = p.terms.length > 0;
        return result;
      }
      if (!p.tokens.length && !singles.length) {
        result.tooCommon = p.singles[0];
        return result;
      }
      if (singles.length < p.singles.length) p.exact = false;
      var wanted = {};
      p.tokens.concat(singles).forEach(function (t) {
        wanted[shardName("p-", shardOf(t, meta.split, meta.postings), 2)] = true;
      });
      return Promise.all(
        Object.keys(wanted).map(function (name) {
          return load(name, meta.v);
        })
      ).then(function () {
        var lists = p.tokens.map(function (t) {
          var shard = store[shardName("p-", shardOf(t, meta.split, meta.postings), 2)];
          return Object.prototype.hasOwnProperty.call(shard, t) ? decode(shard[t]) : [];
        });
        singles.forEach(function (c) {
          var shard = store[shardName("p-", shardOf(c, meta.split, meta.postings), 2)];
          var parts = [];
          Object.keys(shard).forEach(function (k) {
            if (k.codePointAt(0) === c.codePointAt(0)) parts.push(decode(shard[k]));
          });
          lists.push(union(parts));
        });
        lists.sort(function (a, b) {
          return a.length - b.length;
        });
        var cands = lists.reduce(intersect);
        var groups = meta.kinds.map(function (kind, k) {
          var lo = meta.kindStarts[k];
          var hi = meta.kindStarts[k + 1];
          var mine = cands.filter(function (v) {
            var id = v >>> 1;
            return id >= lo && id < hi;
          });
          // Title hits first, then by id: shorter documents first.
          mine.sort(function (a, b) {
            return (b & 1) - (a & 1) || a - b;
          });
          return {
            kind: kind,
            order: k,
            cands: mine.map(function (v) {
              return v >>> 1;
            }),
            next: 0,
            shown: [],
            failed: 0
          };
        });
        groups = groups.filter(function (g) {
          return g.cands.length > 0;
        });
        return fill(meta, p, groups, function () {
          return FIRST;
        }).then(function () {
          result.meta = meta;
          result.groups = arrange(groups, p);
          return result;
        });
      });
    });
  }

  function arrange(groups, p) {
    groups = groups.filter(function (g) {
      return g.shown.length > 0;
    });
    groups.forEach(function (g) {
      g.total = g.cands.length - g.failed;
      g.approx = !p.exact && g.next < g.cands.length;
      g.more = g.next < g.cands.length;
      g.best = Math.min.apply(
        null,
        g.shown.map(function (d) {
          return d.rank;
        })
      );
    });
    groups.sort(function (a, b) {
      return a.best - b.best || a.order - b.order;
    });
    return groups;
  }

  function more(result, group) {
    var before = group.shown.length;
    return fill(result.meta, result.plan, [group], function () {
      return before + MORE;
    }).then(function () {
      group.total = group.cands.length - group.failed;
      group.approx = !result.plan.exact && group.next < group.cands.length;
      group.more = group.next < group.cands.length;
      return group.shown.slice(before);
    });
  }

  PB.engine = { fold: foldText, plan: plan, search: search, more: more, shardOf: shardOf, decode: decode };

  /* ---- the page ---- */

  var KINDS = {
    park: ["园区", "Parks"],
    service: ["服务", "Services"],
    sp: ["专业服务商", "Specialized providers"],
    brand: ["集成服务商", "Integrated service providers"],
    clause: ["标准条款", "Clauses of the standard"],
    term: ["术语", "Terms"]
  };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function en(text) {
    var s = el("span", "en", text);
    s.lang = "en";
    return s;
  }

  /* Appends `text` to `parent`, each occurrence of a term in a <mark>. */
  function marked(parent, text, terms) {
    var f = foldText(text);
    var plain = "";
    var i = 0;
    while (i < f.length) {
      var hit = "";
      terms.forEach(function (t) {
        if (t.length > hit.length && f.startsWith(t, i)) hit = t;
      });
      if (hit) {
        if (plain) parent.appendChild(document.createTextNode(plain));
        plain = "";
        parent.appendChild(el("mark", null, text.slice(i, i + hit.length)));
        i += hit.length;
      } else {
        plain += text[i];
        i++;
      }
    }
    if (plain) parent.appendChild(document.createTextNode(plain));
    return parent;
  }

  /* About 110 characters of the text around its first hit (or its start). */
  function snippet(text, terms) {
    var f = foldText(text);
    var at = -1;
    terms.forEach(function (t) {
      var i = f.indexOf(t);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var start = Math.max(0, at - 30);
    var end = Math.min(text.length, start + 110);
    if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start--;
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end++;
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function item(d, terms) {
    var li = el("li");
    var href = new URL(d.url, root).href;
    var a = el("a");
    if (href.indexOf(root) === 0) a.href = href;
    marked(a, d.title, terms);
    if (d.en) {
      a.appendChild(document.createTextNode(" "));
      marked(a.appendChild(en("")), d.en, terms);
    }
    li.appendChild(a);
    if (d.sub) marked(li.appendChild(el("span", "search-sub")), d.sub, terms);
    if (d.text) marked(li.appendChild(el("p", "search-snippet")), snippet(d.text, terms), terms);
    return li;
  }

  function countText(g) {
    return (g.approx ? "约 " : "") + g.total + " 条";
  }

  function ui() {
    var form = document.getElementById("search-form");
    var input = document.getElementById("search-q");
    var out = document.getElementById("search-results");
    if (!form || !input || !out) return;
    var pageTitle = document.title;
    var seq = 0;
    var timer = 0;

    function status(zh, english) {
      var p = el("p", "search-status", zh);
      if (english) {
        p.appendChild(document.createTextNode(" "));
        p.appendChild(en(english));
      }
      return p;
    }

    function show(query, result) {
      var frag = document.createDocumentFragment();
      var q = query.trim();
      if (result.tooShort) {
        frag.appendChild(status("请输入至少一个汉字或两个字母。", "Type at least one Chinese character or two letters."));
      } else if (result.tooCommon) {
        frag.appendChild(status("“" + result.tooCommon + "”几乎处处都有，请再多输入一个字。", "Too common: add a character."));
      } else if (!result.groups.length) {
        frag.appendChild(status("没有找到包含“" + q + "”的内容。", "No results."));
      } else {
        var total = 0;
        var approx = false;
        result.groups.forEach(function (g) {
          total += g.total;
          approx = approx || g.approx;
        });
        frag.appendChild(status("“" + q + "”：" + (approx ? "约 " : "") + total + " 条结果", (approx ? "about " : "") + total + (total === 1 ? " result" : " results")));
        result.groups.forEach(function (g) {
          var id = "search-group-" + g.kind;
          var section = el("section", "search-group");
          section.setAttribute("aria-labelledby", id);
          var h = el("h2", null, KINDS[g.kind][0] + " ");
          h.id = id;
          h.appendChild(en(KINDS[g.kind][1]));
          var count = el("span", "count", countText(g));
          h.appendChild(document.createTextNode(" "));
          h.appendChild(count);
          section.appendChild(h);
          var list = el("ul", "search-list");
          g.shown.forEach(function (d) {
            list.appendChild(item(d, result.terms));
          });
          section.appendChild(list);
          if (g.more) {
            var button = el("button", "search-more", "显示更多" + KINDS[g.kind][0]);
            button.type = "button";
            button.addEventListener("click", function () {
              button.disabled = true;
              more(result, g).then(function (added) {
                added.forEach(function (d, n) {
                  var li = list.appendChild(item(d, result.terms));
                  if (n === 0) li.querySelector("a").focus();
                });
                count.textContent = countText(g);
                if (g.more) button.disabled = false;
                else button.remove();
              }, failed);
            });
            section.appendChild(button);
          }
          frag.appendChild(section);
        });
      }
      out.replaceChildren(frag);
      out.removeAttribute("aria-busy");
    }

    function failed() {
      out.replaceChildren(status("搜索索引无法加载。", "The search index could not be loaded."));
      out.removeAttribute("aria-busy");
    }

    function run(query) {
      var mine = ++seq;
      try {
        var url = new URL(location.href);
        if (query.trim()) url.searchParams.set("q", query);
        else url.searchParams.delete("q");
        history.replaceState(null, "", url.href);
      } catch (e) {
        /* history may refuse file: URLs; the search works without it */
      }
      document.title = query.trim() ? query.trim() + " · " + pageTitle : pageTitle;
      if (!query.trim()) {
        out.replaceChildren();
        out.removeAttribute("aria-busy");
        return;
      }
      out.setAttribute("aria-busy", "true");
      search(query).then(function (result) {
        if (mine === seq) show(query, result);
      }, function () {
        if (mine === seq) failed();
      });
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run(input.value);
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        run(input.value);
      }, 150);
    });
    var q = new URLSearchParams(location.search).get("q") || "";
    if (q) {
      input.value = q;
      run(q);
    }
  }

  if (typeof document !== "undefined" && document.getElementById) ui();
})();
