namespace Arbiter.Hosting;

/// <summary>The landing page: where to go from here.</summary>
internal static class HomePage
{
    public const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Arbiter</title>
        <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style>
        </head><body>
        <h1>Arbiter</h1>
        <p>Buyer protection and disputes for marketplaces: escrow, protection timers, disputes, mediation and refunds.</p>
        <ul>
        <li><a href="/docs">API reference</a> (try requests with the tokens printed at start-up)</li>
        <li><a href="/openapi/v1.json">OpenAPI document</a></li>
        <li><a href="/health">Health</a></li>
        </ul>
        </body></html>
        """;
}
