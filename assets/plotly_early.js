/*
 * Load the page's plotly.js from the address the server gives (`<html data-plotly-src>`: the
 * partial build the dashboard serves, see dash_app/plotly_build) and start as soon as the page
 * is parsed on a page that draws charts, not when the first chart appears.
 *
 * dcc.Graph loads plotly.js only once a graph is in the page, that is after the layout, the
 * page's callbacks and their answers, and it would load Dash's full bundle (4.8 MB). On a page
 * the server marks as drawing charts (`<html data-charts="1">`), the build is loaded here at
 * once and runs while the browser waits for those answers; other pages load it only when a
 * chart first appears (pages without a chart never load it). dcc.Graph's loader takes
 * `window.Plotly || <load the script>`, and `Promise.resolve` follows a thenable: until the
 * script has run, `window.Plotly` is a thenable that starts the load if it has not started
 * and settles when it is done, so a graph that mounts first waits for this load instead of
 * starting a second one. plotly.js then sets `window.Plotly` to itself.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  if (window.Plotly || !root.dataset.plotlySrc) {
    return;
  }
  var loaded = null;
  function load() {
    if (loaded === null) {
      loaded = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root.dataset.plotlySrc;
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
  if (root.dataset.charts === "1") {
    load(); // a page that draws charts (the server marks it): load while it waits for answers
  }
})();
