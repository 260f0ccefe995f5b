// Draws the dashboard's charts with unfold's Chart.js from the page's json_script data.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("staff-chart-data");
    if (!source || typeof window.Chart === "undefined") {
      return;
    }
    var charts = JSON.parse(source.textContent);
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var spec = charts[canvas.dataset.chart];
      if (!spec) {
        return;
      }
      new window.Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: spec.datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          plugins: { legend: { display: spec.datasets.length > 1 } },
          scales: { y: { beginAtZero: true } },
        },
      });
      canvas.dataset.drawn = "true";
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
