// Sign-out forgets this browser's recently opened clients (dash_app/recent_clients.py).
// The ids are dash_app/ids.py's SHELL_SIGN_OUT_BUTTON and CLIENTS_RECENT_STORE (a test checks).
document.addEventListener("click", function (event) {
  if (event.target.closest && event.target.closest("#shell-signout-button")) {
    window.localStorage.removeItem("clients-recent-store");
    window.localStorage.removeItem("clients-recent-store-timestamp");
  }
}, true);
