// Starts the explorables of a page (see bookbuild/explorables/): each
// <div class="explorable"> holds a compiled Vega spec in a JSON script tag, an
// empty view, an empty set of controls and a live region. When a figure comes
// near the screen, this loads Vega (vega.min.js, named by this script's
// data-vega attribute) once and draws the view as SVG, with the sliders and
// radio buttons bound into the controls: a page does not pay for Vega until the
// reader scrolls to a figure. After every change the live region repeats the
// readout (the text marks of the layer named "readout"), so screen readers
// announce the new values; nothing moves unless the reader moves a control.
"use strict";

(function () {
  const script = document.currentScript;
  const vegaUrl = new URL(script.dataset.vega, script.src).href;
  let vegaLoaded = null;

  function loadVega() {
    if (!vegaLoaded) {
      vegaLoaded = new Promise((resolve, reject) => {
        const tag = document.createElement("script");
        tag.src = vegaUrl;
        tag.onload = resolve;
        tag.onerror = () => reject(new Error(`could not load ${vegaUrl}`));
        document.head.appendChild(tag);
      });
    }
    return vegaLoaded;
  }

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
    // A slider's label ends with Vega's display of its value: hide that from
    // screen readers, which announce the input's value themselves (and would
    // otherwise hear a name that changes at every step).
    box.querySelectorAll(".vega-bind label input[type=range] + span").forEach((value) => {
      value.setAttribute("aria-hidden", "true");
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

  function fail(box, error) {
    // show the fallback sentence, as without JavaScript
    box.classList.add("explorable-failed");
    const fallback = document.createElement("div");
    fallback.innerHTML = box.querySelector("noscript").textContent;
    box.querySelector(".explorable-view").replaceChildren(...fallback.childNodes);
    console.error("explorable:", error);
  }

  function startAll() {
    const near = new IntersectionObserver((entries) => {
      entries.filter((e) => e.isIntersecting).forEach((e) => {
        near.unobserve(e.target);
        loadVega().then(() => start(e.target)).catch((error) => fail(e.target, error));
      });
    }, { rootMargin: "600px 0px" });
    document.querySelectorAll("div.explorable").forEach((box) => near.observe(box));
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAll);
  } else {
    startAll();
  }
})();
