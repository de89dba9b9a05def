using System.Xml.Linq;
using Dapper;
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

    public void StoreElement(XElement element, string friendlyName) =>
        db.WriteAsync((connection, tx) => connection.ExecuteAsync(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@friendlyName, @xml) ON CONFLICT (name) DO NOTHING",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) },
            tx)).GetAwaiter().GetResult();
}
