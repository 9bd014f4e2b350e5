using static Epy.Orchestrator.Dashboard.Html;

namespace Epy.Orchestrator.Dashboard;

/// <summary>The page shell every dashboard page shares: head, skip link, header, main.</summary>
public static class Layout
{
    /// <summary>A whole page titled <paramref name="title"/> around <paramref name="main"/>.</summary>
    public static string Page(string title, string main, string mode) => $"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)} · Epy runs</title>
        <link rel="stylesheet" href="{DashboardAssets.Path("dashboard.css")}">
        <script src="{DashboardAssets.Path("dashboard.js")}" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top"><a class="brand" href="/">Epy runs</a><span class="mode">{E(mode)} orchestrator</span></header>
        <main id="main">
        {main}
        </main>
        {ConfirmDialog}
        </body>
        </html>
        """;

    /// <summary>A state as a badge whose text says it (colour is never the only cue).</summary>
    public static string Badge(string state) => $"<span class=\"badge state-{E(state.ToLowerInvariant())}\">{E(state.Replace('_', ' '))}</span>";

    /// <summary>One dialog for every confirmation; dashboard.js fills it from the button that opened it.</summary>
    private const string ConfirmDialog = """
        <dialog id="confirm" aria-labelledby="confirm-title">
        <form method="dialog">
        <h2 id="confirm-title">Confirm</h2>
        <p id="confirm-text"></p>
        <div id="confirm-fields"></div>
        <p class="error" id="confirm-error" role="alert"></p>
        <div class="buttons"><button value="cancel" formnovalidate>Back</button> <button id="confirm-ok" value="ok" class="primary">Confirm</button></div>
        </form>
        </dialog>
        """;
}
