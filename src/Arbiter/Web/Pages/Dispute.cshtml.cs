using Arbiter.Api;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>
/// One dispute as its viewer sees it: the timeline, the running deadline, offers, messages and the
/// mediator's questions, and a form for each thing the viewer may do now (the domain's allowed
/// actions, so the page never offers what would be refused).
/// </summary>
internal sealed class DisputeModel(CallerDisputes disputes, EvidenceFiles uploads, SellerRecords sellers, TimeProvider clock) : SignedInPage(clock)
{
    /// <summary>The seller's record, for the buyer to judge the seller's answers by.</summary>
    public Domain.Sellers.SellerRecord? SellerRecord { get; private set; }

    public DisputeView Dispute { get; private set; } = null!;

    public string LineTitle { get; private set; } = "";

    /// <summary>The promise the seller's note made beside "no return, no refund", offered instead before it is sent.</summary>
    public OfferType? SuggestedPromise { get; private set; }

    /// <summary>The note the seller wrote with the offer held back.</summary>
    public string? OfferNote { get; private set; }

    /// <summary>Whether the buyer, warned before cancelling, may ask the seller for more protection instead.</summary>
    public bool MayAskForTime { get; private set; }

    /// <summary>What the buyer would lose by cancelling now, said before the click.</summary>
    public string? CancelWarning { get; private set; }

