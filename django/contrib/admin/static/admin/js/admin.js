// Reinhardt admin: a little progressive enhancement. Every page works without it.
"use strict";
(function () {
  // Changelist: "select all" checkbox and the "N of M selected" counter.
  function setupActions() {
    const toggle = document.getElementById("action-toggle");
    const boxes = Array.from(document.querySelectorAll("input.action-select"));
    const counters = document.querySelectorAll(".action-counter");
    if (!boxes.length) return;
    function refresh() {
      const chosen = boxes.filter((b) => b.checked).length;
      counters.forEach((c) => { c.textContent = chosen + " of " + boxes.length + " selected"; });
      if (toggle) toggle.checked = chosen === boxes.length;
      boxes.forEach((b) => b.closest("tr").classList.toggle("selected", b.checked));
    }
    // "Select all N objects" across the pages: offered once the whole page is selected.
    const across = document.querySelectorAll("input.select-across");
    const show = (selector, visible) => document.querySelectorAll(selector).forEach((e) => { e.hidden = !visible; });
    function setAcross(on) {
      across.forEach((input) => { input.value = on ? "1" : "0"; });
      show(".select-all-note", on);
      show(".select-all-clear", on);
      show(".action-counter", !on);
      show(".select-all-question", !on && boxes.every((b) => b.checked));
    }
    document.querySelectorAll(".select-all-across").forEach((button) => button.addEventListener("click", () => setAcross(true)));
    document.querySelectorAll(".clear-selection").forEach((button) => button.addEventListener("click", () => {
      boxes.forEach((b) => { b.checked = false; });
      refreshAll();
    }));
    const refreshAll = () => { refresh(); setAcross(false); };
    if (toggle) toggle.addEventListener("change", () => { boxes.forEach((b) => { b.checked = toggle.checked; }); refreshAll(); });
    boxes.forEach((b) => b.addEventListener("change", refreshAll));
    refresh();
  }

  // Inlines: an "Add another" button that copies the hidden __prefix__ template row.
  function setupInlines() {
    document.querySelectorAll(".js-inline-admin-formset").forEach((group) => {
      const options = JSON.parse(group.dataset.inlineFormset || "{}");
      const prefix = options.prefix;
      const template = document.getElementById(prefix + "-empty");
      const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      const max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
      if (!template || !total) return;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button add-row";
      button.textContent = options.add_text || "Add another";
      template.parentNode.closest(".inline-group").appendChild(button);
      function atMax() { return max && max.value !== "" && Number(total.value) >= Number(max.value); }
      button.hidden = atMax();
      button.addEventListener("click", () => {
        const index = Number(total.value);
        const row = template.cloneNode(true);
        row.hidden = false;
        row.classList.remove("empty-form");
        row.id = prefix + "-" + index;
        row.innerHTML = row.innerHTML.replace(/__prefix__/g, String(index));
        template.parentNode.insertBefore(row, template);
        total.value = String(index + 1);
        button.hidden = atMax();
        row.dispatchEvent(new CustomEvent("formset:added", { bubbles: true, detail: { formsetName: prefix } }));
      });
    });
  }

  // "No, take me back" links on confirmation pages.
  function setupBackLinks() {
    document.querySelectorAll("[data-history-back]").forEach((link) => {
      link.addEventListener("click", (event) => { event.preventDefault(); window.history.back(); });
    });
  }

  // Related-object links ("+" / pencil beside a select) open a popup; the popup's last page
  // calls reinhardtAdminPopupDone with the saved object, which lands in the select.
  function setupRelatedPopups() {
    document.addEventListener("click", (event) => {
      const link = event.target.closest("a.related-widget-wrapper-link");
      if (!link) return;
      const select = link.closest(".related-widget-wrapper").querySelector("select");
      if (!select) return;
      event.preventDefault();
      const url = new URL(link.href, window.location.href);
      url.searchParams.set("_popup", "1");
      window.open(url.toString(), select.id, "width=800,height=600,resizable=yes,scrollbars=yes");
    });
  }

  // prepopulated_fields: a slug follows its source fields until someone edits it by hand.
  function slugify(text, maxLength, allowUnicode) {
    let slug = text.normalize("NFKD");
    slug = allowUnicode ? slug.replace(/[^\p{L}\p{N}\s-]/gu, "") : slug.replace(/[\u0300-\u036f]/g, "").replace(/[^\w\s-]/g, "");
    slug = slug.toLowerCase().trim().replace(/[\s_-]+/g, "-");
    return slug.slice(0, maxLength).replace(/-+$/, "");
  }

  function setupPrepopulated() {
    const data = document.getElementById("admin-prepopulated-fields");
    if (!data) return;
    JSON.parse(data.textContent).forEach((spec) => {
      const target = document.querySelector(spec.id);
      const sources = spec.dependency_ids.map((id) => document.querySelector(id)).filter(Boolean);
      if (!target || !sources.length) return;
      let edited = target.value !== ""; // a saved object's slug is never rewritten
      target.addEventListener("input", () => { edited = target.value !== ""; });
      const fill = () => {
        if (edited) return;
        target.value = slugify(sources.map((s) => s.value).join(" "), spec.maxLength, spec.allowUnicode);
      };
      sources.forEach((source) => { source.addEventListener("input", fill); source.addEventListener("change", fill); });
    });
  }

  window.reinhardtAdminPopupDone = function (selectId, data) {
    const select = document.getElementById(selectId);
    if (!select) return;
    let option = Array.from(select.options).find((o) => o.value === data.value);
    if (!option) {
      option = new Option(data.obj, data.value);
      select.add(option);
    }
    option.textContent = data.obj;
    option.selected = true;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  };

  document.addEventListener("DOMContentLoaded", () => {
    setupActions();
    setupInlines();
    setupBackLinks();
    setupRelatedPopups();
    setupPrepopulated();
  });
})();
