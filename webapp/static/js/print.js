/* The print view's "Print this page" button (no inline script: the CSP allows only files). */
(function () {
  "use strict";
  document.querySelectorAll("[data-print-page]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
