/*
 * Start loading plotly.js as soon as the page is parsed, not when the first chart appears.
 *
 * dcc.Graph loads plotly.js (3.5 MB) only once a graph is in the page, that is after the
 * layout, the page's callbacks and their answers: the script is then fetched and run (about
 * 120-180 ms of the browser's main thread) while the charts wait. On a page the server
 * marks as drawing charts (`<html data-charts="1">`), it is loaded here at once and runs
 * while the browser waits for those answers instead; other pages load it only when a chart
 * first appears, as before. dcc.Graph's loader takes
 * `window.Plotly || <load the script>`, and `Promise.resolve` follows a thenable: until the
 * script has run, `window.Plotly` is a thenable that starts the load if it has not started
 * and settles when it is done, so a graph that mounts first waits for this load instead of
 * starting a second one. plotly.js then sets `window.Plotly` to itself.
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
  var loaded = null;
  function load() {
    if (loaded === null) {
      loaded = new Promise(function (resolve, reject) {
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
    }
    return loaded;
  }
  var pending = {
    then: function (onLoaded, onFailed) {
      return load().then(onLoaded, onFailed); // a graph wants it now
    },
  };
  window.Plotly = pending;
  if (document.documentElement.dataset.charts === "1") {
    load(); // a page that draws charts (the server marks it): load while it waits for answers
  }
})();
