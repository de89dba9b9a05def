using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Arbiter.Security;

/// <summary>Seals the data-protection key ring (which signs session cookies and form tokens) before it is stored.</summary>
internal sealed class SealedXmlEncryptor(SecretBox box) : IXmlEncryptor
{
    public const string Purpose = "data-protection-key";

    /// <summary>The element that holds a sealed key, inside the key manager's own.</summary>
    public const string Element = "sealed";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement(Element, box.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose)), typeof(SealedXmlDecryptor));
}

/// <summary>Opens a key sealed by <see cref="SealedXmlEncryptor"/>; made by the key manager, which hands it the services.</summary>
internal sealed class SealedXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<SecretBox>().Open(encryptedElement.Value, SealedXmlEncryptor.Purpose));
}
