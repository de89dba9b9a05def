using System.Globalization;
using System.Text;

namespace Arbiter.Api.OpenApi;

/// <summary>An operation's id from its method and route, stable while the route is: <c>POST api/v1/disputes/{id}/hand-over</c> is <c>postDisputesByIdHandOver</c>.</summary>
internal static class OperationIds
{
    public static string Of(string method, string route)
    {
        var id = new StringBuilder(method.ToLowerInvariant());
        foreach (var segment in route.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).SkipWhile(s => s is "api" or "v1"))
        {
            var parameter = segment.StartsWith('{');
            id.Append(parameter ? "By" : "");
            foreach (var word in segment.Trim('{', '}').Split('-'))
            {
                id.Append(char.ToUpper(word[0], CultureInfo.InvariantCulture)).Append(word.AsSpan(1));
            }
        }

        return id.ToString();
    }
}
