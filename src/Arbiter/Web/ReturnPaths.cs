namespace Arbiter.Web;

/// <summary>
/// Where a sign-in may send someone afterwards: a path on this service, written in plain ASCII
/// (a Location header carries nothing else), never another site (<c>//evil</c>, <c>/\evil</c>).
/// </summary>
internal static class ReturnPaths
{
    public const int MaxLength = 2000;

    public static bool IsSafe(string? path) =>
        path is { Length: > 0 and <= MaxLength } && path[0] == '/' && !path.StartsWith("//", StringComparison.Ordinal)
        && path.All(c => c is > ' ' and <= '~' and not '\\');

    /// <summary>The path asked for when it is safe, else the start page.</summary>
    public static string OrHome(string? path) => IsSafe(path) ? path! : "/";
}
