// The board map: clustered markers from the GeoJSON route (coarse positions only). Without JavaScript or
// tiles the list of places below the map carries the same information.
(function () {
  "use strict";
  function init() {
    var el = document.getElementById("board-map");
    if (!el || !window.L || !window.L.markerClusterGroup || !window.fetch) return;
    el.hidden = false;
    var map = window.L.map(el, {scrollWheelZoom: false}).setView([-2.5, 118], 4);
    window.L.tileLayer(el.getAttribute("data-tiles"), {maxZoom: 18, attribution: el.getAttribute("data-attribution") || ""}).addTo(map);
    var clusters = window.L.markerClusterGroup({showCoverageOnHover: false});
    fetch(el.getAttribute("data-geojson"), {headers: {"Accept": "application/geo+json"}})
      .then(function (r) { return r.ok ? r.json() : {features: []}; })
      .then(function (data) {
        var layer = window.L.geoJSON(data, {
          onEachFeature: function (feature, marker) {
            var p = feature.properties, box = document.createElement("div"), a = document.createElement("a");
            a.href = p.url; a.textContent = p.title;
            var status = document.createElement("p"); status.textContent = p.status;
            box.appendChild(a); box.appendChild(status);
            marker.bindPopup(box);
          }
        });
        clusters.addLayer(layer);
        map.addLayer(clusters);
        if (layer.getLayers().length) map.fitBounds(clusters.getBounds(), {maxZoom: 15, padding: [20, 20]});
        el.setAttribute("data-markers", String(layer.getLayers().length));
      });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
