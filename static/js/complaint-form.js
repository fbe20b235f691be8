// Progressive enhancement of the complaint form (the form works fully without it):
// a character counter for fields with data-limit, and the location picker
// ("Gunakan lokasi saya" + an optional Leaflet map) filling the latitude/longitude fields.
(function () {
  "use strict";

  function formatNumber(n) {
    var lang = document.documentElement.lang || "id";
    try { return n.toLocaleString(lang === "id" ? "id-ID" : "en-GB"); } catch (e) { return String(n); }
  }

  function setupCounter(field) {
    var counter = document.getElementById(field.getAttribute("data-counter"));
    if (!counter) return;
    var limit = parseInt(field.getAttribute("data-limit"), 10);
    var lastOver = null;
    function update() {
      var n = field.value.length;
      var over = n - limit;
      var text = counter.getAttribute("data-template").replace("{n}", formatNumber(n)).replace("{limit}", formatNumber(limit));
      if (over > 0) text += " " + counter.getAttribute("data-over").replace("{over}", formatNumber(over));
      counter.textContent = text;
      counter.classList.toggle("over-limit", over > 0);
      var isOver = over > 0;
      if (isOver !== lastOver) {  // announce crossing the limit, not every keystroke
        counter.setAttribute("aria-live", isOver ? "assertive" : "off");
        lastOver = isOver;
      }
    }
    counter.hidden = false;
    field.addEventListener("input", update);
    update();
  }

  function round(value) { return Math.round(value * 1e6) / 1e6; }

  function setupLocation(box) {
    var lat = document.getElementById("latitude");
    var lon = document.getElementById("longitude");
    var address = document.getElementById("location_text");
    var button = document.getElementById("use-my-location");
    var status = document.getElementById("location-status");
    var mapEl = document.getElementById("location-map");
    var tiles = box.getAttribute("data-tiles");
    var reverse = box.getAttribute("data-reverse");
    var map = null, marker = null;

    function say(key) { if (status) status.textContent = status.getAttribute(key) || ""; }

    function reverseGeocode(la, lo) {
      if (!reverse || !window.fetch || (address && address.value)) return;
      var url = reverse.replace("{lat}", encodeURIComponent(la)).replace("{lon}", encodeURIComponent(lo));
      fetch(url, {headers: {"Accept": "application/json"}}).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && data.display_name && address && !address.value) address.value = data.display_name; })
        .catch(function () {});
    }

    function place(la, lo, fromMap) {
      lat.value = round(la);
      lon.value = round(lo);
      if (map) {
        if (!marker) {
          marker = window.L.marker([la, lo], {draggable: true, keyboard: true}).addTo(map);
          marker.on("dragend", function () { var p = marker.getLatLng(); place(p.lat, p.lng, true); });
        } else {
          marker.setLatLng([la, lo]);
        }
        if (!fromMap) map.setView([la, lo], 17);
      }
      reverseGeocode(la, lo);
    }

    if (mapEl && tiles && window.L) {
      mapEl.hidden = false;
      var start = lat.value && lon.value ? [parseFloat(lat.value), parseFloat(lon.value)] : null;
      map = window.L.map(mapEl, {scrollWheelZoom: false}).setView(start || [-2.5, 118], start ? 16 : 4);
      window.L.tileLayer(tiles, {maxZoom: 19, attribution: box.getAttribute("data-attribution") || ""}).addTo(map);
      if (start) place(start[0], start[1], true);
      map.on("click", function (e) { place(e.latlng.lat, e.latlng.lng, true); say("data-filled"); });
      function fromFields() {
        var la = parseFloat((lat.value || "").replace(",", ".")), lo = parseFloat((lon.value || "").replace(",", "."));
        if (isFinite(la) && isFinite(lo) && Math.abs(la) <= 90 && Math.abs(lo) <= 180) place(la, lo, false);
      }
      lat.addEventListener("change", fromFields);
      lon.addEventListener("change", fromFields);
    }

    if (button && navigator.geolocation) {
      button.hidden = false;
      button.addEventListener("click", function () {
        say("data-waiting");
        navigator.geolocation.getCurrentPosition(function (pos) {
          place(pos.coords.latitude, pos.coords.longitude, false);
          say("data-filled");
        }, function () { say("data-denied"); }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
      });
    }
  }

  function init() {
    var fields = document.querySelectorAll("[data-limit][data-counter]");
    for (var i = 0; i < fields.length; i++) setupCounter(fields[i]);
    var box = document.querySelector("[data-location-picker]");
    if (box) setupLocation(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
