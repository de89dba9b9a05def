using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Arbiter.Security;

/// <summary>
/// Where the operator's sealing keys come from: certificates, then <c>ARBITER_SECRETS_KEY</c>,
/// then a key file, each of which may give several keys. The first key found seals; every other
/// one only opens what it sealed before, which is how a key is changed in place.
/// </summary>
internal static class SealingKeySources
{
    public const string KeyVariable = "ARBITER_SECRETS_KEY";
    public const string CertificatePasswordVariable = "ARBITER_SECRETS_CERTIFICATE_PASSWORD";

    private const string Hint = "32 random bytes in base64, e.g. from: openssl rand -base64 32";

    /// <summary>The ring, or why there is none.</summary>
    /// <param name="certificates">Certificate files (PEM with the private key, or PKCS #12) whose RSA keys stand for sealing keys.</param>
    /// <param name="keyFile">The operator's key file: one key a line, the current one first.</param>
    /// <param name="generatedKeyFile">With SQLite, the file in the data folder made at the first start when nothing else is given; once something else is, it only opens what it sealed.</param>
    public static (SealingKeyRing? Ring, string? Error) Load(IReadOnlyList<string> certificates, string? keyFile, string? generatedKeyFile)
    {
        var keys = new List<SealingKey>();
        foreach (var certificate in certificates)
        {
            try
            {
                using var loaded = LoadCertificate(certificate);
                keys.Add(SealingKey.FromCertificate(loaded));
            }
            catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
            {
                return (null, $"--secrets-certificate {certificate} cannot seal secrets: {e.Message}");
            }
        }

        if (Environment.GetEnvironmentVariable(KeyVariable) is { Length: > 0 } fromEnvironment)
        {
            if (Parse(fromEnvironment) is not { } parsed)
            {
                return (null, $"{KeyVariable} must hold keys of {Hint}, separated by spaces or new lines.");
            }

            keys.AddRange(parsed);
        }

        if (keyFile is not null)
        {
            if (!File.Exists(keyFile) || Parse(File.ReadAllText(keyFile)) is not { } parsed)
            {
                return (null, $"--secrets-key-file {keyFile} must exist and hold keys of {Hint}, one a line, the current one first.");
            }

            keys.AddRange(parsed);
        }

        if (generatedKeyFile is not null)
        {
            if (keys.Count == 0 && !File.Exists(generatedKeyFile))
            {
                SecretBox.CreateKeyFile(generatedKeyFile);
            }

            if (File.Exists(generatedKeyFile) && Parse(File.ReadAllText(generatedKeyFile)) is { } generated)
            {
                keys.AddRange(generated);
            }
        }

        return keys.Count > 0
            ? (SealingKeyRing.Of(keys), null)
            : (null, $"--db postgres needs the key that seals secrets at rest, shared by every node: --secrets-key-file FILE, {KeyVariable} ({Hint}) or --secrets-certificate FILE.");
    }

    /// <summary>Every key in the text, or null when one of its words is not a key.</summary>
    private static List<SealingKey>? Parse(string text)
    {
        var keys = new List<SealingKey>();
        foreach (var word in text.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (SealingKey.Parse(word) is not { } key)
            {
                return null;
            }

            keys.Add(key);
        }

        return keys.Count > 0 ? keys : null;
    }

    private static X509Certificate2 LoadCertificate(string path)
    {
        var password = Environment.GetEnvironmentVariable(CertificatePasswordVariable);
        if (Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12")
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }

        return password is null ? X509Certificate2.CreateFromPemFile(path) : X509Certificate2.CreateFromEncryptedPemFile(path, password);
    }
}