    public bool Can(string action) => Dispute.AllowedActions.Contains(action);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await disputes.ReadAsync(Caller, id, HttpContext.RequestAborted) is not var (order, dispute))
        {
            return NotFound();
        }

        Dispute = DisputeView.Of(order, dispute, Caller, Now);
        LineTitle = order.Line(dispute.LineId)?.Title ?? dispute.LineId;
        CancelWarning = Caller.Role == Role.Buyer ? dispute.CancelWarning(Now) : null;
        SellerRecord = Caller.Role == Role.Buyer ? await sellers.OfAsync(order.SellerId, HttpContext.RequestAborted) : null;
        MayAskForTime = CancelWarning is not null && order.Guard(Domain.Orders.OrderAction.RequestProtectionExtension, Caller.Actor, Now).IsSuccess;
        return Page();
    }

    public Task<IActionResult> OnPostAcceptClaimAsync(string id) =>
        RunAsync(id, (d, who, now, currency) => d.AcceptClaim(who, now), d => $"You accepted the claim: {Display.NextForTheMoney(d)}");

    public Task<IActionResult> OnPostRejectAsync(string id, string? note) =>
        RunAsync(id, (d, who, now, currency) => d.Reject(who, note, now), "You rejected the claim; you can still make an offer.");

    /// <summary>
    /// Sends the seller's offer; "no return, no refund" written beside a promise ("wait, it is on
    /// the way") is held back once and the promise offered instead, which the buyer can accept
    /// without giving anything up: the seeds' trap, closed where it opens.
    /// </summary>
    public async Task<IActionResult> OnPostOfferAsync(string id, OfferType type, string? amount, string? note, int? days, bool anyway)
    {
        if (type == OfferType.NoRefund && !anyway && MessageScreening.PromiseIn(note) is { } promise)
        {
            (SuggestedPromise, OfferNote) = (promise, note);
            return await OnGetAsync(id);
        }

        return await RunAsync(
            id,
            (d, who, now, currency) => d.MakeOffer(who, type, type == OfferType.NoRefund || type.IsPromise() ? null : Money.Parse(amount, currency)?.Minor ?? -1, note, now, days).Plain(),
            type.IsPromise() ? "Your promise was sent to the buyer." : "Your offer was sent to the buyer.");
    }

    public Task<IActionResult> OnPostAcceptOfferAsync(string id, string offerId, bool confirm) =>
        RunAsync(id, (d, who, now, currency) => d.AcceptOffer(who, offerId, confirm, now), "You accepted the offer.");

    /// <summary>The buyer, about to cancel near the end of protection, asks the seller for more of it instead.</summary>
    public async Task<IActionResult> OnPostAskForTimeAsync(string id, int days)
    {
        var result = await disputes.RunAsync(Caller, id, (order, _, now) => order.RequestProtectionExtension(Caller.Actor, days, null, now).Plain().Done(), HttpContext.RequestAborted);
        return Done(result.Error, $"The seller is asked for {days} more days of protection; the dispute stays open meanwhile.");
    }

    public Task<IActionResult> OnPostResumeAsync(string id) =>
        RunAsync(id, (d, who, now, currency) => d.Resume(who, now), "You stopped waiting: the seller has a new chance to agree with you before a mediator decides.");

    public Task<IActionResult> OnPostShipReplacementAsync(string id, string? carrier, string? trackingNumber) =>
        RunAsync(id, (d, who, now, currency) => d.ShipReplacement(who, carrier, trackingNumber, now), "The replacement's shipment is recorded; the buyer is told.");

    public Task<IActionResult> OnPostReplacementReceivedAsync(string id) =>
        RunAsync(id, (d, who, now, currency) => d.ConfirmReplacement(who, now), "You confirmed the replacement: the dispute is resolved.");

    public Task<IActionResult> OnPostReplacementProblemAsync(string id, string? note) =>
        RunAsync(id, (d, who, now, currency) => d.ReportReplacementProblem(who, note, now), "A mediator will look at the replacement.");

    public Task<IActionResult> OnPostDeclineOfferAsync(string id, string offerId) =>
        RunAsync(id, (d, who, now, currency) => d.DeclineOffer(who, offerId, now), "You declined the offer.");

    public Task<IActionResult> OnPostChangeClaimAsync(string id, Solution solution, string? amount, string? description) =>
        RunAsync(id, (d, who, now, currency) => d.ChangeClaim(who, new ClaimRequest(d.Claim.Received, d.Claim.Reason, solution, Money.Parse(amount, currency)?.Minor ?? -1, description, d.Claim.EvidenceIds), now), "Your claim was changed.");

    public Task<IActionResult> OnPostCancelAsync(string id, bool confirm) =>
        RunAsync(id, (d, who, now, currency) => d.Cancel(who, confirm, now), "The dispute is cancelled.");

    public Task<IActionResult> OnPostEscalateAsync(string id, string? note) =>
        RunAsync(id, (d, who, now, currency) => d.Escalate(who, note, now), "A mediator will look at the dispute.");

    public Task<IActionResult> OnPostMessageAsync(string id, string? text) =>
        RunAsync(id, (d, who, now, currency) => d.SendMessage(who, text, now).Plain(), "Message sent.");

    public Task<IActionResult> OnPostAnswerAsync(string id, string requestId, string? text) =>
        RunAsync(id, (d, who, now, currency) => d.AnswerInfoRequest(who, requestId, text, [], now), "Your answer was sent to the mediator.");

    public Task<IActionResult> OnPostAskAsync(string id, string from, string? question, int? businessDays) =>
        RunAsync(id, (d, who, now, currency) => d.RequestInfo(who, from == "both" ? [Party.Buyer, Party.Seller] : from == "seller" ? [Party.Seller] : [Party.Buyer], question, businessDays, now).Plain(), "Your question was sent.");

    public Task<IActionResult> OnPostDecideAsync(string id, MediatorOutcome outcome, string? amount, Party? returnShippingPaidBy, string? note) =>
        RunAsync(id, (d, who, now, currency) => d.Decide(who, outcome, outcome == MediatorOutcome.PartialRefund ? Money.Parse(amount, currency)?.Minor ?? -1 : null, returnShippingPaidBy, note, now), "Your decision is recorded.");

    public Task<IActionResult> OnPostAppealAsync(string id, string? reason) =>
        RunAsync(id, (d, who, now, currency) => d.AppealDecision(who, reason, now), "Your appeal was sent to a mediator.");

    public Task<IActionResult> OnPostShipReturnAsync(string id, string? carrier, string? trackingNumber) =>
        RunAsync(id, (d, who, now, currency) => d.ShipReturn(who, carrier, trackingNumber, now), "Return shipment recorded.");

    public Task<IActionResult> OnPostReturnReceivedAsync(string id) =>
        RunAsync(id, (d, who, now, currency) => d.ConfirmReturnReceived(who, now), d => $"You confirmed the returned item: {Display.NextForTheMoney(d)}");

    public Task<IActionResult> OnPostRefuseReturnAsync(string id, string? note) =>
        RunAsync(id, (d, who, now, currency) => d.RefuseReturn(who, note, now), "A mediator will look at the returned item.");

    public async Task<IActionResult> OnPostEvidenceAsync(string id, IFormFile? file)
    {
        if (DisputeId.Parse(id)?.OrderId is not { } orderId)
        {
            return NotFound();
        }

        if (file is null || file.Length == 0 || file.Length > RequestLimitsMiddleware.EvidenceLimit)
        {
            return Done(DomainError.Invalid(ErrorCode.FileRequired, $"Choose a file of at most {RequestLimitsMiddleware.EvidenceLimit / 1024 / 1024} MB."), "");
        }

        var added = await uploads.AddAsync(Caller, orderId, id, file, HttpContext.RequestAborted);
        return Done(added.Error, $"{file.FileName} was added.");
    }

    /// <param name="command">Runs on the dispute, given the caller, the instant and the order's currency.</param>
    private Task<IActionResult> RunAsync(string id, Func<Dispute, Actor, DateTimeOffset, Currency, Result> command, string notice) =>
        RunAsync(id, command, _ => notice);

    /// <summary>Runs a command on the dispute; the notice says what the saved dispute now means, so it never promises what is not so.</summary>
    private async Task<IActionResult> RunAsync(string id, Func<Dispute, Actor, DateTimeOffset, Currency, Result> command, Func<Dispute, string> notice)
    {
        var result = await disputes.RunAsync(Caller, id, (order, dispute, now) => command(dispute, Caller.Actor, now, order.Currency).Done(), HttpContext.RequestAborted);
        return Done(result.Error, result.Error is null ? notice(result.Order!.Dispute(id)!) : "");
    }
}
