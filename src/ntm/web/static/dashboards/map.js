// Choropleth of the communes: polygons only, on a plain background (no tile server: the
// offices' machines have no network). Colours come from the server with each feature.
(function () {
  "use strict";
  var el = document.getElementById("dash-map");
  if (!el || !window.L) { return; }
  var map = window.L.map(el, { attributionControl: false, zoomSnap: 0.25 });
  fetch(el.dataset.url, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (geo) {
      var layer = window.L.geoJSON(geo, {
        style: function (f) {
          return { color: "#374151", weight: 1, fillColor: f.properties.fill, fillOpacity: 0.8 };
        },
        onEachFeature: function (f, l) {
          var p = f.properties;
          l.bindTooltip(p.tooltip);
        }
      }).addTo(map);
      if (geo.features.length) { map.fitBounds(layer.getBounds()); }
      var list = document.getElementById("dash-legend");
      (geo.legend || []).forEach(function (entry) {  // [colour, label], in band order
        var li = document.createElement("li");
        var box = document.createElement("i");
        box.style.background = entry[0];
        li.appendChild(box);
        li.appendChild(document.createTextNode(entry[1]));
        list.appendChild(li);
      });
    });
})();
