/// The dashboard's only script, progressive enhancement on pages that work without it: a sync run's page
/// follows the run live (without JavaScript, a `<noscript>` refresh every few seconds does it).
enum Script {
    static let text = #"""
        "use strict";
        (function () {
          function follow(section) {
            var url = section.getAttribute("data-progress-url");
            var bar = section.querySelector("progress");
            var state = document.getElementById("run-state");
            var figures = section.querySelectorAll("[data-figure]");
            function tick() {
              fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
                .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
                .then(function (run) {
                  if (run.total_pages) { bar.max = run.total_pages; bar.value = run.pages_done; }
                  state.textContent = run.state;
                  figures.forEach(function (el) {
                    var v = run[el.getAttribute("data-figure")];
                    if (v !== undefined && v !== null) { el.textContent = v; }
                  });
                  if (run.state === "running" || run.state === "pending") { setTimeout(tick, 1000); }
                  else { window.location.reload(); }
                })
                .catch(function () { setTimeout(tick, 3000); });
            }
            setTimeout(tick, 500);
          }
          document.addEventListener("DOMContentLoaded", function () {
            var live = document.querySelector("[data-progress-url]");
            if (live && live.getAttribute("data-running") === "true") { follow(live); }
          });
        })();
        """#
}
