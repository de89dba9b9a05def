using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Arbiter.Security;

/// <summary>One key that seals secrets at rest, named by a short fingerprint so that a sealed value says which key it needs.</summary>
internal sealed record SealingKey(string Id, byte[] Bytes)
{
    public const int Length = 32;

    public static SealingKey Of(byte[] bytes) => new(Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 4)), bytes);

    /// <summary>A key as written in a file or an environment variable: 32 bytes in base64; null when it is not one.</summary>
    public static SealingKey? Parse(string text)
    {
        try
        {
            var bytes = Convert.FromBase64String(text.Trim());
            return bytes.Length == Length ? Of(bytes) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The key a certificate stands for: its RSA private key signs a fixed text (PKCS #1 v1.5
    /// signatures are deterministic), and HKDF turns the signature into the key, so only the
    /// holder of the private key has it, also where the key cannot leave a store or a token.
    /// </summary>
    public static SealingKey FromCertificate(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPrivateKey()
            ?? throw new CryptographicException($"the certificate {certificate.Subject} has no RSA private key.");
        var signature = rsa.SignData(Encoding.UTF8.GetBytes("arbiter sealing key v1"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return Of(HKDF.DeriveKey(HashAlgorithmName.SHA256, signature, Length, info: Encoding.UTF8.GetBytes("arbiter secrets at rest")));
    }
}

/// <summary>
/// The keys a node seals and opens with: it seals with <see cref="Current"/> only, and opens what
/// any of them sealed, so that the key can change in place: values sealed with an older key are
/// sealed again with the current one at start.
/// </summary>
internal sealed record SealingKeyRing(SealingKey Current, IReadOnlyList<SealingKey> Older)
{
    public SealingKeyRing(SealingKey current)
        : this(current, [])
    {
    }

    public IEnumerable<SealingKey> All => Older.Prepend(Current);

    /// <summary>The ring from every key given, first the current one; a key given twice counts once.</summary>
    public static SealingKeyRing Of(IEnumerable<SealingKey> keys)
    {
        var distinct = keys.DistinctBy(k => k.Id).ToArray();
        return new(distinct[0], distinct[1..]);
    }

    public SealingKey? Find(string id) => All.FirstOrDefault(k => k.Id == id);
}
