using System.Xml.Linq;
using Dapper;
using Arbiter.Security;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Arbiter.Storage;

/// <summary>
/// The keys that encrypt session cookies and anti-forgery tokens, kept in the database: a cookie
/// issued by one node opens on every other, and survives restarts.
/// </summary>
/// <remarks>The interface is synchronous; ASP.NET Core reads it at start and when keys roll, rarely.</remarks>
internal sealed class DataProtectionKeys(Database db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY name").Select(XElement.Parse)];
    }

    /// <summary>Seals again with the current key every key sealed with an older one; run at start, before the ring is read.</summary>
    public Task ResealAsync(SecretBox box) => db.WriteAsync(async (connection, tx) =>
    {
        foreach (var (name, xml) in await connection.QueryAsync<(string Name, string Xml)>("SELECT name, xml FROM data_protection_keys", transaction: tx))
        {
            var element = XElement.Parse(xml);
            var stale = element.Descendants(SealedXmlEncryptor.Element).Where(e => !box.IsCurrent(e.Value)).ToList();
            stale.ForEach(e => e.Value = box.Reseal(e.Value, SealedXmlEncryptor.Purpose));
            if (stale.Count > 0)
            {
                await connection.ExecuteAsync(
                    "UPDATE data_protection_keys SET xml = @xml WHERE name = @name",
                    new { name, xml = element.ToString(SaveOptions.DisableFormatting) },
                    tx);
            }
        }

        return true;
    });

    public void StoreElement(XElement element, string friendlyName) =>
        db.WriteAsync((connection, tx) => connection.ExecuteAsync(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@friendlyName, @xml) ON CONFLICT (name) DO NOTHING",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) },
            tx)).GetAwaiter().GetResult();
}
