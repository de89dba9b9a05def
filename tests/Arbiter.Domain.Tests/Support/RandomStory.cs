using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Domain.Orders;
using FsCheck;
using FsCheck.Fluent;
using Result = Arbiter.Domain.Common.Result;

namespace Arbiter.Domain.Tests.Support;

/// <summary>
/// Random stories for property tests: sequences of commands by everyone, mostly plausible, often
/// refused, interleaved with clock advances. Refused commands are simply part of the story.
/// </summary>
internal static class RandomStory
{
    public enum Op
    {
        Advance,
        Ship,
        ConfirmReceipt,
        CancelOrder,
        ExtendProtection,
        Open,
        AcceptClaim,
        Reject,
        MakeOffer,
        AcceptOffer,
        DeclineOffer,
        ChangeClaim,
        CancelDispute,
        Escalate,
        RequestInfo,
        AnswerInfo,
        Decide,
        Appeal,
        ShipReturn,
        RecordReturnDelivery,
        ConfirmReturn,
        RefuseReturn,
        Resume,
        ShipReplacement,
        ConfirmReplacement,
        ReportReplacementProblem,

        /// <summary>The seller promises (a wait or a replacement) and the buyer accepts at once: the start of a promise, in one step.</summary>
        Promise,
        RequestProtectionExtension,
        ExtendProcessing,
        AnswerExtensionRequest,
        Chargeback,
        CloseChargeback,
        RefundSent,

        /// <summary>Someone who may not (the other party, a stranger, a mediator, the platform) tries an order command.</summary>
        Intruder,
    }

    /// <summary>One generated step: what to try, on which line, with which number, and a yes/no choice.</summary>
    public sealed record Step(Op Op, int Line, int Number, bool Flag)
    {
        public override string ToString() => $"{Op}(line {Line}, {Number}, {Flag})";
    }

    public sealed record Run(bool StartShipped, IReadOnlyList<Step> Steps)
    {
        public override string ToString() => $"{(StartShipped ? "shipped" : "paid")}: {string.Join(", ", Steps)}";
    }

    /// <summary>What the platform reports from the payment side: chargebacks, their outcome, a refund sent; asked for apart.</summary>
    private static readonly Op[] BankOps = [Op.Chargeback, Op.CloseChargeback, Op.RefundSent];

    /// <summary>Mostly small clock moves (hours) with the odd long jump, so that deadlines race commands.</summary>
    private static readonly Gen<int> Hours = Gen.Frequency((6, Gen.Choose(1, 72)), (1, Gen.Choose(73, 24 * 30)));

