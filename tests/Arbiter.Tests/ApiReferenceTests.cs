using System.Text.Json;
using System.Text.Json.Nodes;
using Arbiter.Testing;
using Arbiter.Tests.Support;

namespace Arbiter.Tests;

/// <summary>
/// The OpenAPI document an integrator reads: <c>docs/openapi.json</c> is what the service publishes
/// (run with <c>ARBITER_WRITE_DOCS=1</c> to write it afresh), it passes Redocly's recommended rules
/// without an error and Spectral's <c>spectral:oas</c> without a warning (both from npm, <c>tests/npm</c>, installed by
/// <c>scripts/install-test-deps.sh</c>), and the typed client the tests drive is generated from it.
/// </summary>
public sealed class ApiReferenceTests() : MarketplaceTest(Backend.Sqlite)
{
    private static readonly string DocumentPath = Path.Combine(Repository.Root, "docs", "openapi.json");
    private static readonly string Linters = Path.Combine(Repository.Root, "tests", "npm");

    [Fact]
    public async Task The_committed_document_is_the_one_the_service_publishes()
    {
        var published = await PublishedAsync();
        if (Environment.GetEnvironmentVariable("ARBITER_WRITE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(DocumentPath, published, TestContext.Current.CancellationToken);
        }

        Assert.True(
            File.Exists(DocumentPath) && await File.ReadAllTextAsync(DocumentPath, TestContext.Current.CancellationToken) == published,
            "docs/openapi.json is not the document the service publishes: run this test with ARBITER_WRITE_DOCS=1 and commit it.");
    }

    [Fact]
    public async Task Redocly_recommended_rules_find_nothing_but_the_missing_licence()
    {
        var (exit, output) = await RunAsync("redocly", "lint", DocumentPath, "--config", Path.Combine(Linters, "redocly.yaml"), "--format=json");
        var report = Json(output, '{')!;
        // The repository names no licence yet, so the document cannot; everything else, examples against their schemas included, is clean.
        var problems = report["problems"]!.AsArray().Select(p => p!["ruleId"]!.GetValue<string>()).Where(rule => rule != "info-license").ToList();
        Assert.True(report["totals"]!["errors"]!.GetValue<int>() == 0 && exit == 0 && problems.Count == 0, output);
    }

    [Fact]
    public async Task Spectral_oas_rules_find_no_warning()
    {
        var (_, output) = await RunAsync("spectral", "lint", DocumentPath, "--ruleset", Path.Combine(Linters, ".spectral.yaml"), "--format", "json", "--quiet");
        var found = Json(output, '[')?.AsArray() ?? [];
        // Severity 0 is an error, 1 a warning; 2 and 3 are information and hints.
        var warnings = found.Where(f => f!["severity"]!.GetValue<int>() <= 1).Select(f => $"{f!["code"]} at {f["path"]!.ToJsonString()}: {f["message"]}").ToList();
        Assert.True(warnings.Count == 0, string.Join('\n', warnings));
    }

    [Fact]
    public async Task Every_operation_and_request_field_is_said_as_a_client_generator_needs()
    {
        var document = JsonNode.Parse(await PublishedAsync())!;
        var operations = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Select(o => o.Value!)).ToList();
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace(o["description"]?.GetValue<string>())));
        Assert.Equal(operations.Count, operations.Select(o => o["operationId"]!.GetValue<string>()).Distinct().Count());

        var schemas = document["components"]!["schemas"]!.AsObject();
        var text = document.ToJsonString();
        Assert.DoesNotContain("\"integer\",\"string\"", text, StringComparison.Ordinal);
        Assert.All(schemas.Where(s => s.Value!["enum"] is not null), s => Assert.DoesNotContain(s.Value!["enum"]!.AsArray(), v => v is null));
        var nullableRequestFields = schemas
            .Where(s => s.Key.EndsWith("Request", StringComparison.Ordinal) || s.Key.EndsWith("Body", StringComparison.Ordinal))
            .SelectMany(s => (s.Value!["properties"]?.AsObject() ?? []).Where(p => p.Value!.ToJsonString().Contains("\"null\"", StringComparison.Ordinal)).Select(p => $"{s.Key}.{p.Key}"))
            .ToList();
        Assert.Empty(nullableRequestFields);
        Assert.Contains("invalid_assignee", schemas["ProblemDetails"]!["properties"]!["code"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["buyer", "seller", "mediator"], schemas["CreateAccountRequest"]!["properties"]!["role"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task Every_schema_and_field_says_what_it_is_and_every_request_shows_an_example()
    {
        var schemas = JsonNode.Parse(await PublishedAsync())!["components"]!["schemas"]!.AsObject();
        var undescribed = schemas.Where(s => string.IsNullOrWhiteSpace(s.Value!["description"]?.GetValue<string>())).Select(s => s.Key)
            .Concat(schemas.SelectMany(s => (s.Value!["properties"]?.AsObject() ?? [])
                .Where(p => string.IsNullOrWhiteSpace(p.Value!["description"]?.GetValue<string>()))
                .Select(p => $"{s.Key}.{p.Key}")))
            .ToList();
        Assert.Empty(undescribed);

        var requests = schemas.Where(s => s.Key.EndsWith("Request", StringComparison.Ordinal) || s.Key.EndsWith("Body", StringComparison.Ordinal)).ToList();
        Assert.All(requests, s => Assert.True(s.Value!["examples"]?.AsArray().Count > 0, $"{s.Key} has no example"));
        var problem = schemas["ProblemDetails"]!;
        Assert.Contains(problem["examples"]![0]!["code"]!.GetValue<string>(), problem["properties"]!["code"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()));

        Assert.Equal("#/components/schemas/DisputeAction", schemas["DisputeView"]!["properties"]!["allowedActions"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/OrderAction", schemas["OrderView"]!["properties"]!["allowedActions"]!["items"]!["$ref"]!.GetValue<string>());
        Assert.Contains("accept_offer", schemas["DisputeAction"]!["enum"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("confirm_receipt", schemas["OrderAction"]!["enum"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    /// <summary>The document as the service publishes it, naming the demo's address as its server (the test server's is its own).</summary>
    private async Task<string> PublishedAsync()
    {
        var document = JsonNode.Parse(await Host.Client("none").GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!.AsObject();
        document["servers"] = new JsonArray(new JsonObject { ["url"] = "http://127.0.0.1:5080", ["description"] = "The demo (serve --demo); a service elsewhere publishes its own address" });
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>A linter's JSON report, from where it starts (a banner may come first); null when there is none.</summary>
    private static JsonNode? Json(string output, char start) =>
        output.IndexOf(start, StringComparison.Ordinal) is var at and >= 0 ? JsonNode.Parse(output[at..]) : null;

    private static async Task<(int Exit, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var executable = Path.Combine(Linters, "node_modules", ".bin", tool);
        Assert.True(File.Exists(executable), $"{tool} is not installed: run scripts/install-test-deps.sh");
        var run = await Processes.RunAsync(
            executable,
            arguments,
            workingDirectory: Linters,
            environment: new Dictionary<string, string> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" });
        return (run.Exit, run.Output.Length > 0 ? run.Output : run.Errors);
    }
}
