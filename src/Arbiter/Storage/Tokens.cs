using System.Security.Cryptography;

namespace Arbiter.Storage;

/// <summary>Random, URL-safe strings for secrets and for ids nobody should guess.</summary>
internal static class Tokens
{
    public static string New(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
