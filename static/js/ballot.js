"use strict";
// The ballot's running total: the same text the server writes, updated as the voter chooses.
// The page works without this script; the server checks every rule again when the ballot is sent.
(function () {
  var form = document.querySelector("form.pb-ballot");
  if (!form) { return; }
  var tally = document.getElementById("ballot-tally");
  var data = form.dataset;
  var numbers = new Intl.NumberFormat(data.locale || "da-DK", { maximumFractionDigits: 0 });

  function money(amount) { return data.money.replace("{n}", numbers.format(amount)); }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : whole;
    });
  }

  function knapsack() {
    var budget = parseInt(data.budget, 10) || 0;
    var spent = 0;
    form.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      spent += parseInt(box.dataset.cost, 10) || 0;
    });
    var values = { spent: money(spent), left: money(Math.max(budget - spent, 0)),
                   over: money(Math.max(spent - budget, 0)), budget: money(budget) };
    return { over: spent > budget, values: values };
  }

  function approval() {
    var count = form.querySelectorAll("input[type=checkbox]:checked").length;
    var most = parseInt(data.maxChoices, 10) || 0;
    return { over: count > most, values: { count: String(count), max: String(most) } };
  }

  function cumulative() {
    var points = parseInt(data.points, 10) || 0;
    var used = 0;
    form.querySelectorAll("input.pb-points").forEach(function (field) {
      var value = parseInt(field.value, 10);
      if (value > 0) { used += value; }
    });
    var values = { used: numbers.format(used), points: numbers.format(points),
                   left: numbers.format(Math.max(points - used, 0)), over: numbers.format(Math.max(used - points, 0)) };
    return { over: used > points, values: values };
  }

  var count = { knapsack: knapsack, approval: approval, cumulative: cumulative }[data.ballotType];
  if (!count || !tally) { return; }

  function update() {
    var result = count();
    var text = fill(result.over ? data.tallyOver : data.tally, result.values);
    // Only a real change is written, so screen readers announce each new total once.
    if (tally.textContent !== text) { tally.textContent = text; }
    tally.classList.toggle("pb-tally-over", result.over);
  }

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  update();
}());
