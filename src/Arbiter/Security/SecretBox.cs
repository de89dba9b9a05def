using System.Security.Cryptography;
using System.Text;

namespace Arbiter.Security;

/// <summary>
/// Seals secrets kept at rest (webhook signing secrets, the keys that sign session cookies) with
/// AES-256-GCM under the operator's key, each bound to what it is for, so that a copy of the
/// database alone opens none of them. A value written before sealing existed is read as it is and
/// sealed at the next start.
/// </summary>
internal sealed class SecretBox(byte[] key)
{
    public const int KeyBytes = 32;

    private const string Prefix = "sealed1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public static bool IsSealed(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Seal(string secret, string purpose)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), Encoding.UTF8.GetBytes(purpose));
        return Prefix + Convert.ToBase64String(sealedBytes);
    }

    /// <exception cref="CryptographicException">The value was sealed under another key, or for another purpose, or altered.</exception>
    public string Open(string stored, string purpose)
    {
        if (!IsSealed(stored))
        {
            return stored;
        }

        var sealedBytes = Convert.FromBase64String(stored[Prefix.Length..]);
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Writes a new random key, readable by its owner only, as base64.</summary>
    public static void CreateKeyFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>A key as written in a file or an environment variable: 32 bytes in base64; null when it is not one.</summary>
    public static byte[]? ParseKey(string text)
    {
        try
        {
            var bytes = Convert.FromBase64String(text.Trim());
            return bytes.Length == KeyBytes ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
