/*
 * guichets: progressive enhancement of the pages. Plain JavaScript, no build step; each part
 * starts only when its elements are on the page, and without JavaScript the pages work as
 * they are (the buttons below stay hidden, the results list is the answer).
 *
 * 1. The results map (needs Leaflet, loaded before this file):
 *      <div id="map" data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
 *           data-tile-attribution="© OpenStreetMap contributors"
 *           data-tiles-failed-text="Map background unavailable"
 *           data-origin-lat="50.85" data-origin-lon="4.35" [data-origin-label="..."]>
 *      <li class="result" data-lat data-lon data-name data-href
 *          data-status="open|closes_soon|closed|unknown" [data-approximate="true"]>
 *                                                     (phone lines: no data-lat)
 *    One circle marker per located result (colour and class map-marker-<status>; a place
 *    known only to its postcode, data-approximate, a wide faint dashed disc with the class
 *    map-marker-approximate), a popup
 *    linking to the place, the origin marker, the view fitted to all of them. When tiles
 *    cannot load the markers stay, the container gets the class map-tiles-failed and shows
 *    data-tiles-failed-text. When ready, the container gets data-map-ready="true".
 *
 * 2. "My position":
 *      <button type="button" id="locate" hidden data-lat-input="lat" data-lon-input="lon"
 *              data-error-text="..." [data-clear-inputs="postcode address"]>
 *      <p id="locate-status" aria-live="polite"></p>
 *    Unhidden here. On click, fills the inputs #lat and #lon from the browser's position,
 *    empties the inputs named in data-clear-inputs (ids: an origin is a position OR a
 *    postcode), and submits the button's form. Refused or unavailable: data-error-text is
 *    written into #locate-status.
 *
 * 3. Copy buttons:
 *      <button type="button" class="copy" hidden data-copy-target="referral-text-ID"
 *              data-copied-text="Copied">
 *    Unhidden here. On click, copies the target's text (as rendered, line breaks included; a
 *    form field's value) to the clipboard and announces data-copied-text in a live region
 *    right after the button (created here unless one is already there). Without the
 *    Clipboard API the text is selected (and copied where the browser still allows it).
 *
 * 4. Print buttons:
 *      <button type="button" class="print" hidden>
 *    Unhidden here; on click, the browser's print dialog (without JavaScript, Ctrl+P).
 */
