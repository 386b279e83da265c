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
 *   - optional buttons (type="button"): data-map-fit="ecomap" ("Fit the map to the window"),
 *     data-map-full="ecomap" (full screen: the element with data-map-frame="ecomap", holding the
 *     map and its key, fills the screen; Escape leaves), data-map-present="ecomap" (presenting
 *     mode: full screen with the key large), data-map-group="ecomap" with data-group-id (opens
 *     or folds one group, aria-expanded says which) and data-map-groups-all="ecomap" (opens
 *     every group); a fit button whose value is empty controls every map on the page;
 *   - the layout is computed in Python (connections.ecomap) and physics stays off: people may be
 *     dragged, nothing moves by itself. Groups (MapData.groups) start folded into one node each
 *     (vis-network clustering); a click on a group's node or its button opens it;
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
  var SECTOR_LABEL_GAP = 45;
  // Names are body text size (16 px) on the screen at any zoom where that still fits: the font
  // grows as the map is zoomed out, up to MAX_FONT map units (beyond that, zoom in to read).
  // While groups are folded few nodes are left, far apart, so their names may grow further.
  var BODY_PX = 16;
  var MAX_FONT = 30;
  var MAX_FONT_FOLDED = 64;

  function anyFolded(map) {
    return Object.keys(map.state.open).some(function (id) { return !map.state.open[id]; });
  }

  function fontFor(map) {
    var most = anyFolded(map) ? MAX_FONT_FOLDED : MAX_FONT;
    return Math.max(BODY_PX, Math.min(most, BODY_PX / (map.network.getScale() || 1)));
  }

  function sizeLabels(map) {
    var size = Math.round(fontFor(map));
    if (size === map.state.font) {
      return;
    }
    map.state.font = size;
    map.network.setOptions({ nodes: { font: { size: size } } });
    map.nodes.update({ id: "@young-person", font: { size: size,
      color: "#ffffff", strokeWidth: 0 } });
    Object.keys(map.state.open).forEach(function (id) {
      if (!map.state.open[id]) {
        map.network.updateClusteredNode(id, groupLook(size));
      }
    });
  }

  function groupLook(size) {
    return {
      size: Math.max(16, size * 0.8),
      font: { size: Math.round(size * 1.1), color: "#0b0c0c", strokeWidth: 4,
        strokeColor: "#ffffff" }
    };
  }
  var HOUSEHOLD = "#dee0e2";

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
    if ((data.sectors || []).length > 1) {
      far = Math.max(far, (data.outer || far) + SECTOR_LABEL_GAP + 40);
    }
    return far;
  }

  // The whole ecomap, centred on the young person with room for the labels of the outermost
  // people and the sector headings; vis-network's own fit when there is no layout to go by.
  function fitMap(map) {
    var network = map.network;
    var width = map.container.clientWidth;
    var height = map.container.clientHeight;
    var scale = Math.min(width, height) / (2 * (map.state.extent + 40));
    if (!map.state.extent || !(scale > 0) || anyFolded(map)) {
      // Folded groups leave few people, not spread round the whole circle: fit those, with
      // room around them for their names and the sector headings.
      network.fit({ animation: false });
      network.moveTo({ scale: network.getScale() * 0.8, animation: false });
    } else {
      network.moveTo({ position: { x: 0, y: 0 }, scale: Math.min(scale, 1.5), animation: false });
    }
    sizeLabels(map);
  }

  // Behind the people: the households' shared shapes (through their people where they are now,
  // so a dragged person takes the shape along), the sector lines and headings, the rings.
  function drawBackground(map) {
    var state = map.state;
    return function (context) {
      context.save();
      context.lineCap = "round";
      context.lineJoin = "round";
      context.strokeStyle = HOUSEHOLD;
      context.lineWidth = 40;
      state.households.forEach(function (household) {
        var folded = household.members.some(function (id) {
          return map.network.findNode(id).length > 1;
        });
        if (folded) {
          return;
        }
        var places = map.network.getPositions(household.members);
        context.beginPath();
        household.members.forEach(function (id, index) {
          var place = places[id];
          if (!place) {
            return;
          }
          if (index === 0) {
            context.moveTo(place.x, place.y);
          } else {
            context.lineTo(place.x, place.y);
          }
        });
        if (household.members.length === 1) {
          context.lineTo(places[household.members[0]].x + 0.1, places[household.members[0]].y);
        }
        context.stroke();
      });
      var outer = state.outer;
      if (state.sectors.length > 1) {
        context.lineWidth = 1;
        context.strokeStyle = "#b1b4b6";
        if (context.setLineDash) {
          context.setLineDash([2, 6]);
        }
        state.sectors.forEach(function (sector) {
          context.beginPath();
          context.moveTo(70 * Math.cos(sector.start), 70 * Math.sin(sector.start));
          context.lineTo((outer + 30) * Math.cos(sector.start), (outer + 30) * Math.sin(sector.start));
          context.stroke();
        });
        context.fillStyle = "#0b0c0c";
        context.font = "bold " + Math.round(fontFor(map) * 1.15) +
          "px arial, sans-serif";
        context.textBaseline = "middle";
        var height = fontFor(map) * 1.3;
        var drawn = [];
        state.sectors.forEach(function (sector) {
          var middle = (sector.start + sector.end) / 2;
          var x = Math.cos(middle);
          var y = Math.sin(middle);
          var text = String(sector.label);
          var width = context.measureText(text).width;
          var align = x > 0.3 ? "left" : x < -0.3 ? "right" : "center";
          // Further out until it is clear of the headings already drawn (narrow sectors).
          for (var reach = outer + SECTOR_LABEL_GAP, tries = 0; tries < 20; tries++) {
            var cx = reach * x;
            var cy = reach * y;
            var left = align === "left" ? cx : align === "right" ? cx - width : cx - width / 2;
            var box = { left: left, right: left + width, top: cy - height / 2,
              bottom: cy + height / 2 };
            var clear = drawn.every(function (other) {
              return box.right < other.left || other.right < box.left ||
                box.bottom < other.top || other.bottom < box.top;
            });
            if (clear) {
              break;
            }
            reach += height / 2;
          }
          drawn.push(box);
          context.textAlign = align;
          context.fillText(text, cx, cy);
        });
      }
      context.lineWidth = 1;
      context.strokeStyle = "#b1b4b6";
      context.fillStyle = "#505a5f";
      context.font = Math.round(fontFor(map) * 0.85) + "px arial, sans-serif";
      context.textAlign = "center";
      context.textBaseline = "alphabetic";
      state.rings.forEach(function (ring) {
        context.beginPath();
        if (context.setLineDash) {
          context.setLineDash([4, 6]);
        }
        context.arc(0, 0, ring.radius, 0, 2 * Math.PI);
        context.stroke();
        // Only the rating's number on the ring (the key says what each means): a whole label
        // would lie across the people near twelve o'clock.
        if (typeof ring.level === "number") {
          context.fillText(String(ring.level), 0, -ring.radius - 6);
        }
      });
      context.restore();
    };
  }

  // --- groups: folded into one node each (vis-network clustering), opened on click or key ----

  function groupButtons(map, id) {
    return Array.prototype.filter.call(
      document.querySelectorAll("[data-map-group]"),
      function (button) {
        return button.getAttribute("data-map-group") === map.key &&
          (id === undefined || button.getAttribute("data-group-id") === id);
      }
    );
  }

  function foldGroup(map, group) {
    var members = {};
    group.members.forEach(function (id) { members[id] = true; });
    var look = groupLook(map.state.font || BODY_PX);
    map.network.cluster({
      joinCondition: function (node) { return members[node.id] === true; },
      clusterNodeProperties: {
        id: group.id,
        label: group.label,
        title: textElement(group.label + "\nSelect to open the group."),
        shape: "diamond",
        size: look.size,
        x: group.x,
        y: group.y,
        borderWidth: 2,
        color: { background: "#f3f2f1", border: "#0b0c0c",
          highlight: { background: "#ffdd00", border: "#0b0c0c" } },
        font: look.font
      }
    });
    map.state.open[group.id] = false;
    if (map.state.font) {
      map.state.font = 0;
      sizeLabels(map);
    }
    groupButtons(map, group.id).forEach(function (button) {
      button.setAttribute("aria-expanded", "false");
    });
  }

  function openGroup(map, id) {
    if (map.state.open[id] === false) {
      map.network.openCluster(id);
    }
    map.state.open[id] = true;
    groupButtons(map, id).forEach(function (button) {
      button.setAttribute("aria-expanded", "true");
    });
    map.state.font = 0;
    sizeLabels(map);
  }

  function toggleGroup(map, id) {
    var group = map.state.groups[id];
    if (!group) {
      return;
    }
    if (map.state.open[id]) {
      foldGroup(map, group);
    } else {
      openGroup(map, id);
    }
  }

  // --- full screen and presenting mode -------------------------------------------------------

  function frameOf(map) {
    var frames = document.querySelectorAll("[data-map-frame]");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].getAttribute("data-map-frame") === map.key) {
        return frames[i];
      }
    }
    return map.container;
  }

  function setPressed(map, attribute, on) {
    document.querySelectorAll("[" + attribute + "]").forEach(function (button) {
      if (button.getAttribute(attribute) === map.key) {
        button.setAttribute("aria-pressed", on ? "true" : "false");
        var words = button.getAttribute(on ? "data-text-on" : "data-text-off");
        if (words) {
          button.textContent = words;
        }
      }
    });
  }

  function refit(map) {
    window.requestAnimationFrame(function () {
      map.network.setSize("100%", "100%");
      map.network.redraw();
      fitMap(map);
    });
  }

  function leaveFull(map) {
    var frame = frameOf(map);
    frame.classList.remove("map-frame--full", "map-frame--presenting");
    document.documentElement.classList.remove("map-page--full");
    setPressed(map, "data-map-full", false);
    setPressed(map, "data-map-present", false);
    if (document.fullscreenElement === frame && document.exitFullscreen) {
      document.exitFullscreen().catch(function () {});
    }
    refit(map);
  }

  function enterFull(map, presenting) {
    var frame = frameOf(map);
    frame.classList.add("map-frame--full");
    frame.classList.toggle("map-frame--presenting", Boolean(presenting));
    document.documentElement.classList.add("map-page--full");
    setPressed(map, "data-map-full", !presenting);
    setPressed(map, "data-map-present", Boolean(presenting));
    // The real full screen where the browser allows it; the page-filling frame either way.
    if (frame.requestFullscreen && document.fullscreenElement !== frame) {
      try {
        var asked = frame.requestFullscreen();
        if (asked && asked.catch) {
          asked.catch(function () {});
        }
      } catch (error) {
        // A browser that refuses (no user gesture, an iframe) still gets the filled page.
      }
    }
    refit(map);
    // The map's own frame takes the keys (arrows pan, = and - zoom).
    (map.container.querySelector(".vis-network") || map.container).focus();
  }

  function isFull(map) {
    return frameOf(map).classList.contains("map-frame--full");
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
    var groups = {};
    (data.groups || []).forEach(function (group) { groups[group.id] = group; });
    var state = {
      rings: data.rings || [],
      sectors: data.sectors || [],
      households: data.households || [],
      outer: data.outer || 0,
      groups: groups,
      open: {},
      extent: extent(data)
    };
    var nodes = new vis.DataSet(withTextTitles(data.nodes));
    var network = new vis.Network(
      container,
      { nodes: nodes, edges: new vis.DataSet(withTextTitles(data.edges)) },
      options
    );
    var key = container.id || String(Object.keys(maps).length);
    var map = { network: network, nodes: nodes, state: state, container: container, key: key };
    maps[key] = map;
    network.on("beforeDrawing", drawBackground(map));
    (data.groups || []).forEach(function (group) { foldGroup(map, group); });
    network.on("zoom", function () { sizeLabels(map); });
    network.on("click", function (event) {
      var id = event.nodes && event.nodes[0];
      if (id !== undefined && state.groups[id] && state.open[id] === false) {
        openGroup(map, id);
      }
    });
    label(container);
    container.setAttribute("data-map-ready", "true");
    fitMap(map);
  }

  function targets(button, attribute) {
    var id = button.getAttribute(attribute);
    return Object.keys(maps)
      .filter(function (key) { return !id || key === id; })
      .map(function (key) { return maps[key]; });
  }

  function wireButtons() {
    document.querySelectorAll("[data-map-fit]").forEach(function (button) {
      button.addEventListener("click", function () {
        targets(button, "data-map-fit").forEach(fitMap);
      });
    });
    document.querySelectorAll("[data-map-full]").forEach(function (button) {
      button.addEventListener("click", function () {
        targets(button, "data-map-full").forEach(function (map) {
          if (isFull(map)) {
            leaveFull(map);
          } else {
            enterFull(map, false);
          }
        });
      });
    });
    document.querySelectorAll("[data-map-present]").forEach(function (button) {
      button.addEventListener("click", function () {
        targets(button, "data-map-present").forEach(function (map) {
          if (frameOf(map).classList.contains("map-frame--presenting")) {
            leaveFull(map);
          } else {
            enterFull(map, true);
          }
        });
      });
    });
    document.querySelectorAll("[data-map-group]").forEach(function (button) {
      button.addEventListener("click", function () {
        targets(button, "data-map-group").forEach(function (map) {
          toggleGroup(map, button.getAttribute("data-group-id"));
        });
      });
    });
    document.querySelectorAll("[data-map-groups-all]").forEach(function (button) {
      button.addEventListener("click", function () {
        targets(button, "data-map-groups-all").forEach(function (map) {
          Object.keys(map.state.groups).forEach(function (id) { openGroup(map, id); });
        });
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      Object.keys(maps).forEach(function (key) {
        if (isFull(maps[key])) {
          leaveFull(maps[key]);
        }
      });
    });
    document.addEventListener("fullscreenchange", function () {
      if (document.fullscreenElement) {
        return;
      }
      Object.keys(maps).forEach(function (key) {
        if (isFull(maps[key])) {
          leaveFull(maps[key]);
        }
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
