// Optional conveniences for the query page; every page works without this script.
document.addEventListener("DOMContentLoaded", () => {
  const editor = document.getElementById("query-text");
  if (!editor) return;
  // Ctrl+Enter (Cmd+Enter) runs the query
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      editor.form.submit();
    }
  });
  // "edit" on a ready query fills the editor in place instead of loading the page again
  for (const item of document.querySelectorAll("li[data-query]")) {
    const edit = item.querySelector("a.edit");
    if (!edit) continue;
    edit.addEventListener("click", (event) => {
      event.preventDefault();
      editor.value = item.dataset.query;
      editor.focus();
      editor.scrollIntoView({ block: "center" });
    });
  }
});