(function () {
  "use strict";

  // Colours by opening status; the list says the status in words, the colour only repeats it.
  var STATUS_STYLES = {
    open: { color: "#116329", fillColor: "#2da44e" },
    closes_soon: { color: "#7d4e00", fillColor: "#d4a72c" },
    closed: { color: "#57606a", fillColor: "#afb8c1" },
    unknown: { color: "#57606a", fillColor: "#ffffff", dashArray: "3 3" },
  };
  var APPROXIMATE_STYLE = { radius: 18, fillOpacity: 0.35, dashArray: "4 4" };
  var ORIGIN_STYLE = { color: "#0550ae", fillColor: "#ffffff", weight: 4, radius: 7 };
  var DEFAULT_CENTER = [50.8466, 4.3528]; // Brussels, Grand-Place
  var PLACE_ZOOM = 15;

  function coordinate(value) {
    var number = parseFloat(value);
    return isFinite(number) ? number : null;
  }

  function textElement(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  function popupContent(item) {
    // Built from DOM nodes: names come from the data and are never parsed as HTML.
    var content = document.createElement("div");
    var name = item.getAttribute("data-name") || "";
    var href = item.getAttribute("data-href");
    var label = document.createElement(href ? "a" : "strong");
    if (href) {
      label.href = href;
    }
    label.textContent = name;
    content.appendChild(label);
    return content;
  }

  // Defaults for the note, without specificity (:where) so that any rule of the site wins.
  var NOTE_CSS =
    ":where(.map-note){background:#fff;color:#24292f;padding:.25em .5em;border-radius:4px;" +
    "box-shadow:0 1px 5px rgba(0,0,0,.4);font:inherit;font-size:.875rem}";

  // A constructed style sheet, not a <style> element: the pages' Content-Security-Policy
  // (style-src 'self') refuses inline style elements, not style sheets built through the CSSOM.
  function addNoteStyle() {
    if (typeof CSSStyleSheet === "function" && "adoptedStyleSheets" in document) {
      try {
        var sheet = new CSSStyleSheet();
        sheet.replaceSync(NOTE_CSS);
        document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
        return;
      } catch (error) {
        // An older browser: the <style> element below.
      }
    }
    var style = document.createElement("style");
    style.textContent = NOTE_CSS;
    document.head.appendChild(style);
  }

  function showTilesFailed(map, container) {
    if (container.classList.contains("map-tiles-failed")) {
      return;
    }
    container.classList.add("map-tiles-failed");
    addNoteStyle();
    // A Leaflet control: placed in a corner of the map, above the panes, beside the others.
    var note = window.L.control({ position: "bottomleft" });
    note.onAdd = function () {
      var element = document.createElement("p");
      element.className = "map-note";
      element.setAttribute("role", "status");
      element.textContent =
        container.getAttribute("data-tiles-failed-text") || "Map background unavailable";
      return element;
    };
    note.addTo(map);
  }

  function setupMap() {
    var container = document.getElementById("map");
    if (!container || typeof window.L === "undefined") {
      return;
    }
    var L = window.L;
    // The wheel scrolls the page, not the map: a list of results is read by scrolling.
    var map = L.map(container, { scrollWheelZoom: false });
    var tileUrl = container.getAttribute("data-tile-url");
    if (tileUrl) {
      var tiles = L.tileLayer(tileUrl, {
        attribution: container.getAttribute("data-tile-attribution") || "",
        maxZoom: 19,
      });
      tiles.on("tileerror", function () {
        showTilesFailed(map, container);
      });
      tiles.addTo(map);
    } else {
      showTilesFailed(map, container);
    }

    var points = [];
    var originLat = coordinate(container.getAttribute("data-origin-lat"));
    var originLon = coordinate(container.getAttribute("data-origin-lon"));
    if (originLat !== null && originLon !== null) {
      var origin = L.circleMarker(
        [originLat, originLon],
        Object.assign({ className: "map-marker map-marker-origin", fillOpacity: 1 }, ORIGIN_STYLE)
      ).addTo(map);
      var originLabel = container.getAttribute("data-origin-label");
      if (originLabel) {
        // A DOM node, never a string: Leaflet parses a string tooltip as HTML, and the label
        // comes from the request (the search's origin, as typed).
        origin.bindTooltip(textElement("span", originLabel));
      }
      points.push([originLat, originLon]);
    }

    var items = document.querySelectorAll(".result[data-lat][data-lon]");
    Array.prototype.forEach.call(items, function (item) {
      var lat = coordinate(item.getAttribute("data-lat"));
      var lon = coordinate(item.getAttribute("data-lon"));
      if (lat === null || lon === null) {
        return;
      }
      var status = item.getAttribute("data-status");
      var style = STATUS_STYLES[status] || STATUS_STYLES.unknown;
      var known = STATUS_STYLES[status] ? status : "unknown";
      var options = Object.assign(
        { className: "map-marker map-marker-" + known, radius: 9, weight: 2, fillOpacity: 0.9 },
        style
      );
      if (item.getAttribute("data-approximate") === "true") {
        // Known only to its postcode: a wide, faint, dashed disc for an area, not a point.
        options = Object.assign(options, APPROXIMATE_STYLE);
        options.className += " map-marker-approximate";
      }
      L.circleMarker([lat, lon], options)
        .bindPopup(popupContent(item))
        .addTo(map);
      points.push([lat, lon]);
    });

    if (points.length === 0) {
      map.setView(DEFAULT_CENTER, 12);
    } else if (points.length === 1) {
      map.setView(points[0], PLACE_ZOOM);
    } else {
      map.fitBounds(L.latLngBounds(points), { padding: [24, 24], maxZoom: PLACE_ZOOM + 1 });
    }
    container.setAttribute("data-map-ready", "true");
  }

  function setupLocate() {
    var button = document.getElementById("locate");
    if (!button || !button.form) {
      return;
    }
    var status = document.getElementById("locate-status");
    var latInput = document.getElementById(button.getAttribute("data-lat-input") || "lat");
    var lonInput = document.getElementById(button.getAttribute("data-lon-input") || "lon");
    if (!latInput || !lonInput) {
      return;
    }

    function fail() {
      button.disabled = false;
      button.removeAttribute("aria-busy");
      if (status) {
        status.textContent = button.getAttribute("data-error-text") || "";
      }
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      if (status) {
        status.textContent = "";
      }
      if (!navigator.geolocation) {
        fail();
        return;
      }
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      navigator.geolocation.getCurrentPosition(
        function (position) {
          // Five decimals: about a metre, more than enough to find the nearest counter.
          latInput.value = position.coords.latitude.toFixed(5);
          lonInput.value = position.coords.longitude.toFixed(5);
          (button.getAttribute("data-clear-inputs") || "").split(/\s+/).forEach(function (id) {
            var input = id && document.getElementById(id);
            if (input) {
              input.value = "";
            }
          });
          button.disabled = false;
          button.removeAttribute("aria-busy");
          if (button.form.requestSubmit) {
            button.form.requestSubmit();
          } else {
            button.form.submit();
          }
        },
        fail,
        { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  function liveRegionAfter(button) {
    var next = button.nextElementSibling;
    if (next && next.hasAttribute("aria-live")) {
      return next;
    }
    // Created now, before any click: screen readers only announce changes to a region that
    // was already in the page.
    var region = document.createElement("span");
    region.className = "copy-status";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    button.insertAdjacentElement("afterend", region);
    return region;
  }

  function isField(element) {
    return element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement;
  }

  // Without the Clipboard API (a page served over plain HTTP, an old browser): select the
  // text, and try the old copy command on the selection. True when that copied it.
  function selectAndCopy(target) {
    if (isField(target)) {
      target.select();
    } else {
      var range = document.createRange();
      range.selectNodeContents(target);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function setupCopy(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    var region = liveRegionAfter(button);
    button.hidden = false;

    function announce() {
      // Emptied first, so that a second click is announced again.
      region.textContent = "";
      window.setTimeout(function () {
        region.textContent = button.getAttribute("data-copied-text") || "";
      }, 50);
    }

    function fallback() {
      if (selectAndCopy(target)) {
        announce();
      }
    }

    button.addEventListener("click", function () {
      var text = isField(target) ? target.value : target.innerText || target.textContent;
      text = (text || "").trim();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(announce, fallback);
      } else {
        fallback();
      }
    });
  }

  function init() {
    // The buttons first: a map that fails must not take them down with it.
    setupLocate();
    Array.prototype.forEach.call(
      document.querySelectorAll("button.copy[data-copy-target]"),
      setupCopy
    );
    Array.prototype.forEach.call(document.querySelectorAll("button.print"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
    setupMap();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
