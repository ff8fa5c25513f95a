// The dashboard's one script: no framework, no build step. Pages work without it (plain links and forms); with it,
// htmx swaps pages in place, CSRF tokens ride on htmx requests, charts are drawn, toasts announced.
(function () {
  "use strict";

  function csrf(event) {
    var header = document.querySelector('meta[name="csrf-header"]');
    var token = document.querySelector('meta[name="csrf-token"]');
    if (header && token) {
      event.detail.headers[header.content] = token.content;
    }
  }

  function toasts(root) {
    var region = root.querySelector(".toasts[data-toast]");
    if (!region || !region.dataset.toast) {
      return;
    }
    var text = region.dataset.toast;
    delete region.dataset.toast;
    // Inserted after the region exists, so that screen readers announce it.
    setTimeout(function () {
      var toast = document.createElement("div");
      toast.className = "toast";
      var message = document.createElement("span");
      message.textContent = text;
      var close = document.createElement("button");
      close.type = "button";
      close.textContent = "Dismiss";
      close.addEventListener("click", function () { toast.remove(); });
      toast.appendChild(message);
      toast.appendChild(close);
      region.appendChild(toast);
      setTimeout(function () { toast.remove(); }, 8000);
    }, 150);
  }

  function charts(root) {
    if (typeof uPlot === "undefined") {
      return;
    }
    root.querySelectorAll("[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) {
        return;
      }
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) {
        return;
      }
      var data = JSON.parse(source.textContent);
      var xs = data.labels.map(function (_, i) { return i; });
      var width = Math.max(240, canvas.clientWidth || 300);
      var options = {
        width: width,
        height: 220,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: false, range: [-0.6, xs.length - 0.4] }, y: { range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; } } },
        axes: [
          { values: function (u, splits) { return splits.map(function (i) { return data.labels[i] || ""; }); }, stroke: "#566172", grid: { show: false } },
          // Whole conversations only: no 0.5 on the axis.
          { stroke: "#566172", grid: { stroke: "#eceff3" }, size: 50,
            incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000] }
        ],
        series: [
          {},
          { label: data.unit, fill: "#3b4fd8", stroke: "#3b4fd8", paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false } }
        ]
      };
      canvas.dataset.drawn = "true";
      var plot = new uPlot(options, [xs, data.values], canvas);
      var resize = function () { plot.setSize({ width: Math.max(240, canvas.clientWidth), height: 220 }); };
      window.addEventListener("resize", resize);
    });
  }

  function menus(root) {
    var button = root.querySelector(".menu-button");
    var sidebar = root.querySelector("#sidebar");
    if (button && sidebar && !button.dataset.bound) {
      button.dataset.bound = "true";
      button.addEventListener("click", function () {
        var open = sidebar.classList.toggle("open");
        button.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
    // A switch toggles with Space as well as Enter.
    root.querySelectorAll('a[role="switch"]:not([data-bound])').forEach(function (link) {
      link.dataset.bound = "true";
      link.addEventListener("keydown", function (event) {
        if (event.key === " ") {
          event.preventDefault();
          link.click();
        }
      });
    });
    root.querySelectorAll("[data-print]:not([data-bound])").forEach(function (b) {
      b.dataset.bound = "true";
      b.addEventListener("click", function () { window.print(); });
    });
  }

  function closeMenusOnEscape(event) {
    if (event.key !== "Escape") {
      return;
    }
    document.querySelectorAll("details[open]").forEach(function (d) {
      d.removeAttribute("open");
      var summary = d.querySelector("summary");
      if (summary) {
        summary.focus();
      }
    });
  }

  // A copy button beside every secret, id and snippet: data-copy names the element whose text it copies; the result
  // is announced in the page's polite live region.
  function copies(root) {
    root.querySelectorAll("[data-copy]:not([data-bound])").forEach(function (button) {
      button.dataset.bound = "true";
      button.addEventListener("click", function () {
        var source = document.querySelector(button.dataset.copy);
        if (!source) {
          return;
        }
        var text = source.value !== undefined && source.tagName !== "CODE" ? source.value : source.textContent;
        var announce = function (message) {
          button.textContent = message;
          var region = document.querySelector(".toasts");
          if (region) {
            region.dataset.toast = message;
            toasts(document);
          }
          setTimeout(function () { button.textContent = "Copy"; }, 2000);
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text).then(function () { announce("Copied"); },
            function () { announce("Select and copy it yourself"); });
        } else {
          var range = document.createRange();
          range.selectNodeContents(source);
          var selection = window.getSelection();
          selection.removeAllRanges();
          selection.addRange(range);
          announce(document.execCommand && document.execCommand("copy") ? "Copied" : "Selected: press Ctrl+C");
        }
      });
    });
    // A button that waits for a checkbox ("I have saved this key").
    root.querySelectorAll("[data-enables]:not([data-bound])").forEach(function (box) {
      box.dataset.bound = "true";
      var target = document.querySelector(box.dataset.enables);
      if (!target) {
        return;
      }
      target.disabled = !box.checked;
      box.addEventListener("change", function () { target.disabled = !box.checked; });
    });
  }

  // The widget's live preview: data-preview-* inputs restyle the preview as they change.
  function previews(root) {
    root.querySelectorAll("[data-preview]:not([data-bound])").forEach(function (preview) {
      preview.dataset.bound = "true";
      var form = preview.closest("form") || document;
      var update = function () {
        var greeting = form.querySelector("[data-preview-greeting]");
        var color = form.querySelector("[data-preview-color]");
        var name = form.querySelector("[data-preview-name]");
        if (greeting) {
          preview.querySelector(".preview-greeting").textContent = greeting.value || "Hi! How can we help you today?";
        }
        if (color && /^#[0-9a-f]{6}$/i.test(color.value)) {
          preview.style.setProperty("--preview", color.value);
        }
        if (name) {
          preview.querySelector(".preview-name").textContent = name.value;
        }
      };
      form.querySelectorAll("[data-preview-greeting],[data-preview-color],[data-preview-name]").forEach(function (input) {
        input.addEventListener("input", update);
      });
      update();
    });
  }

  // Ticking an event chooses "Only these" (the form's radio), so that a ticked box is never ignored.
  function eventChoices(root) {
    root.querySelectorAll("[data-event-choice]:not([data-bound])").forEach(function (choice) {
      choice.dataset.bound = "true";
      var only = choice.querySelector('input[type="radio"][value="chosen"]');
      choice.querySelectorAll('input[type="checkbox"]').forEach(function (box) {
        box.addEventListener("change", function () {
          if (box.checked && only) {
            only.checked = true;
          }
        });
      });
    });
  }

  function ready(root) {
    eventChoices(root);
    toasts(root);
    charts(root);
    menus(root);
    copies(root);
    previews(root);
  }

  document.addEventListener("DOMContentLoaded", function () { ready(document); });
  document.addEventListener("keydown", closeMenusOnEscape);
  document.addEventListener("htmx:configRequest", csrf);
  document.addEventListener("htmx:afterSettle", function (event) {
    ready(document);
    // After a whole page was swapped in, move focus to its content, as a page load would for assistive technology.
    if (event.detail && event.detail.boosted) {
      var main = document.getElementById("main");
      if (main) {
        main.focus({ preventScroll: true });
      }
    }
  });
})();
