// The header's count of unread notifications, kept live: /langsung/pemberitahuan
// sends the number on connect and after each change (server/src/notification_routes.rs).
// The browser reconnects by itself after a dropped connection.
(() => {
  const link = document.querySelector("[data-testid=notifications-link]");
  if (!link || !window.EventSource) return;
  const source = new EventSource("/langsung/pemberitahuan");
  source.onmessage = (event) => {
    const count = Number(event.data);
    let badge = link.querySelector("[data-testid=notifications-unread]");
    if (count > 0) {
      if (!badge) {
        badge = document.createElement("span");
        badge.className = link.dataset.badgeClass;
        badge.dataset.testid = "notifications-unread";
        link.append(badge);
      }
      badge.textContent = String(count);
    } else if (badge) {
      badge.remove();
    }
  };
})();
