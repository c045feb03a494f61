/*
 * Start loading plotly.js as soon as the page is parsed, not when the first chart appears.
 *
 * dcc.Graph loads plotly.js (3.5 MB) only once a graph is in the page, that is after the
 * layout, the page's callbacks and their answers: the script is then fetched and run (about
 * 120-180 ms of the browser's main thread) while the charts wait. Loaded here, it runs while
 * the browser waits for those answers instead. dcc.Graph's loader takes
 * `window.Plotly || <load the script>`, and `Promise.resolve` follows a thenable: until the
 * script has run, `window.Plotly` is a thenable that settles when it has, so a graph that
 * mounts early waits for this load instead of starting a second one. plotly.js then sets
 * `window.Plotly` to itself.
 */
(function () {
  "use strict";
  if (window.Plotly) {
    return;
  }
  var configTag = document.getElementById("_dash-config");
  var prefix = "/";
  if (configTag) {
    try {
      prefix = JSON.parse(configTag.textContent).requests_pathname_prefix || "/";
    } catch (ignored) {
      prefix = "/";
    }
  }
  var loaded = new Promise(function (resolve, reject) {
    var script = document.createElement("script");
    script.src = prefix + "_dash-component-suites/plotly/package_data/plotly.min.js";
    script.async = true;
    script.onload = function () {
      resolve();
    };
    script.onerror = function (error) {
      if (window.Plotly === pending) {
        delete window.Plotly; // let dcc.Graph try its own load
      }
      reject(error);
    };
    document.head.appendChild(script);
  });
  var pending = {
    then: function (onLoaded, onFailed) {
      return loaded.then(onLoaded, onFailed);
    },
  };
  window.Plotly = pending;
})();
