using MimeKit;

namespace Arbiter.Mail;

/// <summary>
/// What an account's e-mail address may be: one address (an RFC 5322 addr-spec) and nothing else:
/// no display name, no second address, no header break, a domain with a dot and labels that can
/// exist. Checked when the address comes in, so that a message for it can always be written.
/// </summary>
internal static class EmailAddresses
{
    public const int MaxLength = 254;

    private static readonly ParserOptions Strict = new() { AddressParserComplianceMode = RfcComplianceMode.Strict, AllowAddressesWithoutDomain = false };

    public static bool IsValid(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || text.Any(char.IsControl)
            || !MailboxAddress.TryParse(Strict, text, out var mailbox) || mailbox.Name?.Length > 0 || mailbox.Route.Count > 0 || mailbox.Address != text)
        {
            return false;
        }

        var domain = mailbox.Domain;
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('[')
            && domain.Split('.').All(label => label.Length is > 0 and <= 63 && !label.StartsWith('-') && !label.EndsWith('-'));
    }
}
