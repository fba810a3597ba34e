// Nudge explorer: three panels (z, a_3, C_0 against the nudged parameter) and
// a slider over the nudges. `d` holds the sweep's numbers.
function bplExplorer(root, d) {
  var NS = "http://www.w3.org/2000/svg";
  var W = 320, H = 230, L = 52, R = 10, T = 26, B = 40;
  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function fmt(v) { return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toFixed(4); }
  function range(v) {
    var lo = Math.min.apply(null, v), hi = Math.max.apply(null, v);
    if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
    var pad = 0.05 * (hi - lo);
    return [lo - pad, hi + pad];
  }
  var xr = range(d.values);
  function sx(x) { return L + (x - xr[0]) / (xr[1] - xr[0]) * (W - L - R); }
  var panels = [
    { name: d.zname, ys: d.z, color: "#ff7f0e" },
    { name: "a_3", ys: d.a3, color: "#2ca02c" },
    { name: "C_0", ys: d.cost, color: "#d62728" }
  ];
  var box = root.querySelector(".bpl-panels");
  panels.forEach(function (p) {
    var yr = range(p.ys);
    function sy(y) { return H - B - (y - yr[0]) / (yr[1] - yr[0]) * (H - T - B); }
    var svg = el("svg", { viewBox: "0 0 " + W + " " + H, "class": "bpl-panel", role: "img" }, box);
    el("rect", { x: L, y: T, width: W - L - R, height: H - T - B, fill: "none", stroke: "#bbb" }, svg);
    var title = el("text", { x: W / 2, y: 16, "text-anchor": "middle", "font-size": 13 }, svg);
    title.textContent = "How a nudge in " + d.param + " affects " + p.name;
    [[xr[0], "start"], [xr[1], "end"]].forEach(function (t) {
      var e = el("text", { x: sx(t[0]) + (t[1] === "start" ? 2 : -2), y: H - B + 14, "text-anchor": t[1], "font-size": 11, fill: "#555" }, svg);
      e.textContent = fmt(t[0]);
    });
    [yr[0], yr[1]].forEach(function (v) {
      var e = el("text", { x: L - 4, y: sy(v) + 4, "text-anchor": "end", "font-size": 11, fill: "#555" }, svg);
      e.textContent = fmt(v);
    });
    var xl = el("text", { x: (W + L) / 2, y: H - 8, "text-anchor": "middle", "font-size": 12 }, svg);
    xl.textContent = d.param + " + nudge";
    var pts = d.values.map(function (x, i) { return sx(x).toFixed(1) + "," + sy(p.ys[i]).toFixed(1); }).join(" ");
    el("polyline", { points: pts, fill: "none", stroke: p.color, "stroke-width": 2 }, svg);
    p.dot = el("circle", { r: 6, fill: p.color, stroke: "#fff", "stroke-width": 1.5 }, svg);
    p.sy = sy;
  });
  var slider = root.querySelector(".bpl-nudge");
  var out = root.querySelector(".bpl-readout");
  function show(k) {
    panels.forEach(function (p) {
      p.dot.setAttribute("cx", sx(d.values[k]));
      p.dot.setAttribute("cy", p.sy(p.ys[k]));
    });
    var cells = out.querySelectorAll("td[data-q]");
    var q = { nudge: d.nudges[k], value: d.values[k], z: d.z[k], a3: d.a3[k], cost: d.cost[k] };
    for (var i = 0; i < cells.length; i++) cells[i].textContent = fmt(q[cells[i].getAttribute("data-q")]);
    root.setAttribute("data-index", k);
  }
  slider.addEventListener("input", function () { show(parseInt(slider.value, 10)); });
  show(parseInt(slider.value, 10));
}
