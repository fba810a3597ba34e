// Animation player: play/pause, step, scrub, speed. `root` is the player's
// own <div>; `frames` are image URLs; `delay` is milliseconds per frame at 1x.
function bplPlayer(root, frames, delay) {
  var img = root.querySelector(".bpl-frame");
  var scrub = root.querySelector(".bpl-scrub");
  var label = root.querySelector(".bpl-label");
  var play = root.querySelector(".bpl-play");
  var speed = root.querySelector(".bpl-speed");
  var k = 0, timer = null;
  function show(i) {
    k = (i + frames.length) % frames.length;
    img.src = frames[k];
    scrub.value = k;
    label.textContent = "frame " + (k + 1) + " / " + frames.length;
    root.setAttribute("data-frame", k);
  }
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    play.textContent = "\u25B6 play";
    root.setAttribute("data-playing", "0");
  }
  function start() {
    stop();
    timer = setInterval(function () {
      // A re-run cell replaces this output: stop ticking once detached.
      if (!document.body.contains(root)) { stop(); return; }
      show(k + 1);
    }, delay / parseFloat(speed.value));
    play.textContent = "pause";
    root.setAttribute("data-playing", "1");
  }
  play.addEventListener("click", function () { if (timer === null) start(); else stop(); });
  root.querySelector(".bpl-prev").addEventListener("click", function () { stop(); show(k - 1); });
  root.querySelector(".bpl-next").addEventListener("click", function () { stop(); show(k + 1); });
  scrub.addEventListener("input", function () { stop(); show(parseInt(scrub.value, 10)); });
  speed.addEventListener("change", function () { if (timer !== null) start(); });
  show(0);
}
