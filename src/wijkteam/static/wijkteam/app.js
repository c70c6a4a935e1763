/* Progressive enhancement for every page (docs/ui.md). Without JavaScript everything works:
   the navigation stays open and tables scroll inside their own box. */
(function () {
  "use strict";
  document.documentElement.classList.add("wt-js");

  /* Stacked tables: give each cell the text of its column header as data-label, so that the
     CSS can show "label: value" lines when the table becomes cards on a small screen. */
  function labelTables(root) {
    root.querySelectorAll("table.utrecht-table").forEach(function (table) {
      var headRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
      if (!headRow) { return; }
      var labels = [];
      Array.prototype.forEach.call(headRow.cells, function (th) {
        var span = th.colSpan || 1;
        for (var i = 0; i < span; i++) { labels.push(th.textContent.replace(/\s+/g, " ").trim()); }
      });
      Array.prototype.forEach.call(table.tBodies, function (body) {
        Array.prototype.forEach.call(body.rows, function (row) {
          var col = 0;
          Array.prototype.forEach.call(row.cells, function (cell) {
            if (!cell.hasAttribute("data-label") && labels[col] !== undefined) {
              cell.setAttribute("data-label", labels[col]);
            }
            col += cell.colSpan || 1;
          });
        });
      });
    });
  }

  /* The main navigation collapses into a menu button on a small screen. */
  function menuButton() {
    var button = document.querySelector(".wt-menu-button");
    var nav = document.querySelector(".wt-nav");
    if (!button || !nav) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = nav.classList.toggle("wt-nav--open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("wt-nav--open")) {
        nav.classList.remove("wt-nav--open");
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }

  /* Print buttons (no inline script under the CSP). */
  function printButtons(root) {
    root.querySelectorAll("[data-wt-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* Forms marked data-wt-offline survive a lost connection: a submit while offline is held in
     the page (never in storage: a lost phone must not hold the case file), shown as "niet
     verzonden", and sent once when the connection returns. The server's own checks (version,
     validation) apply to that submit as to any other. */
  function offlineForms(root) {
    root.querySelectorAll("form[data-wt-offline]").forEach(function (form) {
      var status = form.querySelector(".wt-offline-status");
      var waiting = false;
      var sent = false;
      function send() {
        if (!waiting || sent) { return; }
        sent = true;
        waiting = false;
        form.submit();
      }
      form.addEventListener("submit", function (event) {
        if (sent) { event.preventDefault(); return; }  // a double submit sends once
        if (navigator.onLine) { sent = true; return; }
        event.preventDefault();
        waiting = true;
        form.setAttribute("data-wt-state", "niet-verzonden");
        if (status) { status.hidden = false; }
      });
      window.addEventListener("online", send);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    offlineForms(document);
    labelTables(document);
    menuButton();
    printButtons(document);
    var sw = document.documentElement.getAttribute("data-wt-sw");
    if (sw && "serviceWorker" in navigator && window.isSecureContext) {
      navigator.serviceWorker.register(sw, { scope: "/" }).catch(function () { /* optional */ });
    }
  });
  document.addEventListener("htmx:load", function (event) { labelTables(event.target); });
})();
