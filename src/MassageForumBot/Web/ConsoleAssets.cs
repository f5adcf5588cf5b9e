namespace MassageForumBot.Web;

/// <summary>
/// The console's one style sheet and one script, served from this app ('self' in the CSP) so no page needs inline
/// script or style and nothing is fetched from the internet.
/// </summary>
public static class ConsoleAssets
{
    public const string StylePath = "/assets/console.css";
    public const string ScriptPath = "/assets/console.js";

    public const string Style = """
        :root{color-scheme:light;--ink:#1d1d1f;--muted:#5b5b66;--line:#d9d9e0;--accent:#0b5cad;--ok:#1b7f3b;--warn:#a15c00;--bad:#b3261e;--bg:#f7f7fa}
        *{box-sizing:border-box}
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--ink);background:var(--bg);line-height:1.5}
        header.top{background:#fff;border-bottom:1px solid var(--line);padding:.6rem 1rem;display:flex;gap:1.2rem;align-items:center;flex-wrap:wrap}
        header.top strong{font-size:1.05rem}
        header.top nav a{margin-right:1rem;color:var(--accent);text-decoration:none}
        header.top nav a[aria-current=page]{font-weight:600;text-decoration:underline}
        header.top form{margin-left:auto}
        main{max-width:64rem;margin:1.2rem auto;padding:0 1rem}
        h1{font-size:1.4rem;margin:.4rem 0 1rem}
        h2{font-size:1.1rem;margin:1.6rem 0 .6rem}
        section.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1rem;margin-bottom:1rem}
        textarea{width:100%;min-height:9rem;font:inherit;padding:.5rem;border:1px solid var(--line);border-radius:6px}
        input[type=password],input[type=text],select{font:inherit;padding:.35rem .5rem;border:1px solid var(--line);border-radius:6px}
        button{font:inherit;padding:.4rem .9rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}
        button.secondary{background:#fff;color:var(--accent)}
        button.danger{background:#fff;color:var(--bad);border-color:var(--bad)}
        pre.copyable{white-space:pre-wrap;background:#fbfbfd;border:1px solid var(--line);border-radius:6px;padding:.75rem;font-family:inherit}
        .verdict-yes{color:var(--ok);font-weight:600}
        .verdict-no{color:var(--warn);font-weight:600}
        .muted{color:var(--muted);font-size:.9rem}
        .error{color:var(--bad);font-weight:600}
        table{border-collapse:collapse;width:100%;background:#fff}
        th,td{border-bottom:1px solid var(--line);padding:.45rem .5rem;text-align:left;vertical-align:top;font-size:.93rem}
        th{background:#f0f0f5}
        td form{display:inline-block;margin:0 .25rem .25rem 0}
        dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
        dl.facts dt{color:var(--muted)}
        svg.chart{width:100%;height:auto;background:#fff;border:1px solid var(--line);border-radius:8px}
        .legend span{display:inline-block;margin-right:1rem}
        .swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.3rem;vertical-align:-1px}
        .swatch.replies{background:#0b5cad}.swatch.drafts{background:#8a63d2}.swatch.feedback{background:#e08a00}
        button[data-copied]{background:var(--ok);border-color:var(--ok)}
        .offscreen{position:absolute;left:-9999px;top:0}
        pre#keywords{max-height:24rem;overflow:auto}
        """;

    /// <summary>Copy buttons: data-copy-target names the element whose text is copied. The button then reads "Copied"
    /// and carries data-copied, which the browser tests assert together with the clipboard.</summary>
    public const string Script = """
        "use strict";
        function copyText(text) {
          if (navigator.clipboard && window.isSecureContext) {
            return navigator.clipboard.writeText(text);
          }
          return new Promise(function (resolve, reject) {
            var area = document.createElement("textarea");
            area.value = text;
            area.setAttribute("readonly", "");
            area.className = "offscreen";
            document.body.appendChild(area);
            area.select();
            var ok = document.execCommand("copy");
            document.body.removeChild(area);
            if (ok) { resolve(); } else { reject(new Error("copy refused")); }
          });
        }
        document.addEventListener("click", function (event) {
          var button = event.target.closest("button[data-copy-target]");
          if (!button) { return; }
          var source = document.getElementById(button.getAttribute("data-copy-target"));
          if (!source) { return; }
          copyText(source.textContent).then(function () {
            button.setAttribute("data-copied", "true");
            button.textContent = "Copied";
          }, function () {
            button.textContent = "Copy failed: select the text and copy it by hand";
          });
        });
        """;
}
