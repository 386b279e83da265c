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
 *     dragged, nothing moves by itself. The names are placed in Python too
 *     (connections.maplabels: the static picture's placement, as offsets from each person) and
 *     drawn here, not by vis-network, so none overlap; the first view is never zoomed out below
 *     1, so each is at least 16 px. LifelongConnectionsMaps.labels(id), or the map element's
 *     mapLabels(), gives the names as drawn, in screen pixels. Groups (MapData.groups) start folded into one node each
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
  // Names are drawn here, not by vis-network: each at its person's position plus the offset
  // placed on the server (connections.maplabels, the static picture's own placement), so no
  // two overlap, in a font of labels.font (16) map units. The first view (and "Fit the map to
  // the window") is never zoomed out below 1, so a name is at least 16 px on the screen; it may
  // show the middle of a large map rather than all of it (drag or use the arrow keys to move).
  var MAX_FIT_SCALE = 1.5;
  var HEADING_FONT = 19;
  var RING_FONT = 16;
  var FIT_PAD = 16;

  function anyFolded(map) {
    return Object.keys(map.state.open).some(function (id) { return !map.state.open[id]; });
  }

  function allFolded(map) {
    return Object.keys(map.state.open).every(function (id) { return !map.state.open[id]; });
  }

  // The people inside folded groups (not drawn, nor their names).
  function hiddenPeople(map) {
    var hidden = {};
    Object.keys(map.state.groups).forEach(function (id) {
      if (map.state.open[id] === false) {
        map.state.groups[id].members.forEach(function (member) { hidden[member] = true; });
      }
    });
    return hidden;
  }

  var HOUSEHOLD = "#dee0e2";

  function textElement(text) {
    var element = document.createElement("div");
    element.className = "map-tooltip";
    element.textContent = String(text);
    return element;
  }

  // Copies of nodes or edges with plain-text titles; nodes' positions times ``scale`` and, when
  // ``texts`` is given, each person's name moved out of vis-network's hands into ``texts``.
  function withTextTitles(items, scale, texts) {
    return (items || []).map(function (item) {
      var copy = Object.assign({}, item);
      if (scale && typeof copy.x === "number" && typeof copy.y === "number") {
        copy.x = copy.x * scale;
        copy.y = copy.y * scale;
      }
      if (texts && copy.kind === "person") {
        texts[copy.id] = { text: String(copy.label || ""),
          color: (copy.font && copy.font.color) || "#0b0c0c" };
        delete copy.label;
      }
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

  // The first view: the whole first placement (people, names, sector headings) when it fits
  // at a scale of 1 or more, else the middle of the map at 1 (names never below 16 px).
  function fitMap(map) {
    var network = map.network;
    var width = map.container.clientWidth;
    var height = map.container.clientHeight;
    var labels = map.state.labels;
    var bounds = labels && allFolded(map) ? labels.bounds : null;
    if (!bounds) {
      var hidden = hiddenPeople(map);
      var ids = map.nodes.getIds().filter(function (id) { return !hidden[id]; });
      var places = network.getPositions(ids);
      var xs = [], ys = [];
      Object.keys(places).forEach(function (id) { xs.push(places[id].x); ys.push(places[id].y); });
      Object.keys(map.state.groups).forEach(function (id) {
        if (map.state.open[id] === false) {
          var place = network.getPositions([id])[id];
          if (place) { xs.push(place.x); ys.push(place.y); }
        }
      });
      var margin = 200;
      bounds = xs.length ? [Math.min.apply(null, xs) - margin, Math.min.apply(null, ys) - 40,
        Math.max.apply(null, xs) + margin, Math.max.apply(null, ys) + 40] : [-100, -100, 100, 100];
    }
    var fit = Math.min(width / (bounds[2] - bounds[0] + 2 * FIT_PAD),
      height / (bounds[3] - bounds[1] + 2 * FIT_PAD));
    if (!(fit > 0)) {
      fit = 1;
    }
    var scale = Math.min(Math.max(fit, 1), MAX_FIT_SCALE);
    var centre = fit >= 1 ? { x: (bounds[0] + bounds[2]) / 2, y: (bounds[1] + bounds[3]) / 2 } :
      { x: 0, y: 0 };
    network.moveTo({ position: centre, scale: scale, animation: false });
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
        // The headings where the server placed them, clear of every name (the same
        // placement as the names: the first view's, or everyone's once groups are open).
        var labels = state.labels;
        var headings = labels ? (allFolded(map) || !labels.open_headings ? labels.headings :
          labels.open_headings) : [];
        context.fillStyle = "#0b0c0c";
        context.font = "bold " + HEADING_FONT + "px arial, sans-serif";
        context.textAlign = "left";
        context.textBaseline = "alphabetic";
        (headings || []).forEach(function (heading) {
          context.fillText(String(heading[0]), heading[1], heading[2]);
        });
      }
      context.lineWidth = 1;
      context.strokeStyle = "#b1b4b6";
      context.fillStyle = "#505a5f";
      context.font = RING_FONT + "px arial, sans-serif";
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

  // In front of everything: each name at its person's position plus its offset (the first
  // view's placement while every group is folded, everyone's once one is open; a folded
  // group's diamond keeps its first-view place), white-edged so lines under it do not hide it.
  // What was drawn is kept (in map units) for labelsOnScreen.
  function drawLabels(map) {
    var state = map.state;
    return function (context) {
      var labels = state.labels;
      var folded = allFolded(map);
      var people = folded || !labels.open ? labels.first : labels.open;
      var hidden = hiddenPeople(map);
      var items = [];
      Object.keys(state.texts).forEach(function (id) {
        if (!hidden[id]) {
          items.push({ id: id, text: state.texts[id].text, color: state.texts[id].color,
            offset: people[id] || labels.first[id] });
        }
      });
      Object.keys(state.groups).forEach(function (id) {
        if (state.open[id] === false) {
          items.push({ id: id, text: String(state.groups[id].label), color: "#0b0c0c",
            offset: labels.first[id] });
        }
      });
      var places = map.network.getPositions(items.map(function (item) { return item.id; }));
      var font = labels.font;
      var drawn = [];
      context.save();
      context.font = font + "px arial, sans-serif";
      context.textAlign = "left";
      context.textBaseline = "alphabetic";
      context.lineJoin = "round";
      items.forEach(function (item) {
        var place = places[item.id];
        if (!place || !item.offset || !item.text) {
          return;
        }
        var x = place.x + item.offset[0];
        var y = place.y + item.offset[1];
        var metrics = context.measureText(item.text);
        var ascent = metrics.actualBoundingBoxAscent || font * 0.8;
        var descent = metrics.actualBoundingBoxDescent || font * 0.2;
        var box = { id: item.id, text: item.text, font: font, left: x, top: y - ascent,
          right: x + metrics.width, bottom: y + descent };
        if (item.offset[2]) {  // moved away from a crowd: a thin line back to the person
          context.strokeStyle = "#505a5f";
          context.lineWidth = 1;
          context.beginPath();
          context.moveTo(place.x, place.y);
          context.lineTo(Math.min(Math.max(place.x, box.left), box.right),
            Math.min(Math.max(place.y, box.top), box.bottom));
          context.stroke();
        }
        context.strokeStyle = "#ffffff";
        context.lineWidth = 4;
        context.strokeText(item.text, x, y);
        context.fillStyle = item.color;
        context.fillText(item.text, x, y);
        drawn.push(box);
      });
      context.restore();
      state.drawn = drawn;
    };
  }

  // The names as drawn now, in CSS pixels of the page's viewport, with their font size on the
  // screen: what the browser tests measure (read-only; a copy each time).
  function labelsOnScreen(map) {
    var canvas = map.container.querySelector("canvas");
    if (!canvas) {
      return [];
    }
    var frame = canvas.getBoundingClientRect();
    var scale = map.network.getScale();
    return (map.state.drawn || []).map(function (box) {
      var topLeft = map.network.canvasToDOM({ x: box.left, y: box.top });
      var bottomRight = map.network.canvasToDOM({ x: box.right, y: box.bottom });
      return { id: box.id, text: box.text, fontPx: box.font * scale,
        left: frame.left + topLeft.x, top: frame.top + topLeft.y,
        right: frame.left + bottomRight.x, bottom: frame.top + bottomRight.y };
    });
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
    map.network.cluster({
      joinCondition: function (node) { return members[node.id] === true; },
      clusterNodeProperties: {
        id: group.id,
        title: textElement(group.label + "\nSelect to open the group."),
        shape: "diamond",
        size: map.state.labels.group_size || 18,
        x: group.x,
        y: group.y,
        borderWidth: 2,
        color: { background: "#f3f2f1", border: "#0b0c0c",
          highlight: { background: "#ffdd00", border: "#0b0c0c" } }
      }
    });
    map.state.open[group.id] = false;
    map.network.redraw();
    groupButtons(map, group.id).forEach(function (button) {
      button.setAttribute("aria-expanded", "false");
    });
  }

  // The names of everyone in groups, when the page sent the first view's only
  // (labels.open_url): fetched once, the first time a group is opened. Until they come the
  // group stays folded; if the network changed since the page was loaded, the map says so.
  function openNames(map) {
    var labels = map.state.labels;
    if (labels.open || !labels.open_url) {
      return Promise.resolve(true);
    }
    if (!map.state.openNames) {
      map.state.openNames = fetch(labels.open_url, {
        credentials: "same-origin", headers: { Accept: "application/json" }
      }).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok || !body.open) {
            throw new Error(body.error || "The names in this map's groups could not be loaded.");
          }
          labels.open = body.open;
          labels.open_headings = body.open_headings;
          return true;
        });
      }).catch(function (error) {
        map.state.openNames = null;  // a later click tries again
        var note = frameOf(map) && frameOf(map).querySelector("[data-map-note]");
        if (note) {
          note.textContent = error.message;
          note.hidden = false;
        }
        return false;
      });
    }
    return map.state.openNames;
  }

  function openGroup(map, id) {
    openNames(map).then(function (ready) {
      if (ready) {
        showGroup(map, id);
      }
    });
  }

  function showGroup(map, id) {
    if (map.state.open[id] === false) {
      // Each person back where they were (vis-network would put them all on the diamond).
      map.network.openCluster(id, {
        releaseFunction: function (clusterPosition, positions) { return positions; }
      });
    }
    map.state.open[id] = true;
    groupButtons(map, id).forEach(function (button) {
      button.setAttribute("aria-expanded", "true");
    });
    map.network.redraw();
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
    // Where the names go and how close together the layout is drawn (connections.maplabels):
    // positions, rings and groups times labels.scale; fonts are not scaled.
    var labels = data.labels || { scale: 1, font: 16, group_size: 18, first: {}, headings: [],
      bounds: null };
    var scale = labels.scale || 1;
    var groups = {};
    (data.groups || []).forEach(function (group) {
      groups[group.id] = Object.assign({}, group, { x: group.x * scale, y: group.y * scale });
    });
    var texts = {};
    var state = {
      rings: (data.rings || []).map(function (ring) {
        return Object.assign({}, ring, { radius: ring.radius * scale });
      }),
      sectors: data.sectors || [],
      households: data.households || [],
      outer: (data.outer || 0) * scale,
      groups: groups,
      open: {},
      labels: labels,
      texts: texts,
      drawn: []
    };
    var nodes = new vis.DataSet(withTextTitles(data.nodes, scale, texts));
    var network = new vis.Network(
      container,
      { nodes: nodes, edges: new vis.DataSet(withTextTitles(data.edges)) },
      options
    );
    var key = container.id || String(Object.keys(maps).length);
    var map = { network: network, nodes: nodes, state: state, container: container, key: key };
    maps[key] = map;
    network.on("beforeDrawing", drawBackground(map));
    network.on("afterDrawing", drawLabels(map));
    Object.keys(groups).forEach(function (id) { foldGroup(map, groups[id]); });
    network.on("click", function (event) {
      var id = event.nodes && event.nodes[0];
      if (id !== undefined && state.groups[id] && state.open[id] === false) {
        openGroup(map, id);
      }
    });
    container.mapLabels = function () { return labelsOnScreen(map); };
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
    get: function (id) { return maps[id] ? maps[id].network : undefined; },
    // The names as drawn now, in the viewport's CSS pixels (see labelsOnScreen).
    labels: function (id) { return maps[id] ? labelsOnScreen(maps[id]) : []; }
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderAll);
  } else {
    renderAll();
  }
})();
