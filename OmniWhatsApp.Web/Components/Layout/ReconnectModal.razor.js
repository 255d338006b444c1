// blazor.web.js reports the circuit's connection on the dialog; this shows and hides it and wires its buttons.
const modal = document.getElementById("components-reconnect-modal");

modal.addEventListener("components-reconnect-state-changed", event => {
    switch (event.detail.state) {
        case "show": modal.showModal(); break;
        case "hide": modal.close(); break;
        // Out of automatic attempts: try again as soon as the person comes back to the tab.
        case "failed": document.addEventListener("visibilitychange", retryWhenVisible); break;
        // The server no longer knows this page's circuit: only a fresh page helps.
        case "rejected": location.reload(); break;
    }
});

document.getElementById("components-reconnect-button").addEventListener("click", retry);
document.getElementById("components-resume-button").addEventListener("click", resume);

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenVisible);
    try {
        // true: reconnected; false: the server answered but has lost the circuit; throws: the server is unreachable.
        if (await Blazor.reconnect()) return;
        if (await Blazor.resumeCircuit()) modal.close();
        else location.reload();
    } catch {
        document.addEventListener("visibilitychange", retryWhenVisible);
    }
}

async function resume() {
    try {
        if (!await Blazor.resumeCircuit()) location.reload();
    } catch {
        modal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenVisible() {
    if (document.visibilityState === "visible") await retry();
}
