using System.Security.Cryptography;
using System.Text;

namespace Arbiter.Security;

/// <summary>
/// Seals secrets kept at rest (webhook signing secrets, the keys that sign session cookies) with
/// AES-256-GCM under the operator's current key, each bound to what it is for, so that a copy of
/// the database alone opens none of them. A sealed value names its key; a value written before
/// sealing existed, or sealed with an older key, is read as it is and sealed again at start.
/// </summary>
internal sealed class SecretBox(SealingKeyRing keys)
{
    private const string Prefix = "sealed2:";

    /// <summary>Sealed before keys were named: whichever key of the ring opens it.</summary>
    private const string UnnamedPrefix = "sealed1:";

    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public SealingKeyRing Keys => keys;

    public static bool IsSealed(string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal) || stored.StartsWith(UnnamedPrefix, StringComparison.Ordinal);

    /// <summary>Whether the value is sealed with the current key, so that sealing it again would change nothing.</summary>
    public bool IsCurrent(string stored) => stored.StartsWith($"{Prefix}{keys.Current.Id}:", StringComparison.Ordinal);

    public string Seal(string secret, string purpose)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + TagBytes + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.Current.Bytes, TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), Encoding.UTF8.GetBytes(purpose));
        return $"{Prefix}{keys.Current.Id}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>The secret; a value stored before sealing existed is its own secret.</summary>
    /// <exception cref="CryptographicException">No key of the ring sealed it, or it was sealed for another purpose, or altered.</exception>
    public string Open(string stored, string purpose)
    {
        if (stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            var separator = stored.IndexOf(':', Prefix.Length);
            var id = separator < 0 ? "" : stored[Prefix.Length..separator];
            var key = keys.Find(id) ?? throw new CryptographicException($"sealed with key {id}, which this node was not given.");
            return Open(key, Convert.FromBase64String(stored[(separator + 1)..]), purpose);
        }

        if (stored.StartsWith(UnnamedPrefix, StringComparison.Ordinal))
        {
            var sealedBytes = Convert.FromBase64String(stored[UnnamedPrefix.Length..]);
            CryptographicException? refused = null;
            foreach (var key in keys.All)
            {
                try
                {
                    return Open(key, sealedBytes, purpose);
                }
                catch (AuthenticationTagMismatchException e)
                {
                    refused = e;
                }
            }

            throw refused!;
        }

        return stored;
    }

    /// <summary>The value sealed with the current key: as it is when it already is, else opened and sealed again.</summary>
    public string Reseal(string stored, string purpose) => IsCurrent(stored) ? stored : Seal(Open(stored, purpose), purpose);

    /// <summary>Writes a new random key, readable by its owner only, as base64.</summary>
    public static void CreateKeyFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(SealingKey.Length)) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string Open(SealingKey key, byte[] sealedBytes, string purpose)
    {
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key.Bytes, TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes), plain, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(plain);
    }
}
