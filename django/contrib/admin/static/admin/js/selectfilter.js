// Reinhardt admin: the two-pane "available / chosen" box for filter_horizontal / filter_vertical.
// The original <select multiple> stays in the form as the "chosen" list, so the page submits the
// same field with or without this script; the script only moves options between two lists.
"use strict";
(function () {
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([key, value]) => node.setAttribute(key, value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(className, label, text) {
    const node = el("button", { type: "button", class: className, "aria-label": label, title: label }, text);
    return node;
  }

  function sortByText(options) {
    return options.sort((a, b) => a.text.localeCompare(b.text, undefined, { sensitivity: "base" }));
  }

  function setup(select) {
    if (select.dataset.selectfilterReady || select.closest(".empty-form")) return;
    select.dataset.selectfilterReady = "1";
    const name = select.dataset.fieldName || select.name;
    const stacked = select.dataset.isStacked === "1";
    // The options on the "available" side, kept in memory so that filtering can hide and restore them.
    let available = Array.from(select.options).filter((o) => !o.selected).map((o) => ({ value: o.value, text: o.text }));
    Array.from(select.options).forEach((o) => { if (!o.selected) o.remove(); });
    Array.from(select.options).forEach((o) => { o.selected = false; });

    const box = el("div", { class: "selector" + (stacked ? " stacked" : "") });
    const left = el("div", { class: "selector-available" });
    const right = el("div", { class: "selector-chosen" });
    const filterId = select.id + "_input";
    const fromId = select.id + "_from";
    left.append(el("label", { for: filterId, class: "selector-title" }, "Available " + name));
    const filter = el("input", { type: "search", id: filterId, class: "selector-filter", placeholder: "Filter", "aria-controls": fromId, autocomplete: "off" });
    const from = el("select", { multiple: "", id: fromId, class: "filtered", size: "8", "aria-label": "Available " + name });
    const chooseAll = button("selector-chooseall", "Choose all " + name, "Choose all");
    left.append(filter, from, chooseAll);

    const arrows = el("div", { class: "selector-chooser", role: "group", "aria-label": "Move " + name });
    const add = button("selector-add", "Choose selected " + name, "\u2192");
    const remove = button("selector-remove", "Remove selected " + name, "\u2190");
    arrows.append(add, remove);

    select.parentNode.insertBefore(box, select);
    const chosenLabel = el("label", { for: select.id, class: "selector-title" }, "Chosen " + name);
    select.classList.add("filtered");
    select.setAttribute("size", "8");
    const removeAll = button("selector-clearall", "Remove all " + name, "Remove all");
    right.append(chosenLabel, select, removeAll);
    box.append(left, arrows, right);
    const status = el("p", { class: "visually-hidden", "aria-live": "polite" });
    box.append(status);

    function renderAvailable() {
      const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      const shown = sortByText(available.slice()).filter((o) => words.every((w) => o.text.toLowerCase().includes(w)));
      from.replaceChildren(...shown.map((o) => new Option(o.text, o.value)));
      refreshButtons();
    }

    function refreshButtons() {
      add.disabled = !Array.from(from.options).some((o) => o.selected);
      remove.disabled = !Array.from(select.options).some((o) => o.selected);
      chooseAll.disabled = from.options.length === 0;
      removeAll.disabled = select.options.length === 0;
    }

    function choose(options) {
      if (!options.length) return;
      const values = new Set(options.map((o) => o.value));
      available = available.filter((o) => !values.has(o.value));
      options.forEach((o) => { const option = new Option(o.text, o.value); option.selected = false; select.add(option); });
      sortByText(Array.from(select.options)).forEach((o) => select.add(o));
      status.textContent = options.length + " chosen";
      renderAvailable();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function unchoose(options) {
      if (!options.length) return;
      options.forEach((o) => { available.push({ value: o.value, text: o.text }); o.remove(); });
      status.textContent = options.length + " removed";
      renderAvailable();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    const selectedIn = (list) => Array.from(list.options).filter((o) => o.selected);
    add.addEventListener("click", () => choose(selectedIn(from)));
    remove.addEventListener("click", () => unchoose(selectedIn(select)));
    chooseAll.addEventListener("click", () => choose(Array.from(from.options)));
    removeAll.addEventListener("click", () => unchoose(Array.from(select.options)));
    from.addEventListener("dblclick", () => choose(selectedIn(from)));
    select.addEventListener("dblclick", () => unchoose(selectedIn(select)));
    from.addEventListener("change", refreshButtons);
    select.addEventListener("change", refreshButtons);
    from.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); choose(selectedIn(from)); }
    });
    select.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === "Delete" || event.key === "Backspace") {
        event.preventDefault();
        unchoose(selectedIn(select));
      }
    });
    filter.addEventListener("input", renderAvailable);
    filter.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        // Enter chooses what is selected, or the only match; it never submits the form.
        event.preventDefault();
        const picked = selectedIn(from);
        choose(picked.length ? picked : from.options.length === 1 ? [from.options[0]] : []);
      } else if (event.key === "Escape") {
        filter.value = "";
        renderAvailable();
      } else if (event.key === "ArrowDown" && from.options.length) {
        event.preventDefault();
        from.focus();
        if (!selectedIn(from).length) from.options[0].selected = true;
        refreshButtons();
      }
    });
    // Submit every chosen option, whether or not it is highlighted in the list.
    const form = select.form;
    if (form) form.addEventListener("submit", () => { Array.from(select.options).forEach((o) => { o.selected = true; }); });
    renderAvailable();
  }

  function setupAll(root) {
    root.querySelectorAll("select.selectfilter, select.selectfilterstacked").forEach(setup);
  }

  document.addEventListener("DOMContentLoaded", () => setupAll(document));
  document.addEventListener("formset:added", (event) => setupAll(event.target));
})();
