// The print button on the SKP document page (app/src/skp/document_pages.rs).
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
