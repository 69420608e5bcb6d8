// Filters: a finding is shown when its severity is ticked and it matches every chosen value.
(function () {
  "use strict";
  var ticks = Array.prototype.slice.call(document.querySelectorAll("input[data-filter-severity]"));
  var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var findings = Array.prototype.slice.call(document.querySelectorAll("article.finding"));
  var shown = document.getElementById("shown");
  var none = document.getElementById("none-shown");

  function apply() {
    var wanted = {};
    ticks.forEach(function (t) { wanted[t.value] = t.checked; });
    var count = 0;
    findings.forEach(function (f) {
      var show = wanted[f.getAttribute("data-severity")] !== false;
      selects.forEach(function (s) {
        if (s.value !== "" && f.getAttribute("data-" + s.getAttribute("data-filter")) !== s.value) {
          show = false;
        }
      });
      f.hidden = !show;
      if (show) {
        count++;
      }
    });
    shown.textContent = count + " of " + findings.length + " findings shown";
    none.hidden = count > 0 || findings.length === 0;
  }

  ticks.concat(selects).forEach(function (el) { el.addEventListener("change", apply); });
  apply();
}());
