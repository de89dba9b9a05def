using System.Text.RegularExpressions;

namespace Arbiter.Domain.Disputes;

/// <summary>
/// Spots the requests the buyers' guides warn about, so the buyer sees a warning next to the
/// message: close the dispute, pay or refund outside the platform, confirm receipt (close the
/// order) early, trade a review. Cross-border sellers and buyers write in English, Russian and
/// Chinese, so each warning has its phrases in all three; the corpus in the domain tests keeps
/// flagged and innocent messages of each language honest.
/// </summary>
public static partial class MessageScreening
{
    public const string CancelDispute = "asks_to_cancel_dispute";
    public const string OutsidePayment = "asks_to_pay_outside_platform";
    public const string EarlyConfirmation = "asks_to_confirm_receipt_early";
    public const string ReviewTrade = "offers_review_trade";

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline;

    // "Cancel / close / withdraw the dispute": отмените / закройте спор; 取消 / 关闭 纠纷.
    [GeneratedRegex(
        @"\b(cancel|close|withdraw|drop|remove|stop|end)\w*\b.{0,40}\b(dispute|claim|complaint|case)s?\b|\b(dispute|claim)\b.{0,20}\b(cancel|close|withdraw)\w*"
        + @"|(отмен|закр|закро|отзов|отозв|сним|уберит|прекрат)\w*.{0,40}(спор|диспут|претензи|жалоб)|(спор|диспут)\w*.{0,20}(отмен|закр)"
        + @"|(取消|关闭|关掉|撤销|撤回|撤掉|结束).{0,8}(纠纷|争议|投诉|申诉|退款申请)",
        Options)]
    private static partial Regex CancelPattern();

    // Money or contact outside the platform: PayPal, Western Union, "directly", "to your card"; напрямую, на карту; 支付宝, 私下, 直接转账.
    [GeneratedRegex(
        @"\b(paypal|western\s*union|moneygram|wise\s*(transfer|account)|venmo|zelle|cash\s*app|bank\s*transfer|wire\s*transfer|crypto|bitcoin|usdt|whatsapp|telegram|wechat|alipay|qiwi)\b"
        + @"|\b(outside|off)\b.{0,30}\b(platform|site|app|marketplace|aliexpress)\b"
        + @"|\b(i|we)('ll|\s+will|\s+can|\s+could)?\s+(pay|refund|send|transfer|return|wire)\w*\b.{0,40}\b(directly|personally|privately|to\s+your\s+card|by\s+card|to\s+your\s+(bank|account))\b"
        + @"|\b(pay|send|transfer)\w*\s+(me|us)\s+directly\b|\bcard\s+(number|details)\b"
        + @"|вестерн\s*юнион|western\s*union|киви|телеграм|вотсап|ватсап|вичат|напрямую|лично\s+(вам|тебе)|в\s+обход\s+(площадки|сайта|платформы)|вне\s+(площадки|сайта|платформы)"
        + @"|(переведу|переведём|отправлю|скину|кину|перечислю|верну)\s.{0,20}карт|номер\s+(вашей\s+|твоей\s+)?карты|переведу\s+(вам|тебе)"
        + @"|支付宝|微信|西联|速汇金|银行转账|私下|站外|平台外|绕过平台|卡号|打到你的卡|转到你的卡|直接(付款|转账|退款|打款|汇款|退钱|给你)",
        Options)]
    private static partial Regex OutsidePattern();

    // "Confirm receipt" or "close the order" before it arrives: подтвердите получение, закройте заказ; 确认收货, 关闭订单.
    [GeneratedRegex(
        @"\bconfirm\w*\b.{0,40}\b(receipt|received|delivery|order)\b|\b(close|complete|finish)\w*\b.{0,15}\border\b|\bmark\w*\b.{0,20}\b(received|delivered)\b"
        + @"|подтверд\w*.{0,30}(получени|доставк|заказ)|(закро|закрыть|закройте|завершит|завершите)\w*.{0,15}заказ|отмет\w*.{0,20}(полученн|доставлен)"
        + @"|确认收货|提前确认|先确认|确认(一下)?订单|关闭订单|完成订单|点(一下)?收货",
        Options)]
    private static partial Regex ConfirmPattern();

