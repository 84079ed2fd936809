// Ends an "add / change related object" popup: tell the opening page, then close.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("popup-response").dataset.popupResponse);
  if (window.opener && typeof window.opener.reinhardtAdminPopupDone === "function") {
    window.opener.reinhardtAdminPopupDone(window.name, data);
  }
  window.close();
})();
