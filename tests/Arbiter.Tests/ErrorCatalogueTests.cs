using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Arbiter.Domain.Common;
using Arbiter.Testing;

namespace Arbiter.Tests;

/// <summary>
/// <c>docs/errors.md</c> is the error-code catalogue: every <see cref="ErrorCode"/> with the HTTP
/// status it is answered with and what it means. The meanings are the codes' own XML comments; the
/// statuses are read off the source, where each code is refused with a kind (<c>DomainError.Conflict</c>
/// is 409) or a status (<c>StatusCodes.Status429TooManyRequests</c>). This test fails when the page
/// and the code differ, or when a code has no meaning or no status to be found; run it with
/// <c>ARBITER_WRITE_DOCS=1</c> to write the page afresh.
/// </summary>
public sealed partial class ErrorCatalogueTests
{
    private static readonly string PagePath = Path.Combine(Repository.Root, "docs", "errors.md");

    private static readonly Dictionary<string, int> Kinds = new()
    {
        ["Invalid"] = 422,
        ["Conflict"] = 409,
        ["Forbidden"] = 403,
        ["NotFound"] = 404,
    };

    [Fact]
    public void The_error_page_lists_every_code_with_its_status_and_meaning()
    {
        var meanings = Meanings();
        var statuses = Statuses();
        var codes = Enum.GetValues<ErrorCode>();
        var unsaid = codes.Where(c => !meanings.ContainsKey(c) || !statuses.ContainsKey(c)).ToList();
        Assert.True(unsaid.Count == 0, $"Without a meaning (an XML comment) or a status found in the source: {string.Join(", ", unsaid)}");

        var rendered = Render(codes, meanings, statuses);
        if (Environment.GetEnvironmentVariable("ARBITER_WRITE_DOCS") == "1")
        {
            File.WriteAllText(PagePath, rendered);
        }

        Assert.True(File.Exists(PagePath) && File.ReadAllText(PagePath) == rendered, "docs/errors.md is not the catalogue: run this test with ARBITER_WRITE_DOCS=1 and commit the page.");
    }

    [Fact]
    public void A_code_refused_with_a_kind_has_that_kinds_status_and_a_choice_between_statuses_pairs_them_in_order()
    {
        var statuses = Statuses();
        Assert.Equal([409], statuses[ErrorCode.AccountExists]);
        Assert.Equal([422], statuses[ErrorCode.UnknownBuyer]);
        Assert.Equal([413], statuses[ErrorCode.PayloadTooLarge]);
        Assert.Equal([400], statuses[ErrorCode.InvalidRequest]);
        Assert.Equal([405], statuses[ErrorCode.MethodNotAllowed]);
        Assert.Equal([0], statuses[ErrorCode.HttpError]);
    }

