// An enhancement only: every form works without it. A form marked data-progress shows how much of a large
// photo has been sent (a phone on a slow connection), then shows the server's answer as a plain submit would.
(function () {
    "use strict";
    document.querySelectorAll("form[data-progress]").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            if (!window.XMLHttpRequest || !window.FormData) {
                return;
            }
            var file = form.querySelector("input[type=file]");
            if (!file || !file.files || file.files.length === 0) {
                return;
            }
            event.preventDefault();
            var bar = form.querySelector("progress");
            var status = form.querySelector("[data-progress-status]");
            var button = form.querySelector("button[type=submit]");
            if (bar) {
                bar.hidden = false;
                bar.value = 0;
            }
            if (button) {
                button.disabled = true;
            }
            var request = new XMLHttpRequest();
            request.open("POST", form.action);
            request.upload.addEventListener("progress", function (e) {
                if (e.lengthComputable && bar) {
                    bar.max = e.total;
                    bar.value = e.loaded;
                    if (status) {
                        status.textContent = Math.round(100 * e.loaded / e.total) + "%";
                    }
                }
            });
            request.addEventListener("load", function () {
                // The page the server answered with (after its redirect, if any) replaces this one, under its own address.
                if (request.responseURL && request.responseURL !== window.location.href) {
                    window.history.pushState(null, "", request.responseURL);
                }
                document.open();
                document.write(request.responseText);
                document.close();
            });
            request.addEventListener("error", function () {
                if (button) {
                    button.disabled = false;
                }
                if (status) {
                    status.textContent = form.getAttribute("data-progress-error") || "";
                }
            });
            request.send(new FormData(form));
        });
    });
}());
