"use strict";
// Therapy Journal bundle viewer. Runs only in the recipient's browser, offline.
// It derives the key with PBKDF2-HMAC-SHA256, checks the key-check value (so a wrong
// passphrase and an altered file get different messages), decrypts with AES-256-GCM
// (the header is the authenticated data) and shows the sanitised content in a
// sandboxed frame where no script can run. The Content-Security-Policy forbids any
// network request, and allows only this script and the page's own styles.
(function () {
  var $ = function (id) { return document.getElementById(id); };
  var enc = new TextEncoder();
  var payload = null;
  var MIN_ITERATIONS = 600000;
  var MAX_ITERATIONS = 2000000;
  document.documentElement.classList.add("tj-ready");

  function b64(text) {
    // The browser's own decoder where there is one (several times faster on a long file).
    if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
    var raw = atob(text);
    var out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
    return out;
  }
  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function same(a, b) {
    if (a.length !== b.length) return false;
    var diff = 0;
    for (var i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
    return diff === 0;
  }
  function concat(a, b) {
    var out = new Uint8Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  }
  // Must match journal_app.core.passphrase.normalize_bundle_passphrase.
  function normalize(passphrase) {
    return passphrase.normalize("NFKC").trim().toLowerCase()
      .split(/[\s\-_.·]+/u).filter(Boolean).join(" ");
  }
  function fail(kind) { var e = new Error(kind); e.kind = kind; return e; }

  async function sha256(bytes) {
    return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  }

  // Decompressed and decoded as UTF-8 in one native step, as TextDecoder would.
  async function gunzipText(bytes) {
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  }

  async function hkdf(master, info) {
    var base = await crypto.subtle.importKey("raw", master, "HKDF", false, ["deriveBits"]);
    return new Uint8Array(await crypto.subtle.deriveBits(
      { name: "HKDF", hash: "SHA-256", salt: new Uint8Array(0), info: enc.encode(info) },
      base, 256));
  }

  // Version 2: one PBKDF2 block, split with HKDF. Version 1: two PBKDF2 blocks.
  // Must match journal_app.share.bundle.derive.
  async function deriveKeys(passphrase, salt, iterations, version) {
    var material = await crypto.subtle.importKey(
      "raw", enc.encode(normalize(passphrase)), "PBKDF2", false, ["deriveBits"]);
    var params = { name: "PBKDF2", hash: "SHA-256", salt: salt, iterations: iterations };
    if (version === 1) {
      var bits = new Uint8Array(await crypto.subtle.deriveBits(params, material, 512));
      var check1 = await sha256(concat(enc.encode("tj-bundle-key-check"), bits.slice(32)));
      return { aes: bits.slice(0, 32), check: check1.slice(0, 16) };
    }
    var master = new Uint8Array(await crypto.subtle.deriveBits(params, material, 256));
    return {
      aes: await hkdf(master, "tj-bundle v2 aes-256-gcm key"),
      check: (await hkdf(master, "tj-bundle v2 key check")).slice(0, 16)
    };
  }

  async function unlock(passphrase) {
    var env;
    try { env = JSON.parse($("tj-bundle").textContent); } catch (e) { throw fail("altered"); }
    if (!env || typeof env.header !== "string" || typeof env.ciphertext !== "string") {
      throw fail("altered");
    }
    // The keyless digest and the (slow) key derivation run side by side; the digest is
    // still checked first, so what is reported is the same as checking it alone first.
    var digestDone = sha256(enc.encode(env.header + "\n" + env.ciphertext));
    var h = null;
    try { h = JSON.parse(env.header); } catch (e) { h = null; }
    var known = !!h && h.format === "tj-bundle" && (h.version === 1 || h.version === 2) &&
      !!h.kdf && h.kdf.name === "PBKDF2-HMAC-SHA256";
    // Same bounds as journal_app/share/bundle.py: the count is read before anything can
    // be checked, so an edited file must not make this browser spin for minutes.
    var n = known ? h.kdf.iterations : null;
    var bounded = typeof n === "number" && n % 1 === 0 && n >= MIN_ITERATIONS &&
      n <= MAX_ITERATIONS;
    var keysDone = null;
    if (known && bounded) {
      try {
        keysDone = deriveKeys(passphrase, b64(h.kdf.salt), n, h.version);
      } catch (e) {
        keysDone = Promise.reject(e);
      }
      keysDone.catch(function () { /* reported below, after the digest */ });
    }
    if (hex(await digestDone) !== env.digest) throw fail("altered");
    if (!known) throw fail("altered");
    if (!bounded) throw fail("settings");
    var keys = await keysDone;
    if (!same(keys.check, b64(h.key_check))) throw fail("wrong");
    var key = await crypto.subtle.importKey("raw", keys.aes, "AES-GCM", false, ["decrypt"]);
    var plain;
    try {
      plain = new Uint8Array(await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: b64(h.nonce), additionalData: enc.encode(env.header) },
        key, b64(env.ciphertext)));
    } catch (e) {
      throw fail("altered");
    }
    var text = h.compression === "gzip" ? await gunzipText(plain) : new TextDecoder().decode(plain);
    return JSON.parse(text);
  }

  function contentDocument(html) {
    var css = $("tj-content-style").textContent;
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
      "Shared summary</title><style>" + css + "</style></head><body>" + html +
      "</body></html>";
  }

  function fitFrame() {
    var frame = $("tj-frame");
    try {
      var doc = frame.contentDocument;
      if (doc && doc.documentElement) {
        frame.style.height = (doc.documentElement.scrollHeight + 24) + "px";
      }
    } catch (e) { /* the frame keeps its minimum height */ }
  }

  // The print copy: the same sanitised HTML, laid out in this document so printed pages
  // break between blocks (a frame prints as one slab). Built only when printing, so a
  // ten-year bundle opens as fast as before; anything active is dropped again on the way
  // in, on top of the sanitiser and this page's CSP.
  var INERT = "script,iframe,frame,object,embed,link,meta,style,base,form,input,button";
  function printCopy() {
    var copy = $("tj-print-copy");
    if (!payload || copy.childNodes.length) return;
    var tpl = document.createElement("template");
    tpl.innerHTML = payload.html;
    var bad = tpl.content.querySelectorAll(INERT);
    for (var i = 0; i < bad.length; i++) bad[i].remove();
    var all = tpl.content.querySelectorAll("*");
    for (var j = 0; j < all.length; j++) {
      for (var k = all[j].attributes.length - 1; k >= 0; k--) {
        var name = all[j].attributes[k].name.toLowerCase();
        if (name.indexOf("on") === 0 || name === "href" || name === "src" || name === "style") {
          all[j].removeAttribute(all[j].attributes[k].name);
        }
      }
    }
    copy.appendChild(tpl.content);
  }
  window.addEventListener("beforeprint", printCopy);

  // A long bundle (years of entries) would make the frame parse and lay out tens of
  // thousands of elements before the first line shows. So the frame first gets the
  // summary, the short sections and the first few entries; the other entries follow in
  // batches, between frames, each batch parsed in the frame's own document (whose sandbox
  // runs no script). The app writes every entry as <article class="tj-entry">: the
  // sanitised text cannot make that tag (it keeps no attributes), so it marks entries
  // only. Printing does not wait for this: it uses its own copy of the whole content.
  var ENTRY = "<article class=\"tj-entry\">";
  var END = "</article>";
  var FIRST_ENTRIES = 10;
  var BATCH = 200;
  var rendering = 0;  // bumped on every show and lock, so a stale batch stops

  // The entries, each with the text between it and the one before (a line break), so the
  // document put together in batches is exactly the one the whole HTML would give.
  function splitEntries(html) {
    var start = html.indexOf(ENTRY);
    var last = html.lastIndexOf(END);
    if (start < 0 || last < start) return null;
    var stop = last + END.length;
    var pieces = html.slice(start, stop).split(ENTRY);
    pieces.shift();  // what came before the first mark: nothing
    if (pieces.length <= FIRST_ENTRIES) return null;
    var entries = [];
    var gap = "";
    pieces.forEach(function (piece) {
      var end = piece.lastIndexOf(END) + END.length;
      entries.push(gap + ENTRY + piece.slice(0, end));
      gap = piece.slice(end);
    });
    return {
      first: html.slice(0, start) + entries.slice(0, FIRST_ENTRIES).join("") + html.slice(stop),
      rest: entries.slice(FIRST_ENTRIES)
    };
  }

  function addEntries(doc, rest, generation) {
    var shown = doc.querySelectorAll("article.tj-entry");
    var anchor = shown[shown.length - 1];
    var section = anchor.closest("section") || doc.body;
    section.setAttribute("aria-busy", "true");
    var next = 0;
    function batch() {
      if (generation !== rendering) return;
      var tpl = doc.createElement("template");
      tpl.innerHTML = rest.slice(next, next + BATCH).join("");
      next += BATCH;
      var newest = tpl.content.lastElementChild;
      anchor.parentNode.insertBefore(tpl.content, anchor.nextSibling);
      if (newest) anchor = newest;
      fitFrame();
      if (next < rest.length) {
        setTimeout(batch, 0);
      } else {
        section.removeAttribute("aria-busy");
      }
    }
    setTimeout(batch, 0);
  }

  function show(data) {
    payload = data;
    rendering += 1;
    var generation = rendering;
    $("tj-print-copy").textContent = "";
    $("tj-fhir").hidden = !data.fhir;
    var frame = $("tj-frame");
    var parts = splitEntries(data.html);
    frame.addEventListener("load", function () {
      fitFrame();
      if (parts && generation === rendering) {
        addEntries(frame.contentDocument, parts.rest, generation);
      }
    }, { once: true });
    frame.srcdoc = contentDocument(parts ? parts.first : data.html);
    $("tj-lock").hidden = true;
    $("tj-view").hidden = false;
    $("tj-pass").value = "";
  }

  function status(text, isError) {
    var el = $("tj-status");
    el.textContent = text;
    el.className = isError ? "error" : "";
  }

  $("tj-form").addEventListener("submit", async function (event) {
    event.preventDefault();
    var button = $("tj-open");
    button.disabled = true;
    status("Unlocking…", false);
    try {
      show(await unlock($("tj-pass").value));
      status("", false);
    } catch (e) {
      if (e.kind === "wrong") {
        status("That passphrase doesn't open this summary. Please check it and try again.", true);
      } else if (e.kind === "settings") {
        status("This file asks for unusual security settings, so it was not opened: it may " +
          "have been changed. Please ask for it to be sent again.", true);
      } else if (e.kind === "altered") {
        status("This file was changed or damaged after it was made, so it can't be trusted. " +
          "Please ask for it to be sent again.", true);
      } else {
        status("This browser couldn't open the summary (" + (e.message || e) + ").", true);
      }
    } finally {
      button.disabled = false;
    }
  });

  $("tj-show").addEventListener("click", function () {
    var input = $("tj-pass");
    var showing = input.type === "text";
    input.type = showing ? "password" : "text";
    this.textContent = showing ? "Show" : "Hide";
    this.setAttribute("aria-pressed", String(!showing));
  });

  $("tj-print").addEventListener("click", function () {
    printCopy();
    window.print();
  });

  function download(text, type, name) {
    var blob = new Blob([text], { type: type });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  $("tj-download").addEventListener("click", function () {
    if (payload) download(payload.markdown, "text/markdown;charset=utf-8", "shared-summary.md");
  });

  $("tj-fhir").addEventListener("click", function () {
    if (payload && payload.fhir) {
      download(JSON.stringify(payload.fhir, null, 2), "application/fhir+json",
        "checkins-fhir-r4.json");
    }
  });

  $("tj-close").addEventListener("click", function () {
    payload = null;
    rendering += 1;
    $("tj-frame").srcdoc = "";
    $("tj-print-copy").textContent = "";
    $("tj-view").hidden = true;
    $("tj-lock").hidden = false;
    $("tj-pass").focus();
  });
})();
