// The hours editor's live preview (api/templates/editing/_hours_grid.html). Without this
// script the form works the same: the "Preview" button re-renders it with the 14 days.
// With it: typing in the grid chooses the grid, typing in the text value chooses the text
// value (the radio "Which one is saved" stays the truth, and is visible); after a pause the
// hours part of the form is sent to GET /edit/hours/preview, whose HTML fragment (rendered
// and escaped by the server) replaces the preview, and, when the grid is saved, its
// canonical value is written into the text field so that both say the same.
(function () {
  "use strict";

  var PAUSE_MS = 300;

  function setUp(editor) {
    var target = editor.querySelector("[data-hours-preview]");
    var raw = editor.querySelector("input[name=hours_raw]");
    var url = editor.getAttribute("data-preview-url");
    if (!target || !raw || !url) {
      return;
    }
    var timer = null;
    var running = null;

    function choose(source) {
      var radio = editor.querySelector("input[name=hours_source][value=" + source + "]");
      if (radio) {
        radio.checked = true;
      }
    }

    function chosen() {
      var radio = editor.querySelector("input[name=hours_source]:checked");
      return radio ? radio.value : "grid";
    }

    function query() {
      var params = new URLSearchParams();
      editor.querySelectorAll("input").forEach(function (input) {
        if (!input.name || input.name.indexOf("hours_") !== 0 || input.name === "hours_preview") {
          return;
        }
        if ((input.type === "radio" || input.type === "checkbox") && !input.checked) {
          return;
        }
        params.append(input.name, input.value);
      });
      var lat = editor.getAttribute("data-lat");
      var lon = editor.getAttribute("data-lon");
      if (lat && lon) {
        params.append("lat", lat);
        params.append("lon", lon);
      }
      params.append("lang", document.documentElement.lang || "fr");
      return params.toString();
    }

    function show(html) {
      var parsed = new DOMParser().parseFromString(html, "text/html");
      var fragment = parsed.querySelector("[data-hours-fragment]");
      if (!fragment) {
        return;
      }
      var nodes = Array.prototype.map.call(fragment.childNodes, function (node) {
        return document.importNode(node, true);
      });
      target.replaceChildren.apply(target, nodes);
      if (fragment.getAttribute("data-ok") === "yes" && chosen() === "grid") {
        raw.value = fragment.getAttribute("data-value") || "";
      }
    }

    function refresh() {
      if (running) {
        running.abort();
      }
      running = new AbortController();
      fetch(url + "?" + query(), {
        credentials: "same-origin",
        headers: { Accept: "text/html" },
        signal: running.signal,
      })
        .then(function (response) {
          return response.ok ? response.text() : null;
        })
        .then(function (html) {
          if (html) {
            show(html);
          }
        })
        .catch(function () {
          // Aborted by a newer request, or offline: the "Preview" button still works.
        });
    }

    function changed(event) {
      var name = event.target && event.target.name;
      if (!name || name.indexOf("hours_") !== 0) {
        return;
      }
      if (name === "hours_raw") {
        choose("raw");
      } else if (name !== "hours_source") {
        choose("grid");
      }
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, PAUSE_MS);
    }

    editor.addEventListener("input", changed);
    editor.addEventListener("change", changed);
    editor.setAttribute("data-live", "yes");
  }

  document.querySelectorAll("[data-hours-editor]").forEach(setUp);
})();