    private static string Render(IEnumerable<ErrorCode> codes, Dictionary<ErrorCode, string> meanings, Dictionary<ErrorCode, SortedSet<int>> statuses)
    {
        var page = new StringBuilder();
        page.AppendLine("""
            # Error codes

            Every refusal is RFC 9457 problem details (`application/problem+json`) with a stable `code`.
            Branch on `code`, never on `detail`: codes keep their meaning and are never renamed, while
            `detail` is a sentence for people that may change (its figures are in minor units). Give the
            operators the `traceId` when asking about a failure. The status says who must act: 400 and
            422 the request itself is wrong, 401 no valid token, 403 the role may never do this, 404 there
            is nothing with that id for the caller (what belongs to someone else is not found either), 409
            the request is fine but the state forbids it now (`allowedActions` on the order or dispute says
            what is allowed), 413 and 415 the body, 429 wait the seconds `Retry-After` gives, 500 retry with
            the same `Idempotency-Key`.

            Generated from `ErrorCode` (`src/Arbiter.Domain/Common/ErrorCode.cs`), whose comments give the
            meanings, and from where the source refuses with each code; a test keeps this page true.

            | code | status | meaning |
            |---|---|---|
            """);
        foreach (var code in codes.OrderBy(Words.Of, StringComparer.Ordinal))
        {
            var status = string.Join(", ", statuses[code].Select(s => s == 0 ? "the failure's own" : s.ToString(CultureInfo.InvariantCulture)));
            page.AppendLine(CultureInfo.InvariantCulture, $"| `{Words.Of(code)}` | {status} | {meanings[code]} |");
        }

        return page.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>Each code's summary from the domain's XML documentation, with <c>&lt;c&gt;</c> as Markdown code.</summary>
    private static Dictionary<ErrorCode, string> Meanings()
    {
        var prefix = $"F:{typeof(ErrorCode).FullName}.";
        var documentation = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "Arbiter.Domain.xml"));
        return documentation.Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith(prefix, StringComparison.Ordinal) == true)
            .ToDictionary(
                m => Enum.Parse<ErrorCode>(((string)m.Attribute("name")!)[prefix.Length..]),
                m => Spaces().Replace(string.Concat(m.Element("summary")!.Nodes().Select(n => n is XElement { Name.LocalName: "c" } c ? $"`{c.Value}`" : n.ToString())), " ").Trim());
    }

    /// <summary>
    /// The statuses each code is answered with, from the source. In each statement naming codes
    /// (strings left out), a status is a refusal's kind or a <c>StatusCodes</c> constant; a switch arm
    /// names its code's status, and <c>_ =&gt;</c> (0 here) is the failure's own. With as many statuses as
    /// codes the two pair in order (a choice between two refusals); otherwise each code takes the
    /// nearest status before it.
    /// </summary>
    private static Dictionary<ErrorCode, SortedSet<int>> Statuses()
    {
        var found = new Dictionary<ErrorCode, SortedSet<int>>();
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var statement in sources.SelectMany(f => Strings().Replace(File.ReadAllText(f), "\"\"").Split(';')))
        {
            var codes = Codes().Matches(statement).Where(m => Enum.TryParse<ErrorCode>(m.Groups["code"].Value, out _)).ToList();
            var tokens = StatusTokens().Matches(statement)
                .Select(m => (m.Index, Status: m.Groups["kind"].Success ? Kinds[m.Groups["kind"].Value] : int.Parse(m.Groups["status"].Value, CultureInfo.InvariantCulture)))
                .ToList();
            var arms = Arms().Matches(statement).ToDictionary(m => m.Groups["code"].Index, m => m.Groups["status"].Success ? int.Parse(m.Groups["status"].Value, CultureInfo.InvariantCulture) : 0);
            if (tokens.Count == 0 && arms.Count == 0)
            {
                continue;
            }

            for (var i = 0; i < codes.Count; i++)
            {
                var code = codes[i].Groups["code"];
                int? status = arms.TryGetValue(code.Index, out var arm) ? arm
                    : arms.Count == 0 && tokens.Count == codes.Count ? tokens[i].Status
                    : tokens.Where(t => t.Index < code.Index).Select(t => (int?)t.Status).LastOrDefault();
                if (status is { } s)
                {
                    var value = Enum.Parse<ErrorCode>(code.Value);
                    found.TryAdd(value, []);
                    found[value].Add(s);
                }
            }
        }

        return found;
    }

    [GeneratedRegex("""\$?@?"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)'""")]
    private static partial Regex Strings();

    [GeneratedRegex(@"ErrorCode\.(?<code>[A-Z]\w*)")]
    private static partial Regex Codes();

    [GeneratedRegex(@"\b(?<kind>Invalid|Conflict|Forbidden|NotFound)\(|StatusCodes\.Status(?<status>\d{3})")]
    private static partial Regex StatusTokens();

    [GeneratedRegex(@"(?:StatusCodes\.Status(?<status>\d{3})\w*|\b_)\s*=>\s*ErrorCode\.(?<code>[A-Z]\w*)")]
    private static partial Regex Arms();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
