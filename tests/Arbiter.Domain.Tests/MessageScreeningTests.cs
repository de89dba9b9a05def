using Arbiter.Domain.Disputes;
using Arbiter.Domain.Tests.Support;

namespace Arbiter.Domain.Tests;

public class MessageScreeningTests
{
    /// <summary>The corpus: real-sounding messages in English, Russian and Chinese, flagged and innocent, with the warnings each deserves.</summary>
    public static TheoryData<string, string, string> Corpus() => [.. Messages()];

    private static IEnumerable<(string Language, string Warnings, string Text)> Messages() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Corpus", "messages.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t') is [var language, var warnings, var text] ? (language, warnings, text) : throw new InvalidDataException($"not three columns: {l}"));

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Each_message_of_the_corpus_gets_exactly_the_warnings_it_deserves(string language, string warnings, string text)
    {
        Assert.True(language is "en" or "ru" or "zh", $"unknown language {language}");
        Assert.Equal(warnings == "-" ? [] : warnings.Split(','), MessageScreening.Screen(text));
    }

    [Theory]
    [InlineData("The parcel is on its way, please wait a few more days.", OfferType.WaitForDelivery)]
    [InlineData("It should arrive next week, be patient.", OfferType.WaitForDelivery)]
    [InlineData("Посылка в пути, подождите ещё несколько дней.", OfferType.WaitForDelivery)]
    [InlineData("包裹在路上，请耐心等待。", OfferType.WaitForDelivery)]
    [InlineData("I will send you a new one tomorrow.", OfferType.Replacement)]
    [InlineData("We can resend the missing parts.", OfferType.Replacement)]
    [InlineData("Я вышлю вам новый светильник.", OfferType.Replacement)]
    [InlineData("我们给你补发一个。", OfferType.Replacement)]
    [InlineData("The lamp works, the photo shows a different model.", null)]
    [InlineData("Лампа исправна, на фото другая модель.", null)]
    [InlineData("灯是好的，照片是别的型号。", null)]
    [InlineData("", null)]
    public void A_sellers_words_that_promise_a_wait_or_a_replacement_are_recognised(string text, OfferType? promise) =>
        Assert.Equal(promise, MessageScreening.PromiseIn(text));

    [Fact]
    public void The_corpus_covers_every_warning_in_every_language_and_innocent_messages_too()
    {
        foreach (var language in new[] { "en", "ru", "zh" })
        {
            var warnings = Messages().Where(m => m.Language == language).SelectMany(m => m.Warnings.Split(',')).ToHashSet();
            Assert.Superset(new HashSet<string> { MessageScreening.CancelDispute, MessageScreening.OutsidePayment, MessageScreening.EarlyConfirmation, MessageScreening.ReviewTrade, "-" }, warnings);
        }
    }

    [Fact]
    public void A_message_asking_several_things_gets_every_warning_in_a_fixed_order()
    {
        var warnings = MessageScreening.Screen("Withdraw the dispute, confirm receipt, and I will pay you on WhatsApp. Good review = bonus.");

        Assert.Equal(
            [MessageScreening.CancelDispute, MessageScreening.OutsidePayment, MessageScreening.EarlyConfirmation, MessageScreening.ReviewTrade],
            warnings);
    }

    [Fact]
    public void The_sellers_messages_in_a_dispute_carry_warnings_for_the_buyer_and_history_notes_them()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        var message = dispute.SendMessage(Scenario.Seller, "Cancel the dispute and I refund you by bank transfer.", s.Now).ShouldSucceed();

        Assert.Equal([MessageScreening.CancelDispute, MessageScreening.OutsidePayment], message.Warnings);
        Assert.Equal("seller:s1", message.Author);
        Assert.Contains(dispute.History, h => h.Action == HistoryAction.MessageSent && h.Details!.Contains("warnings", StringComparison.Ordinal));
    }

    [Fact]
    public void The_buyers_own_messages_are_not_flagged()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        var message = dispute.SendMessage(Scenario.Buyer, "Should I cancel the dispute?", s.Now).ShouldSucceed();

        Assert.Empty(message.Warnings);
    }

    [Fact]
    public void A_mediator_joins_the_conversation_only_once_escalated()
    {
        var s = Scenario.Shipped();
        var dispute = s.Open();

        dispute.SendMessage(Scenario.Mediator, "Hello.", s.Now).ShouldFailWith("invalid_state");
        dispute.SendMessage(Scenario.Seller, "", s.Now).ShouldFailWith("text_required");
        dispute.SendMessage(Scenario.Seller, new string('a', 4001), s.Now).ShouldFailWith("text_too_long");
        dispute.Escalate(Scenario.Seller, null, s.Now).ShouldSucceed();
        dispute.SendMessage(Scenario.Mediator, "Hello, I am looking into this.", s.Now).ShouldSucceed();
    }
}