    /// <summary>Amounts: none (the default, a full claim), a plausible one, or one beyond the line total.</summary>
    private static readonly Gen<int> Amounts = Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 3500)), (1, Gen.Choose(3501, 5000)));

    private static readonly Gen<Step> StepGen =
        from op in Gen.Frequency(
            (64, Gen.Constant(Op.Advance)),
            (32, Gen.Constant(Op.Open)),

            // Promises take several steps in a row (an offer, its acceptance, a shipment): asked for more often.
            (32, Gen.Elements(Op.MakeOffer, Op.AcceptOffer, Op.Promise, Op.ShipReplacement, Op.ConfirmReplacement, Op.Resume)),
            (160, Gen.Elements(Enum.GetValues<Op>().Except(BankOps).ToArray())),

            // The bank ends every dispute and stops new ones: seldom, so that stories still reach the end of a promise.
            (1, Gen.Constant(Op.Chargeback)),
            (4, Gen.Elements(Op.CloseChargeback, Op.RefundSent)))
        from line in Gen.Choose(0, 1)
        from number in op == Op.Advance ? Hours : Amounts
        from flag in Gen.Elements(true, false)
        select new Step(op, line, number, flag);

    public static readonly Arbitrary<Run> Runs = Arb.From(
        from shipped in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from steps in Gen.ListOf(StepGen)
        select new Run(shipped, [.. steps]),
        run => Enumerable.Range(0, run.Steps.Count).Select(i => run with { Steps = [.. run.Steps.Where((_, j) => j != i)] }));

    /// <summary>Who tries an order command they may not take: the other party, another buyer or seller, a mediator.</summary>
    private static readonly Actor[] Intruders = [Scenario.Seller, Scenario.Buyer, new(Role.Buyer, "b2"), new(Role.Seller, "s2"), Scenario.Mediator];

    /// <summary>Tries the step; what the command answered (advances always succeed), or null when there was nothing to try it on.</summary>
    public static Result? Apply(Scenario s, Step step, double tickHours = 0)
    {
        var order = s.Order;
        var lineId = order.Lines[step.Line].Id;
        var dispute = order.Disputes.LastOrDefault(d => d.LineId == lineId);
        var party = step.Flag ? Scenario.Buyer : Scenario.Seller;
        long? amount = step.Number == 0 ? null : step.Number;
        var now = s.Now;
        var intruder = Intruders[step.Number % Intruders.Length];
        Result? nothingToTry = null;
        return step.Op switch
        {
            _ when step.Op is not (Op.Advance or Op.Ship or Op.ConfirmReceipt or Op.CancelOrder or Op.ExtendProtection or Op.Open or Op.Intruder
                or Op.RequestProtectionExtension or Op.ExtendProcessing or Op.AnswerExtensionRequest or Op.Chargeback or Op.CloseChargeback or Op.RefundSent) && dispute is null => nothingToTry,
            Op.Chargeback => order.ReportChargeback(Actor.Platform, amount / 3, "fraud", null, now).Plain(),
            Op.CloseChargeback => order.Chargebacks is [.., var chargeback] ? order.CloseChargeback(Actor.Platform, chargeback.Id, step.Flag, now).Plain() : nothingToTry,
            Op.RefundSent => order.Refunds is [.., var refund] ? order.ReportRefundSent(refund.Id, null, Actor.Platform, now) : nothingToTry,
            Op.RequestProtectionExtension => order.RequestProtectionExtension(Scenario.Buyer, 1 + (step.Number % 20), null, now).Plain(),
            Op.ExtendProcessing => order.ExtendProcessing(step.Flag ? Scenario.Seller : Actor.Platform, 1 + (step.Number % 10), now).Plain(),
            Op.AnswerExtensionRequest => order.ExtensionRequests is [.., var request]
                ? order.AnswerExtensionRequest(request.Kind == ExtensionKind.Protection ? Scenario.Seller : Scenario.Buyer, request.Id, step.Flag, now)
                : nothingToTry,
            Op.Advance => Advance(s, TimeSpan.FromHours(step.Number), tickHours),
            Op.Ship => order.Ship(Scenario.Seller, "UPS", "1Z", now),
            Op.ConfirmReceipt => order.ConfirmReceipt(Scenario.Buyer, now),
            Op.CancelOrder => order.Cancel(Scenario.Buyer, now),
            Op.ExtendProtection => order.ExtendProtection(Scenario.Seller, 1 + (step.Number % 20), now),
            Op.Open => order.OpenDispute(Scenario.Buyer, lineId, ClaimFor(step, amount), now).Plain(),
            Op.Intruder => (step.Number / Intruders.Length % 5) switch
            {
                0 => order.Ship(intruder == Scenario.Seller ? Scenario.Buyer : intruder, "UPS", "1Z", now),
                1 => order.ConfirmReceipt(intruder == Scenario.Buyer ? Scenario.Seller : intruder, now),
                2 => order.Cancel(intruder == Scenario.Buyer ? Scenario.Seller : intruder, now),
                3 => order.ExtendProtection(intruder == Scenario.Seller ? Scenario.Buyer : intruder, 5, now),
                _ => order.OpenDispute(intruder == Scenario.Buyer ? Scenario.Seller : intruder, lineId, ClaimFor(step, amount), now).Plain(),
            },
            Op.AcceptClaim => dispute!.AcceptClaim(Scenario.Seller, now),
            Op.Reject => dispute!.Reject(Scenario.Seller, null, now),
            Op.MakeOffer => dispute!.MakeOffer(Scenario.Seller, (OfferType)(step.Number % 5), step.Number % 5 >= 2 ? null : amount, null, now, step.Number % 31).Plain(),
            Op.AcceptOffer => dispute!.PendingOffer is { } offer ? dispute.AcceptOffer(Scenario.Buyer, offer.Id, step.Flag, now) : nothingToTry,
            Op.DeclineOffer => dispute!.PendingOffer is { } pending ? dispute.DeclineOffer(Scenario.Buyer, pending.Id, now) : nothingToTry,
            Op.ChangeClaim => dispute!.ChangeClaim(Scenario.Buyer, ClaimFor(step, amount), now),
            Op.CancelDispute => dispute!.Cancel(Scenario.Buyer, step.Flag, now),
            Op.Escalate => dispute!.Escalate(party, null, now),
            Op.RequestInfo => dispute!.RequestInfo(Scenario.Mediator, step.Number % 3 == 0 ? [Party.Buyer, Party.Seller] : [(Party)(step.Number % 2)], "Why?", 1 + (step.Number % 10), now).Plain(),
            Op.AnswerInfo => dispute!.Escalation is { InfoRequests: [.., var request] } ? dispute.AnswerInfoRequest(party, request.Id, "Because.", null, now) : nothingToTry,
            Op.Decide => dispute!.Decide(Scenario.Mediator, (MediatorOutcome)(step.Number % 4), amount, step.Flag ? Party.Buyer : null, "Decided.", now),
            Op.Appeal => dispute!.AppealDecision(party, "Unfair.", now),
            Op.ShipReturn => dispute!.ShipReturn(Scenario.Buyer, "DHL", "JD1", now),
            Op.RecordReturnDelivery => dispute!.RecordReturnDelivery(Actor.Platform, null, now),
            Op.ConfirmReturn => dispute!.ConfirmReturnReceived(Scenario.Seller, now),
            Op.RefuseReturn => dispute!.RefuseReturn(Scenario.Seller, "Broken.", now),
            Op.Resume => dispute!.Resume(Scenario.Buyer, now),
            Op.Promise => Promise(dispute!, step, now),
            Op.ShipReplacement => dispute!.ShipReplacement(Scenario.Seller, "DHL", "JD2", now),
            Op.ConfirmReplacement => dispute!.ConfirmReplacement(Scenario.Buyer, now),
            Op.ReportReplacementProblem => dispute!.ReportReplacementProblem(Scenario.Buyer, "Broken too.", now),
            _ => throw new ArgumentOutOfRangeException(nameof(step)),
        };
    }

    /// <summary>Moves the clock, in one jump or in ticks of <paramref name="tickHours"/>: the result must be the same.</summary>
    private static Result Advance(Scenario s, TimeSpan by, double tickHours)
    {
        var target = s.Now + by;
        while (tickHours > 0 && s.Now.AddHours(tickHours) < target)
        {
            s.Advance(TimeSpan.FromHours(tickHours));
        }

        s.AdvanceTo(target);
        return Result.Ok;
    }

    private static Result Promise(Dispute dispute, Step step, DateTimeOffset now)
    {
        var promised = dispute.MakeOffer(Scenario.Seller, step.Flag ? OfferType.Replacement : OfferType.WaitForDelivery, null, null, now, 1 + (step.Number % 30));
        return promised.IsSuccess ? dispute.AcceptOffer(Scenario.Buyer, promised.Value!.Id, false, now) : promised.Plain();
    }

    private static ClaimRequest ClaimFor(Step step, long? amount)
    {
        var received = step.Number % 3 != 0;
        var reasons = Reasons.For(received);
        var reason = reasons[step.Number % reasons.Count];
        var solution = step.Flag || Reasons.IsBuyersOwnChoice(reason) ? Solution.ReturnAndRefund : Solution.RefundOnly;
        return received
            ? Scenario.Claim(true, reason, solution, amount)
            : Scenario.Claim(false, reason);
    }
}
