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
     the page, shown as "niet verzonden", and sent once when the connection returns. The
     server's own checks (version, validation) apply to that submit as to any other.
     A form that also has data-wt-draft="KEY" (the journal: KEY names the case) keeps what is
     typed in sessionStorage under "wt-draft:KEY" as well, so that the text survives a reload
     of the tab while offline. sessionStorage belongs to this tab only and is gone when the tab
     closes; the draft is removed as soon as a page after the save loads, or with "Tekst
     weggooien". The draft keeps the form's hidden idempotency key and version, so a draft sent
     twice makes one entry and a draft of an old version is refused by the server. */
  var DRAFT = "wt-draft:";

  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }

  function readDraft(key) {
    var store = storage();
    if (!store) { return null; }
    try { return JSON.parse(store.getItem(DRAFT + key) || "null"); } catch (e) { return null; }
  }

  function writeDraft(key, draft) {
    var store = storage();
    if (!store) { return; }
    try { store.setItem(DRAFT + key, JSON.stringify(draft)); } catch (e) { /* full: keep the page */ }
  }

  function removeDraft(key) {
    var store = storage();
    if (store) { store.removeItem(DRAFT + key); }
  }

  /* A draft whose form was sent and that is not on this page: the save went through. */
  function clearSentDrafts(root) {
    var store = storage();
    if (!store) { return; }
    var onPage = {};
    root.querySelectorAll("form[data-wt-draft]").forEach(function (form) {
      onPage[form.getAttribute("data-wt-draft")] = true;
    });
    for (var i = store.length - 1; i >= 0; i--) {
      var name = store.key(i);
      if (!name || name.indexOf(DRAFT) !== 0 || onPage[name.slice(DRAFT.length)]) { continue; }
      var draft = readDraft(name.slice(DRAFT.length));
      if (!draft || draft.sent) { store.removeItem(name); }
    }
  }

  function fieldsOf(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "csrfmiddlewaretoken" || el.type === "submit") { return; }
      if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
      values[el.name] = el.value;
    });
    return values;
  }

  function restore(form, values) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !Object.prototype.hasOwnProperty.call(values, el.name)) { return; }
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = el.value === values[el.name];
      } else if (el.name !== "csrfmiddlewaretoken") {
        el.value = values[el.name];
      }
    });
  }

  function drafts(form) {
    var key = form.getAttribute("data-wt-draft");
    if (!key) { return { save: function () {}, sent: function () {} }; }
    var notice = form.querySelector(".wt-draft-status");
    var draft = readDraft(key);
    if (draft && draft.fields) {
      restore(form, draft.fields);
      form.setAttribute("data-wt-state", "niet-verzonden");
      if (notice) { notice.hidden = false; }
      writeDraft(key, { fields: draft.fields, sent: false });
    }
    var discard = form.querySelector("[data-wt-draft-discard]");
    if (discard) {
      discard.addEventListener("click", function () {
        removeDraft(key);
        window.location.reload();
      });
    }
    function save() { writeDraft(key, { fields: fieldsOf(form), sent: false }); }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    return {
      save: save,
      sent: function () { writeDraft(key, { fields: fieldsOf(form), sent: true }); }
    };
  }

  function offlineForms(root) {
    clearSentDrafts(root);
    root.querySelectorAll("form[data-wt-offline]").forEach(function (form) {
      var status = form.querySelector(".wt-offline-status");
      var draft = drafts(form);
      var waiting = false;
      var sent = false;
      function send() {
        if (!waiting || sent) { return; }
        sent = true;
        waiting = false;
        draft.sent();
        form.submit();
      }
      form.addEventListener("submit", function (event) {
        if (sent) { event.preventDefault(); return; }  // a double submit sends once
        if (navigator.onLine) { sent = true; draft.sent(); return; }
        event.preventDefault();
        draft.save();
        waiting = true;
        form.setAttribute("data-wt-state", "niet-verzonden");
        if (status) { status.hidden = false; }
      });
      window.addEventListener("online", function () {
        if (waiting) { send(); } else if (form.hasAttribute("data-wt-draft") && status) { status.hidden = true; }
      });
      window.addEventListener("offline", function () {
        if (form.hasAttribute("data-wt-draft") && status) { status.hidden = false; }
      });
      window.addEventListener("pageshow", function (event) {
        // Back from a failed navigation (bfcache): the form may be sent again.
        if (event.persisted) { sent = false; }
      });
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
