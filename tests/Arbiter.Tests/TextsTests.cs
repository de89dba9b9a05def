using System.Collections;
using System.Globalization;
using System.Text.RegularExpressions;
using Arbiter.Domain;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using Arbiter.Testing;
using Arbiter.Web.Localization;

namespace Arbiter.Tests;

/// <summary>
/// The words of the pages and e-mail: every sentence in English, Russian and Chinese with the same
/// placeholders and each language's plural forms; every key the code names, and every status,
/// reason, warning, history entry and e-mail, has its sentence.
/// </summary>
public sealed partial class TextsTests
{
    private static readonly Dictionary<string, string> English = In("en");

    /// <summary>Sentences that read the same in every language: the product's name, formats made of placeholders, and brands (in Russian).</summary>
    private static readonly HashSet<string> SameInEveryLanguage = ["Role.Clock", "Who.Clock", "PaymentMethod.paypal", "PaymentMethod.alipay", "PaymentMethod.wechat_pay"];

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"\{[a-z0-9]+\}")]
    private static partial Regex Placeholder();

    /// <summary>A sentence key the code names literally: <c>W["Order.Title"</c>, <c>W.Count("Offer.Wait"</c>, <c>this["Refund.Sent"</c>.</summary>
    [GeneratedRegex(@"(?:\bW|\bw|\bthis|\bwords)(?:\.Count|\.Html)?[\[(]\s*([^\],]*)")]
    private static partial Regex KeyUse();

    /// <summary>A sentence with its fallback: <c>Either($"Reason.{reason}", "Reason.Other")</c>.</summary>
    [GeneratedRegex(@"\bEither\(([^;]*)\)")]
    private static partial Regex FallbackUse();

    [GeneratedRegex(@"""([A-Z][A-Za-z]+\.[A-Za-z.]+)""")]
    private static partial Regex KeyLiteral();

    [Theory]
    [InlineData("ru", 3)]
    [InlineData("zh-Hans", 1)]
    public void Every_sentence_is_in_every_language_with_the_same_placeholders_and_its_plural_forms(string language, int pluralForms)
    {
        var translated = In(language);

        Assert.Empty(English.Keys.Except(translated.Keys));
        Assert.Empty(translated.Keys.Except(English.Keys));
        foreach (var (key, english) in English)
        {
            Assert.False(string.IsNullOrWhiteSpace(translated[key]), $"{language} {key} is empty");
            Assert.True(
                Placeholder().Matches(english).Select(m => m.Value).ToHashSet().SetEquals(Placeholder().Matches(translated[key]).Select(m => m.Value)),
                $"{language} {key} has other placeholders than English: {translated[key]}");
            Assert.False(
                translated[key] == english && LatinWord().IsMatch(Placeholder().Replace(english, "")) && !SameInEveryLanguage.Contains(key),
                $"{language} {key} is still English: {english}");
            if (english.Contains('|', StringComparison.Ordinal))
            {
                Assert.Equal(2, english.Split('|').Length);
                Assert.True(translated[key].Split('|').Length == pluralForms, $"{language} {key} needs {pluralForms} plural forms: {translated[key]}");
            }
        }
    }

    [Fact]
    public void Every_key_the_pages_and_mail_name_has_its_sentence()
    {
        var named = NamedKeys();

        Assert.True(named.Count > 300, $"only {named.Count} keys found: has the way pages name sentences changed?");
        var missing = named.Where(k => !English.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"no sentence for {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_word_the_pages_make_from_data_has_its_sentence()
    {
        var missing = MadeKeys().Where(k => !English.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, $"no sentence for {string.Join(", ", missing)}");
    }

    [Fact]
    public void No_sentence_is_left_that_nothing_says()
    {
        var said = NamedKeys().Concat(MadeKeys()).Append("Error.Other").ToHashSet();
        var unused = English.Keys.Where(k => !said.Contains(k) && !k.StartsWith("Error.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unused.Count == 0, $"sentences nothing says: {string.Join(", ", unused)}");
    }

    /// <summary>The keys the code names literally, in the pages, their models and the e-mail.</summary>
    private static HashSet<string> NamedKeys() =>
        new[] { "Web", "Mail" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Arbiter", folder), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .SelectMany(text => KeyUse().Matches(text).Concat(FallbackUse().Matches(text)))
            .SelectMany(use => KeyLiteral().Matches(use.Groups[1].Value).Select(k => k.Groups[1].Value))
            .ToHashSet();

    /// <summary>The keys the pages and e-mail make from data: a status, a reason, an event's type.</summary>
    private static string[] MadeKeys() =>
        [
            .. Words<Role>(), .. Words<OrderStatus>(), .. Words<DisputeStatus>(), .. Words<EscalationStatus>(), .. Words<OfferStatus>(),
            .. Words<OfferType>(), .. Words<DecidedBy>(), .. Words<Party>(), .. Words<Web.EvidenceKind>(), .. Words<Web.DisputeStep>(), .. Words<Web.StepState>(),
            .. Enum.GetValues<DeadlineKind>().Select(k => $"Deadline.{k}"),
            .. Enum.GetValues<HistoryAction>().Select(a => $"History.{Domain.Common.Words.Of(a)}"),
            .. Reasons.NotReceived.Concat(Reasons.Received).Select(r => $"Reason.{r}"),
            .. new[] { MessageScreening.CancelDispute, MessageScreening.OutsidePayment, MessageScreening.EarlyConfirmation, MessageScreening.ReviewTrade }.Select(w => $"Warning.{w}"),
            .. Mail.MailTemplates.ByType.Keys.SelectMany(type => new[] { $"Mail.{type}.Subject", $"Mail.{type}.Body" }),
            .. Mail.MailTemplates.ByType.Where(t => t.Value.TellsAssignee).SelectMany(t => new[] { $"Mail.{t.Key}.Mediator.Subject", $"Mail.{t.Key}.Mediator.Body" }),
            .. new[] { "404", "400", "413", "429", "Other" }.SelectMany(page => new[] { $"Status.{page}.Title", $"Status.{page}.Text" }),
            .. new[] { "Days", "Hours", "Minutes", "Seconds" }.SelectMany(unit => new[] { $"Time.In.{unit}", $"Time.Ago.{unit}" }),
            .. Web.Pages.OrdersModel.Filters.Select(f => $"Orders.Filter.{f}"),
            .. Web.Localization.Wording.PaymentMethods.Select(m => $"PaymentMethod.{m}"),
        ];

    [Fact]
    public void Every_refusal_a_person_can_meet_on_a_page_has_its_sentence()
    {
        // Refusals only the platform's own calls meet (accounts and their erasure, webhooks, bad requests, the clock and paging).
        ErrorCode[] apiOnly =
        [
            ErrorCode.AccountErased, ErrorCode.AccountExists, ErrorCode.AccountHasOpenDisputes, ErrorCode.OrderNotFinished, ErrorCode.ResponseWithdrawn, ErrorCode.ActionNotAllowedForRole, ErrorCode.BodyRequired, ErrorCode.ChargebackExceedsPayment, ErrorCode.DeliveredBeforeShipment,
            ErrorCode.DeliveredInFuture, ErrorCode.DuplicateLine, ErrorCode.HttpError, ErrorCode.IdempotencyKeyInProgress, ErrorCode.IdempotencyKeyReused, ErrorCode.InternalError,
            ErrorCode.InvalidAccount, ErrorCode.InvalidCurrency, ErrorCode.InvalidDeliveryTime, ErrorCode.InvalidEmail, ErrorCode.InvalidEventTypes, ErrorCode.InvalidId,
            ErrorCode.InvalidIdempotencyKey, ErrorCode.InvalidLimit, ErrorCode.InvalidLine, ErrorCode.InvalidOverlap, ErrorCode.InvalidPaging, ErrorCode.InvalidRegion, ErrorCode.InvalidReturnAddress,
            ErrorCode.InvalidRequest, ErrorCode.InvalidReturnTo, ErrorCode.InvalidRole, ErrorCode.InvalidStatus, ErrorCode.InvalidTotal, ErrorCode.InvalidUrl, ErrorCode.LinesRequired,
            ErrorCode.MethodNotAllowed, ErrorCode.NeedsAttentionRequired, ErrorCode.NotFound, ErrorCode.OrderExists, ErrorCode.PayloadTooLarge, ErrorCode.PaymentRequired,
            ErrorCode.ShippingMethodRequired, ErrorCode.TooManyFailedSignIns, ErrorCode.Unauthorized, ErrorCode.UnknownBuyer, ErrorCode.UnknownSeller,
            ErrorCode.UnsupportedMediaType, ErrorCode.WebhookTargetRefused,
        ];

        var missing = Enum.GetValues<ErrorCode>().Except(apiOnly).Where(c => !English.ContainsKey($"Error.{c}")).ToList();
        Assert.True(missing.Count == 0, $"no sentence for the refusals {string.Join(", ", missing)}");
    }

    [Theory]
    [InlineData("en", 1, "in 1 day")]
    [InlineData("en", 5, "in 5 days")]
    [InlineData("ru", 1, "через 1 день")]
    [InlineData("ru", 3, "через 3 дня")]
    [InlineData("ru", 11, "через 11 дней")]
    [InlineData("ru", 22, "через 22 дня")]
    [InlineData("ru", 25, "через 25 дней")]
    [InlineData("zh-Hans", 5, "5天后")]
    public void Durations_take_the_plural_form_of_the_readers_language(string language, int days, string said)
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var words = new Wording(new Reader(CultureInfo.GetCultureInfo(language), TimeZoneInfo.Utc));

        Assert.Equal(said, words.Relative(now.UtcDateTime.AddDays(days).AddHours(3), now));
    }

    [Theory]
    [InlineData("en", "UTC", "March 7, 2026, 9:00 AM UTC", "$22.99")]
    [InlineData("en", "America/New_York", "March 7, 2026, 4:00 AM", "$22.99")]
    [InlineData("ru", "Europe/Moscow", "7 марта 2026, 12:00", "22,99 $")]
    [InlineData("zh-Hans", "Asia/Shanghai", "2026年3月7日 17:00", "$22.99")]
    public void Instants_and_money_are_said_on_the_readers_clock_in_their_culture(string language, string zone, string when, string money)
    {
        var words = new Wording(new Reader(CultureInfo.GetCultureInfo(language), Reader.ZoneOf(zone)!));

        Assert.Equal(when, words.When(new DateTime(2026, 3, 7, 9, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(money, words.Money(2299, "USD").Replace('\u00a0', ' '));
    }

    [Theory]
    [InlineData("en", "card", "card")]
    [InlineData("ru", "card", "банковская карта")]
    [InlineData("zh-Hans", "Card", "银行卡")]
    [InlineData("zh-Hans", "alipay", "支付宝")]
    [InlineData("ru", "klarna_pay_later", "klarna pay later")]
    public void A_known_way_of_paying_is_said_in_the_readers_words_and_another_as_the_platform_wrote_it(string language, string method, string said) =>
        Assert.Equal(said, new Wording(new Reader(CultureInfo.GetCultureInfo(language), TimeZoneInfo.Utc)).PaymentMethod(method));

    [Fact]
    public void A_currency_without_a_sign_of_its_own_is_named_by_its_code_and_digits_follow_the_currency()
    {
        var english = new Wording(new Reader(CultureInfo.GetCultureInfo("en"), TimeZoneInfo.Utc));

        Assert.Equal("CAD 22.99", english.Money(2299, "CAD").Replace('\u00a0', ' '));
        Assert.Equal("JP¥2,299", english.Money(2299, "JPY"));
        Assert.Equal("KWD 2.299", english.Money(2299, "KWD").Replace('\u00a0', ' '));
    }

    [Theory]
    [InlineData("en", "10.50", 1050L)]
    [InlineData("ru", "10,50", 1050L)]
    [InlineData("ru", "1 000,50", 100050L)]
    [InlineData("ru", "10.50", 1050L)]
    [InlineData("zh-Hans", "10.50", 1050L)]
    [InlineData("en", "10,50", null)]
    [InlineData("ru", "ten", null)]
    public void Amounts_are_read_as_the_reader_types_them(string language, string typed, long? minor)
    {
        var words = new Wording(new Reader(CultureInfo.GetCultureInfo(language), TimeZoneInfo.Utc));

        Assert.Equal(minor, words.ParseMoney(typed, Currency.Of("USD"))?.Minor);
    }

    [Theory]
    [InlineData("en", "DE", "Germany")]
    [InlineData("ru", "DE", "Германия")]
    [InlineData("zh-Hans", "CN", "中国")]
    [InlineData("ru", "??", "??")]
    public void Regions_are_named_in_the_readers_language(string language, string code, string named) =>
        Assert.Equal(named, new Wording(new Reader(CultureInfo.GetCultureInfo(language), TimeZoneInfo.Utc)).Region(code));

    [Theory]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("ru-RU", "ru")]
    [InlineData("en-GB", "en")]
    [InlineData("de", null)]
    [InlineData("not a culture", null)]
    public void A_browser_language_is_read_in_the_supported_language_it_belongs_to(string asked, string? read) =>
        Assert.Equal(read, Texts.LanguageOf(asked)?.Name);

    private static IEnumerable<string> Words<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => $"{typeof(T).Name}.{v}");

    private static Dictionary<string, string> In(string culture)
    {
        var set = Texts.Resources.GetResourceSet(culture == "en" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }
}
