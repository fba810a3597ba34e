// Quiz diagram: the learner types values into the boxes of a computation
// graph; each box is checked as it changes, to two decimals as the lab does.
// `d.boxes[i]` = {kind: "value"|"grad"|"local", truth, given}; inputs carry
// data-box="i".
function bplQuiz(root, d) {
  var NS = "http://www.w3.org/2000/svg";
  // Rounds half away from zero, like the crate's check_quiz.
  function round2(v) { return (v < 0 ? -1 : 1) * Math.round(Math.abs(v) * 100) / 100; }
  function show(v) { return String(Math.round(v * 1e6) / 1e6); }
  var inputs = root.querySelectorAll("input[data-box]");
  var score = root.querySelector(".bpl-score");
  function mark(inp) {
    var b = d.boxes[+inp.getAttribute("data-box")];
    var text = inp.value.trim();
    var state = "";
    if (text !== "") {
      var v = Number(text);
      state = isFinite(v) && round2(v) === round2(b.truth) ? (b.kind === "value" ? "right-value" : "right-grad") : "wrong";
    }
    inp.classList.remove("right-value", "right-grad", "wrong");
    if (state) inp.classList.add(state);
    inp.setAttribute("data-mark", state || "empty");
    return state;
  }
  function update() {
    var right = 0, wrong = 0;
    for (var i = 0; i < inputs.length; i++) {
      var s = mark(inputs[i]);
      if (s === "wrong") wrong++; else if (s) right++;
    }
    score.textContent = right + " of " + inputs.length + " right, " + wrong + " wrong";
    root.setAttribute("data-right", right);
    root.setAttribute("data-wrong", wrong);
  }
  function fill(useTruth) {
    for (var i = 0; i < inputs.length; i++) {
      var b = d.boxes[+inputs[i].getAttribute("data-box")];
      inputs[i].value = useTruth ? show(b.truth) : (b.given === null ? "" : show(b.given));
    }
    update();
  }
  for (var i = 0; i < inputs.length; i++) inputs[i].addEventListener("input", update);
  root.querySelector(".bpl-reveal").addEventListener("click", function () { fill(true); });
  root.querySelector(".bpl-reset").addEventListener("click", function () { fill(false); });
  // Edges, drawn once the cards have their sizes.
  var svg = root.querySelector("svg.bpl-edges");
  var stage = root.querySelector(".bpl-stage");
  function anchor(card, out) {
    var x = card.offsetLeft, y = card.offsetTop, w = card.offsetWidth, h = card.offsetHeight;
    if (d.across) return out ? [x + w, y + h / 2] : [x, y + h / 2];
    return out ? [x + w / 2, y + h] : [x + w / 2, y];
  }
  function drawEdges() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    svg.setAttribute("width", stage.scrollWidth);
    svg.setAttribute("height", stage.scrollHeight);
    d.edges.forEach(function (e, k) {
      var a = anchor(root.querySelector('.bpl-node[data-node="' + e[0] + '"]'), true);
      var b = anchor(root.querySelector('.bpl-node[data-node="' + e[1] + '"]'), false);
      var line = document.createElementNS(NS, "line");
      line.setAttribute("x1", a[0]); line.setAttribute("y1", a[1]);
      line.setAttribute("x2", b[0]); line.setAttribute("y2", b[1]);
      line.setAttribute("stroke", "#999"); line.setAttribute("stroke-width", "1.5");
      svg.appendChild(line);
      // An arrow head at the target (drawn, not a <marker>: markers need ids).
      var dx = b[0] - a[0], dy = b[1] - a[1], len = Math.sqrt(dx * dx + dy * dy) || 1;
      var ux = dx / len, uy = dy / len;
      var head = document.createElementNS(NS, "polygon");
      head.setAttribute("points", [b[0], b[1], b[0] - 9 * ux + 4 * uy, b[1] - 9 * uy - 4 * ux, b[0] - 9 * ux - 4 * uy, b[1] - 9 * uy + 4 * ux].join(","));
      head.setAttribute("fill", "#999");
      svg.appendChild(head);
      var lab = root.querySelector('.bpl-local[data-edge="' + k + '"]');
      // Nearer the source than the middle, so labels of edges that meet at
      // one node stay apart (as in the static figure).
      var t = d.across ? 0.5 : 0.3;
      lab.style.left = (a[0] + (b[0] - a[0]) * t - lab.offsetWidth / 2) + "px";
      lab.style.top = (a[1] + (b[1] - a[1]) * t - lab.offsetHeight / 2) + "px";
    });
  }
  fill(false);
  drawEdges();
  // Fonts or a hidden tab can change sizes after the first layout.
  if (window.ResizeObserver) new ResizeObserver(drawEdges).observe(stage);
  root.setAttribute("data-ready", "1");
}
