// Starts the explorables of a page (see _ext/explorables.py): each
// <div class="explorable"> holds a compiled Vega spec in a JSON script tag, an
// empty view, an empty set of controls and a live region. Vega (vega.min.js,
// loaded before this file) draws the view as SVG and binds the sliders and radio
// buttons into the controls. After every change the live region repeats the
// readout (the text marks of the layer named "readout"), so screen readers
// announce the new values; nothing moves unless the reader moves a control.
"use strict";

(function () {
  function readoutText(view) {
    const lines = [];
    (function walk(item) {
      if (!item) return;
      if (item.mark && item.mark.marktype === "text" && /readout/.test(item.mark.name || "")) {
        lines.push(item.text);
      }
      (item.items || []).forEach(walk);
    })(view.scenegraph().root);
    return lines.join("; ");
  }

  async function start(box) {
    const spec = JSON.parse(box.querySelector("script.explorable-spec").textContent);
    const live = box.querySelector(".explorable-live");
    const view = new vega.View(vega.parse(spec), {
      renderer: "svg",
      container: box.querySelector(".explorable-view"),
      bind: box.querySelector(".explorable-controls"),
      hover: false,
    });
    await view.runAsync();
    // Vega writes a group of radio buttons after a plain <span> name: make the
    // group a labelled radiogroup, so screen readers say what the choice is about.
    box.querySelectorAll(".vega-bind-radio").forEach((group) => {
      const name = group.parentElement.querySelector(".vega-bind-name");
      group.setAttribute("role", "radiogroup");
      if (name) group.setAttribute("aria-label", name.textContent.trim().replace(/:$/, ""));
    });
    box.classList.add("explorable-ready");
    box.vegaView = view; // for the browser tests and the curious reader's console
    let pending = null;
    const announce = () => {
      clearTimeout(pending);
      // wait for the reader to stop moving the slider before speaking
      pending = setTimeout(() => { live.textContent = readoutText(view); }, 400);
    };
    (spec.signals || []).filter((s) => s.bind).forEach((s) => {
      view.addSignalListener(s.name, () => view.runAsync().then(announce));
    });
  }

  function startAll() {
    document.querySelectorAll("div.explorable").forEach((box) => {
      start(box).catch((error) => {
        // show the fallback sentence, as without JavaScript
        box.classList.add("explorable-failed");
        const fallback = document.createElement("div");
        fallback.innerHTML = box.querySelector("noscript").textContent;
        box.querySelector(".explorable-view").replaceChildren(...fallback.childNodes);
        console.error("explorable:", error);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
