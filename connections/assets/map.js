/* Lifelong Connections: draws every ecomap on the page with vis-network.
 *
 * connections.maps reads this file (MAP_JS) to inline it into a downloaded standalone map;
 * the web app serves it from here as /static/maps/map.js.
 *
 * Markup (no inline script: pages run under Content-Security-Policy script-src 'self'):
 *   - the map: a div with id="ecomap", class="map", data-map and data-map-source="ecomap-data"
 *     (and optionally data-map-label, the map's accessible name);
 *   - its data: a script element with type="application/json" and id="ecomap-data" holding
 *     MapData.to_json() as it is (that JSON is safe inside a script element);
 *   - optional buttons (type="button"): data-map-fit="ecomap" ("Fit the map to the window")
 *     and data-map-physics="ecomap" ("Turn physics on"); a button whose value is empty
 *     controls every map on the page;
 *   - vis-network's stylesheet (vendor/vis-network/vis-network.min.css) with the page's CSS;
 *   - then vendor/vis-data/vis-data.min.js, vendor/vis-network/vis-network.min.js (the peer UMD
 *     builds: vis-data defines the global vis with DataSet, vis-network adds Network to it) and
 *     this file, in that order, each by its own script src. The standalone build of vis-network
 *     would work too, but it injects style elements, which style-src 'self' refuses.
 *
 * Titles are plain text. vis-network would put a string title into the page as HTML (older
 * versions) or as text (newer ones); to be safe with any version, every title becomes an element
 * whose text is set with textContent. Nothing here ever parses a string as HTML.
 */
(function () {
  "use strict";

  var maps = {};

  function textElement(text) {
    var element = document.createElement("div");
    element.className = "map-tooltip";
    element.textContent = String(text);
    return element;
  }

  function withTextTitles(items) {
    return (items || []).map(function (item) {
      var copy = Object.assign({}, item);
      if (typeof copy.title === "string" || typeof copy.title === "number") {
        copy.title = textElement(copy.title);
      } else if (copy.title !== undefined && copy.title !== null) {
        delete copy.title;
      }
      return copy;
    });
  }

  function say(container, message) {
    container.textContent = message;
    container.classList.add("map--message");
  }

  function extent(data) {
    var far = 0;
    (data.nodes || []).forEach(function (node) {
      if (typeof node.x === "number" && typeof node.y === "number") {
        far = Math.max(far, Math.sqrt(node.x * node.x + node.y * node.y));
      }
    });
    (data.rings || []).forEach(function (ring) {
      far = Math.max(far, ring.radius + 24);
    });
    return far;
  }

  // The whole ecomap, centred on the young person with room for the labels of the outermost
  // people and the ring labels; once physics has moved people, vis-network's own fit.
  function fitMap(map) {
    var network = map.network;
    var width = map.container.clientWidth;
    var height = map.container.clientHeight;
    var scale = Math.min(width, height) / (2 * (map.state.extent + 90));
    if (map.state.moved || !map.state.extent || !(scale > 0)) {
      network.fit({ animation: false });
      return;
    }
    network.moveTo({ position: { x: 0, y: 0 }, scale: Math.min(scale, 1.5), animation: false });
  }

  function drawRings(state) {
    return function (context) {
      if (state.moved || !state.rings.length) {
        return;
      }
      context.save();
      context.lineWidth = 1;
      context.strokeStyle = "#b1b4b6";
      context.fillStyle = "#505a5f";
      context.font = "14px arial, sans-serif";
      context.textAlign = "center";
      state.rings.forEach(function (ring) {
        context.beginPath();
        if (context.setLineDash) {
          context.setLineDash([4, 6]);
        }
        context.arc(0, 0, ring.radius, 0, 2 * Math.PI);
        context.stroke();
        context.fillText(String(ring.label), 0, -ring.radius - 8);
      });
      context.restore();
    };
  }

  // vis-network's frame is the map's one tab stop (its keys pan and zoom): give it a name.
  function label(container) {
    var frame = container.querySelector(".vis-network");
    if (!frame) {
      return;
    }
    var name = container.getAttribute("data-map-label") ||
      container.getAttribute("aria-label") || "Map of the network";
    frame.setAttribute("role", "application");
    frame.setAttribute("aria-label", name +
      ". Arrow keys move the map, plus and minus zoom. The table has the same information.");
  }

  function render(container) {
    if (container.getAttribute("data-map-ready") === "true") {
      return;
    }
    var source = document.getElementById(container.getAttribute("data-map-source") || "");
    if (!source) {
      say(container, "The map could not be drawn: its data is missing.");
      return;
    }
    // vis.DataSet comes from vis-data, vis.Network from vis-network: both must have loaded.
    if (typeof vis === "undefined" || !vis.Network || !vis.DataSet) {
      say(container, "The map could not be drawn because vis-network did not load. " +
        "The table has the same information.");
      return;
    }
    var data;
    try {
      data = JSON.parse(source.textContent);
    } catch (error) {
      say(container, "The map could not be drawn: its data is not valid.");
      return;
    }
    var options = data.options || {};
    var physics = Boolean(options.physics && options.physics.enabled);
    var state = {
      physics: physics,
      moved: physics,
      rings: data.rings || [],
      extent: extent(data)
    };
    var network = new vis.Network(
      container,
      {
        nodes: new vis.DataSet(withTextTitles(data.nodes)),
        edges: new vis.DataSet(withTextTitles(data.edges))
      },
      options
    );
    network.on("beforeDrawing", drawRings(state));
    label(container);
    container.setAttribute("data-map-ready", "true");
    var key = container.id || String(Object.keys(maps).length);
    maps[key] = { network: network, state: state, container: container };
    fitMap(maps[key]);
  }

  function targets(button, attribute) {
    var id = button.getAttribute(attribute);
    return Object.keys(maps)
      .filter(function (key) { return !id || key === id; })
      .map(function (key) { return maps[key]; });
  }

  function physicsLabel(button, on) {
    button.textContent = on ? "Turn physics off" : "Turn physics on";
    button.setAttribute("aria-pressed", on ? "true" : "false");
  }

  function wireButtons() {
    document.querySelectorAll("[data-map-fit]").forEach(function (button) {
      button.addEventListener("click", function () {
        targets(button, "data-map-fit").forEach(fitMap);
      });
    });
    document.querySelectorAll("[data-map-physics]").forEach(function (button) {
      var first = targets(button, "data-map-physics")[0];
      physicsLabel(button, Boolean(first && first.state.physics));
      button.addEventListener("click", function () {
        var chosen = targets(button, "data-map-physics");
        var on = !(chosen[0] && chosen[0].state.physics);
        chosen.forEach(function (map) {
          map.state.physics = on;
          map.state.moved = map.state.moved || on;
          map.network.setOptions({ physics: { enabled: on } });
          map.network.redraw();
        });
        physicsLabel(button, on);
      });
    });
  }

  function renderAll() {
    document.querySelectorAll("[data-map]").forEach(render);
    wireButtons();
  }

  window.addEventListener("beforeprint", function () {
    Object.keys(maps).forEach(function (key) {
      maps[key].network.redraw();
      fitMap(maps[key]);
    });
  });

  window.LifelongConnectionsMaps = {
    get: function (id) { return maps[id] ? maps[id].network : undefined; }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderAll);
  } else {
    renderAll();
  }
})();
