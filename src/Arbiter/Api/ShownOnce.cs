namespace Arbiter.Api;

/// <summary>
/// Fields of a response that carry a live secret (a new account token, a sign-in link, a webhook
/// secret): shown in the answer that made them and never stored, so a replay of the request under
/// the same Idempotency-Key answers with them withheld.
/// </summary>
internal static class ShownOnce
{
    public const string ReplayHeader = "Idempotent-Secret-Withheld";

    private const string Key = "arbiter.shown-once";

    public static void Mark(HttpContext context, params string[] fields) => context.Items[Key] = fields;

    public static IReadOnlyList<string> Fields(HttpContext context) => context.Items[Key] as string[] ?? [];
}
