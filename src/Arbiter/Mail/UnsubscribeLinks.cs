using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Arbiter.Mail;

/// <summary>
/// The link in a reminder that turns reminders off: it names the account, protected with the
/// keys every node shares, so only Arbiter can make one and anyone holding the e-mail can use it.
/// </summary>
internal sealed class UnsubscribeLinks(IDataProtectionProvider protection, MailSettings settings)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Arbiter.Mail.Unsubscribe");

    public string UrlFor(string accountId) => $"{settings.PublicUrl.TrimEnd('/')}/mail/unsubscribe?token={Uri.EscapeDataString(_protector.Protect(accountId))}";

    public string? AccountOf(string? token)
    {
        try
        {
            return token is null ? null : _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
