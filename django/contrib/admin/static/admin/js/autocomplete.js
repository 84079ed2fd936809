// Reinhardt admin: the autocomplete box for autocomplete_fields.
// Typing asks the admin's JSON view (admin/autocomplete/) for matching objects, a page at a time;
// the chosen objects become selected options of the original <select>, which the form submits.
// Keyboard: arrows move through the list, Enter picks, Escape closes.
"use strict";
(function () {
  const DELAY_MS = 200;
  let counter = 0;

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => node.setAttribute(key, value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setup(select) {
    if (select.dataset.autocompleteReady || select.closest(".empty-form")) return;
    select.dataset.autocompleteReady = "1";
    const multiple = select.multiple;
    const uid = (select.id || "autocomplete") + "-ac" + counter++;
    const box = el("div", { class: "autocomplete" + (multiple ? " multiple" : "") });
    const chips = el("ul", { class: "autocomplete-chosen", "aria-label": "Chosen" });
    const input = el("input", {
      type: "text", role: "combobox", class: "autocomplete-input", autocomplete: "off",
      "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": uid + "-list",
      placeholder: select.dataset.placeholder || "Search",
    });
    const label = select.id && document.querySelector('label[for="' + select.id + '"]');
    if (label) { label.htmlFor = uid + "-input"; }
    input.id = uid + "-input";
    const clear = el("button", { type: "button", class: "autocomplete-clear", "aria-label": "Clear", title: "Clear" }, "\u00d7");
    const list = el("ul", { role: "listbox", id: uid + "-list", class: "autocomplete-results" });
    list.hidden = true;
    const status = el("p", { class: "visually-hidden", "aria-live": "polite" });
    select.parentNode.insertBefore(box, select);
    box.append(select, chips, input);
    if (!multiple) box.append(clear);
    box.append(list, status);
    select.hidden = true;

    let term = "";
    let page = 1;
    let timer = null;
    let request = 0;
    let active = -1;

    function selectedOptions() {
      return Array.from(select.options).filter((o) => o.selected && o.value !== "");
    }

    function renderChosen() {
      if (multiple) {
        chips.replaceChildren(...selectedOptions().map((option) => {
          const item = el("li", { class: "autocomplete-chip" }, option.text);
          const drop = el("button", { type: "button", "aria-label": "Remove " + option.text, title: "Remove" }, "\u00d7");
          drop.addEventListener("click", () => { option.selected = false; option.remove(); changed(); input.focus(); });
          item.append(drop);
          return item;
        }));
      } else {
        const chosen = selectedOptions()[0];
        input.value = chosen ? chosen.text : "";
        clear.hidden = !chosen;
      }
    }

    function changed() {
      renderChosen();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function items() { return Array.from(list.querySelectorAll("[role=option]")); }

    function highlight(index) {
      const all = items();
      if (!all.length) return;
      active = (index + all.length) % all.length;
      all.forEach((item, i) => item.setAttribute("aria-selected", i === active ? "true" : "false"));
      input.setAttribute("aria-activedescendant", all[active].id);
      all[active].scrollIntoView({ block: "nearest" });
    }

    function pick(item) {
      if (item.classList.contains("autocomplete-more")) { fetchPage(page + 1, true); return; }
      const value = item.dataset.value;
      let option = Array.from(select.options).find((o) => o.value === value);
      if (!option) { option = new Option(item.textContent, value); select.add(option); }
      if (!multiple) Array.from(select.options).forEach((o) => { o.selected = false; });
      option.selected = true;
      close();
      if (multiple) input.value = "";
      status.textContent = item.textContent + " chosen";
      changed();
    }

    function showResults(data, append) {
      if (!append) list.replaceChildren();
      const more = list.querySelector(".autocomplete-more");
      if (more) more.remove();
      const start = items().length;
      data.results.forEach((result, i) => {
        const item = el("li", { role: "option", id: uid + "-opt-" + (start + i), "aria-selected": "false" }, result.text);
        item.dataset.value = result.id;
        list.append(item);
      });
      if (data.pagination && data.pagination.more) {
        const item = el("li", { role: "option", id: uid + "-more-" + page, class: "autocomplete-more", "aria-selected": "false" }, "Load more results\u2026");
        list.append(item);
      }
      if (!items().length) list.append(el("li", { class: "autocomplete-empty" }, "No results found"));
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = data.results.length + " results";
      if (append && start < items().length) highlight(start);
    }

    function fetchPage(number, append) {
      const url = new URL(select.getAttribute("data-ajax--url"), window.location.href);
      url.searchParams.set("term", term);
      url.searchParams.set("app_label", select.dataset.appLabel);
      url.searchParams.set("model_name", select.dataset.modelName);
      url.searchParams.set("field_name", select.dataset.fieldName);
      if (number > 1) url.searchParams.set("page", String(number));
      const mine = ++request;
      box.classList.add("loading");
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then((response) => { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then((data) => { if (mine === request) { page = number; showResults(data, append); } })
        .catch(() => { if (mine === request) { close(); status.textContent = "The search failed."; } })
        .finally(() => { if (mine === request) box.classList.remove("loading"); });
    }

    input.addEventListener("input", () => {
      term = input.value.trim();
      clearTimeout(timer);
      timer = setTimeout(() => fetchPage(1, false), DELAY_MS);
    });
    input.addEventListener("focus", () => { if (multiple || !selectedOptions().length) { term = input.value.trim(); fetchPage(1, false); } });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowDown") { event.preventDefault(); if (list.hidden) fetchPage(1, false); else highlight(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(active - 1); }
      else if (event.key === "Enter") {
        if (!list.hidden) { event.preventDefault(); if (active >= 0) pick(items()[active]); }
      } else if (event.key === "Escape") { close(); renderChosen(); }
      else if (event.key === "Backspace" && multiple && input.value === "") {
        const last = selectedOptions().pop();
        if (last) { last.selected = false; changed(); }
      }
    });
    list.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus in the input
    list.addEventListener("click", (event) => {
      const item = event.target.closest("[role=option]");
      if (item) pick(item);
    });
    input.addEventListener("blur", () => { setTimeout(() => { if (!box.contains(document.activeElement)) { close(); if (!multiple) renderChosen(); } }, 150); });
    clear.addEventListener("click", () => {
      let empty = Array.from(select.options).find((o) => o.value === "");
      if (!empty) { empty = new Option("", ""); select.add(empty, 0); }
      Array.from(select.options).forEach((o) => { o.selected = o === empty; });
      changed();
      input.focus();
    });
    select.addEventListener("change", renderChosen); // e.g. an object added through the "+" popup
    renderChosen();
  }

  function setupAll(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(setup);
  }

  document.addEventListener("DOMContentLoaded", () => setupAll(document));
  document.addEventListener("formset:added", (event) => setupAll(event.target));
})();
