// Small helpers the Blazor components call through JS interop.
window.omni = {
    copy: async function (text) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // Clipboard API refused (no secure context): fall back to a hidden text area.
            const area = document.createElement("textarea");
            area.value = text;
            area.setAttribute("readonly", "");
            area.style.position = "fixed";
            area.style.opacity = "0";
            document.body.appendChild(area);
            area.select();
            const ok = document.execCommand("copy");
            document.body.removeChild(area);
            return ok;
        }
    },

    // The conversation timeline: stay at the newest message, keep the reader's place when older ones are added above.
    chat: {
        scrollToBottom: function (element) {
            if (element) element.scrollTop = element.scrollHeight;
        },
        isNearBottom: function (element) {
            return !element || element.scrollHeight - element.scrollTop - element.clientHeight < 80;
        },
        height: function (element) {
            return element ? element.scrollHeight : 0;
        },
        keepPlace: function (element, previousHeight) {
            if (element) element.scrollTop += element.scrollHeight - previousHeight;
        },
        // A quote was clicked: bring the quoted message into view and mark it for a moment (if it is on the page).
        showMessage: function (id) {
            const row = document.querySelector('.bubble-row[data-message-id="' + id + '"]');
            if (!row) return;
            row.scrollIntoView({ block: "center", behavior: "smooth" });
            row.classList.add("msg-flash");
            setTimeout(function () { row.classList.remove("msg-flash"); }, 1600);
        },
        // Follows the reader: at the bottom, content that grows later (an image loading) keeps them there; scrolling
        // back down to the newest message while the "new messages" pill shows tells the component to hide it.
        watch: function (element, component) {
            if (!element || element.dataset.omniWatched) return;
            element.dataset.omniWatched = "1";
            const near = () => element.scrollHeight - element.scrollTop - element.clientHeight < 80;
            let pinned = near();
            element.addEventListener("scroll", function () {
                pinned = near();
                if (pinned && element.dataset.newBelow === "true") component.invokeMethodAsync("ReachedBottom");
            }, { passive: true });
            element.addEventListener("load", function () {
                if (pinned) element.scrollTop = element.scrollHeight;
            }, true);
        }
    },

    // The composer's keys: Enter sends (Shift+Enter is a new line); while the quick-reply list is open the arrows,
    // Tab and Escape move in it instead of the text. The C# handler decides what to do; this only stops the
    // browser's own reaction, which Blazor cannot do conditionally.
    composer: {
        attach: function (textarea) {
            if (!textarea || textarea.dataset.omniComposer) return;
            textarea.dataset.omniComposer = "1";
            textarea.addEventListener("keydown", function (e) {
                if (e.isComposing) return;
                const menuOpen = textarea.dataset.menuOpen === "true";
                if (e.key === "Enter" && !e.shiftKey) e.preventDefault();
                else if (menuOpen && (e.key === "ArrowUp" || e.key === "ArrowDown" || e.key === "Tab" || e.key === "Escape")) e.preventDefault();
            });
        },
        focus: function (textarea) {
            if (!textarea) return;
            textarea.focus();
            const end = textarea.value.length;
            textarea.setSelectionRange(end, end);
        }
    }
};