    // A review for something: "5 stars for a coupon"; 5 звёзд за скидку; 好评返现.
    [GeneratedRegex(
        @"\b(\d\s*-?\s*stars?|five\s*stars?|positive|good|great)\b.{0,30}\b(review|feedback|rating)s?\b|\b(review|feedback|rating)s?\b.{0,60}\b(refund|discount|coupon|bonus|gift|cashback|compensat\w*|money)\b"
        + @"|\b(\d|five)\s*-?\s*stars?\b.{0,40}\b(for|get|and)\b.{0,30}\b(coupon|discount|refund|bonus|gift|cashback|money)\b"
        + @"|(\d|пять)\s*звёзд|(\d|пять)\s*звезд|(положительн|хорош|отличн)\w*\s+(отзыв|оценк)|отзыв\w*.{0,60}(купон|скидк|бонус|подарок|подарк|компенсац|деньг|денег|возврат|верну|кешбэк|кэшбэк)"
        + @"|五星|5\s*星|好评|评价.{0,10}(优惠券|折扣|返现|红包|退款|补偿|礼物)",
        Options)]
    private static partial Regex ReviewPattern();

    // "It is on the way, wait": в пути, подождите; 在路上, 请耐心等待.
    [GeneratedRegex(
        @"\bon\s+(its|the)\s+way\b|\bin\s+transit\b|\bplease\s+wait\b|\bwait\b.{0,30}\b(more|few|another|days?|weeks?|longer|little)\b|\bbe\s+patient\b|\b(will|should|must)\s+(arrive|come|be\s+delivered|reach\s+you)\b|\bgive\s+it\s+(some\s+|more\s+)?time\b"
        + @"|в\s+пути|подожд|ждите|потерпите|скоро\s+(придёт|придет|прибудет|доставят|получите)|(ещё|еще)\s+(несколько|пару)\s+(дней|недел)"
        + @"|在路上|运输中|请(您)?(耐心)?等(待|一下|几天)|再等|耐心等|很快(就)?(到|会到|送达)|快到了",
        Options)]
    private static partial Regex WaitPattern();

    // "I will send a new one": вышлю новый, замену; 补发, 重新发货.
    [GeneratedRegex(
        @"\b(re-?send|re-?ship)\w*\b|\bsend\w*\b.{0,20}\b(new|another|replacement|second)\b|\breplac(e|ement)\b|\bnew\s+one\b"
        + @"|(вышлю|отправлю|пришлю|вышлем|отправим|пришлём|пришлем)\s.{0,20}(нов|замен|(ещё|еще)\s+раз|повторно)|замен(у|им|ю)\b|повторн\w*\s+отправ"
        + @"|补发|重发|重新(发货|发送|寄)|换(一个)?新|寄(一个)?新的|给你换",
        Options)]
    private static partial Regex ReplacementPattern();

    /// <summary>
    /// The promise a seller's words make, if any ("it is on the way", "I will send a new one"), so
    /// that the seller who writes one beside "no return, no refund" is offered to make it a
    /// promise the buyer can accept without giving anything up. A replacement wins over a wait.
    /// </summary>
    public static OfferType? PromiseIn(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : ReplacementPattern().IsMatch(text) ? OfferType.Replacement
        : WaitPattern().IsMatch(text) ? OfferType.WaitForDelivery
        : null;

    /// <summary>The warning codes a message deserves, in a fixed order; empty when it looks harmless.</summary>
    public static IReadOnlyList<string> Screen(string text)
    {
        var warnings = new List<string>();
        if (CancelPattern().IsMatch(text))
        {
            warnings.Add(CancelDispute);
        }

        if (OutsidePattern().IsMatch(text))
        {
            warnings.Add(OutsidePayment);
        }

        if (ConfirmPattern().IsMatch(text))
        {
            warnings.Add(EarlyConfirmation);
        }

        if (ReviewPattern().IsMatch(text))
        {
            warnings.Add(ReviewTrade);
        }

        return warnings;
    }
}
