// Sign-out forgets this browser's recently opened clients (dash_app/recent_clients.py).
// The ids: SHELL_SIGN_OUT_BUTTON (dash_app/ids.py) and CLIENTS_RECENT_STORE
// (dash_app/pages/clients/ids.py); a test checks.
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("#shell-signout-button")) {
    window.localStorage.removeItem("clients-recent-store");
    window.localStorage.removeItem("clients-recent-store-timestamp");
  }
}, true);
