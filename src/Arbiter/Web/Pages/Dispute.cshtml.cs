using Arbiter.Api;
using Arbiter.Application;
using Arbiter.Domain.Common;
using Arbiter.Domain.Disputes;
using Arbiter.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Arbiter.Web.Pages;

/// <summary>
/// One dispute as its viewer sees it: the timeline, the running deadline, offers, messages and the
/// mediator's questions, and a form for each thing the viewer may do now (the domain's allowed
/// actions, so the page never offers what would be refused).
/// </summary>
internal sealed class DisputeModel(CallerDisputes disputes, EvidenceFiles uploads, SellerRecords sellers, AccountStore accounts, Mediators mediators, TimeProvider clock) : SignedInPage(clock)
{
    private string _buyerId = "";

    /// <summary>For a mediator: the whole order on the same screen (lines, what was paid, shipment and delivery), and where its parties are.</summary>
    public OrderView? Workspace { get; private set; }

    public string? BuyerRegion { get; private set; }

    public string? SellerRegion { get; private set; }

    /// <summary>The seller's record, for the buyer and the mediator to judge the seller's answers by.</summary>
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

    /// <summary>Where the dispute stands on its way from opening to the money moving.</summary>
    public IReadOnlyList<(DisputeStep Step, StepState State)> Progress { get; private set; } = [];

    /// <summary>The people the dispute mentions, by name.</summary>
    public People People { get; private set; } = null!;

    /// <summary>Where the item goes back to, for the buyer who must ship it.</summary>
    public string? ReturnAddress { get; private set; }

    /// <summary>What confirming the returned item does to the money, said before the click.</summary>
    public string? ReturnReceivedWarning { get; private set; }

    /// <summary>For a mediator who may hand the dispute over: the other mediators, each with their workload.</summary>
    public IReadOnlyList<MediatorLoad> Colleagues { get; private set; } = [];

    public bool Can(DisputeAction action) => Dispute.AllowedActions.Contains(action);

    public string Who(string actor) => W.Who(actor, People);

    /// <summary>Who added an evidence file: its record names only the account, one of the order's parties.</summary>
    public string Uploader(string accountId) => Who($"{(accountId == _buyerId ? "buyer" : "seller")}:{accountId}");

    public static EvidenceKind KindOf(string contentType) => EvidenceKinds.Of(contentType);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await disputes.ReadAsync(Caller, id, HttpContext.RequestAborted) is not var (order, dispute))
        {
            return NotFound();
        }

        Dispute = DisputeView.Of(order, dispute, Caller, Now);
        Progress = DisputeProgress.Of(dispute);
        LineTitle = order.Line(dispute.LineId)?.Title ?? dispute.LineId;
        CancelWarning = Caller.Role == Role.Buyer ? dispute.CancelWarning(Now) : null;
        SellerRecord = Caller.Role is Role.Buyer or Role.Mediator ? await sellers.OfAsync(order.SellerId, HttpContext.RequestAborted) : null;
        if (Caller.Role == Role.Mediator)
        {
            (Workspace, BuyerRegion, SellerRegion) = (OrderView.Of(order, Caller, Now), order.BuyerRegion, order.SellerRegion);
            Colleagues = Can(DisputeAction.HandOver)
                ? [.. (await mediators.LoadsAsync(HttpContext.RequestAborted)).Where(m => m.Id != Caller.AccountId && m.Id != dispute.Escalation?.Assignee)]
                : [];
        }

        MayAskForTime = CancelWarning is not null && order.Guard(Domain.Orders.OrderAction.RequestProtectionExtension, Caller.Actor, Now).IsSuccess;
        var refund = W.Money(dispute.Outcome?.RefundAmount ?? dispute.Claim.Amount);
        ReturnReceivedWarning = dispute.AppealDeadline is { } appealBy && appealBy > Now
            ? W["Return.ReceivedWarningAfterAppeal", refund, W.When(appealBy)]
            : W["Return.ReceivedWarning", refund];
        _buyerId = order.BuyerId;
        ReturnAddress = order.ReturnAddress;
        People = await Web.People.OfAsync(
            accounts,
            Caller.AccountId,
            [$"buyer:{order.BuyerId}", $"seller:{order.SellerId}", .. dispute.History.Select(h => h.Actor), .. Dispute.History.Select(HistoryText.Mentioned).OfType<string>(), .. dispute.Messages.Select(m => m.Author)],
            HttpContext.RequestAborted);
        return Page();
    }

    public Task<IActionResult> OnPostAcceptClaimAsync(string id) =>
        RunAsync(id, (d, who, now, currency) => d.AcceptClaim(who, now), d => W["Notice.ClaimAccepted", W.NextForTheMoney(d)]);

    public Task<IActionResult> OnPostRejectAsync(string id, string? note) =>
        RunAsync(id, (d, who, now, currency) => d.Reject(who, note, now), W["Notice.Rejected"]);

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
            (d, who, now, currency) => d.MakeOffer(who, type, type == OfferType.NoRefund || type.IsPromise() ? null : W.ParseMoney(amount, currency)?.Minor ?? -1, note, now, days).Plain(),
            W[type.IsPromise() ? "Notice.PromiseSent" : "Notice.OfferSent"]);
    }

    public Task<IActionResult> OnPostAcceptOfferAsync(string id, string offerId, bool confirm) =>
        RunAsync(id, (d, who, now, currency) => d.AcceptOffer(who, offerId, confirm, now), W["Notice.OfferAccepted"]);

    /// <summary>The buyer, about to cancel near the end of protection, asks the seller for more of it instead.</summary>
    public async Task<IActionResult> OnPostAskForTimeAsync(string id, int days)
    {
        var result = await disputes.RunAsync(Caller, id, (order, _, now) => order.RequestProtectionExtension(Caller.Actor, days, null, now).Plain().Done(), HttpContext.RequestAborted);
        return Done(result.Error, W["Notice.AskedForTimeInDispute", days]);
    }

    public Task<IActionResult> OnPostResumeAsync(string id) =>
        RunAsync(id, (d, who, now, currency) => d.Resume(who, now), W["Notice.Resumed"]);

    public Task<IActionResult> OnPostShipReplacementAsync(string id, string? carrier, string? trackingNumber) =>
        RunAsync(id, (d, who, now, currency) => d.ShipReplacement(who, carrier, trackingNumber, now), W["Notice.ReplacementShipped"]);

    public Task<IActionResult> OnPostReplacementReceivedAsync(string id) =>
        RunAsync(id, (d, who, now, currency) => d.ConfirmReplacement(who, now), W["Notice.ReplacementReceived"]);

    public Task<IActionResult> OnPostReplacementProblemAsync(string id, string? note) =>
        RunAsync(id, (d, who, now, currency) => d.ReportReplacementProblem(who, note, now), W["Notice.ReplacementProblem"]);

    public Task<IActionResult> OnPostDeclineOfferAsync(string id, string offerId) =>
        RunAsync(id, (d, who, now, currency) => d.DeclineOffer(who, offerId, now), W["Notice.OfferDeclined"]);

    public Task<IActionResult> OnPostChangeClaimAsync(string id, Solution solution, string? amount, string? description) =>
        RunAsync(id, (d, who, now, currency) => d.ChangeClaim(who, new ClaimRequest(d.Claim.Received, d.Claim.Reason, solution, W.ParseMoney(amount, currency)?.Minor ?? -1, description, d.Claim.EvidenceIds), now), W["Notice.ClaimChanged"]);

    public Task<IActionResult> OnPostCancelAsync(string id, bool confirm) =>
        RunAsync(id, (d, who, now, currency) => d.Cancel(who, confirm, now), W["Notice.Cancelled"]);

    public Task<IActionResult> OnPostEscalateAsync(string id, string? note) =>
        RunAsync(id, (d, who, now, currency) => d.Escalate(who, note, now), W["Notice.Escalated"]);

    public Task<IActionResult> OnPostMessageAsync(string id, string? text) =>
        RunAsync(id, (d, who, now, currency) => d.SendMessage(who, text, now).Plain(), W["Notice.MessageSent"]);

    public Task<IActionResult> OnPostAnswerAsync(string id, string requestId, string? text) =>
        RunAsync(id, (d, who, now, currency) => d.AnswerInfoRequest(who, requestId, text, [], now), W["Notice.AnswerSent"]);

    public Task<IActionResult> OnPostAskAsync(string id, string from, string? question, int? businessDays) =>
        RunAsync(id, (d, who, now, currency) => d.RequestInfo(who, from == "both" ? [Party.Buyer, Party.Seller] : from == "seller" ? [Party.Seller] : [Party.Buyer], question, businessDays, now).Plain(), W["Notice.QuestionSent"]);

    public Task<IActionResult> OnPostDecideAsync(string id, MediatorOutcome outcome, string? amount, Party? returnShippingPaidBy, string? note) =>
        RunAsync(id, (d, who, now, currency) => d.Decide(who, outcome, outcome == MediatorOutcome.PartialRefund ? W.ParseMoney(amount, currency)?.Minor ?? -1 : null, returnShippingPaidBy, note, now), W["Notice.Decided"]);

    public Task<IActionResult> OnPostTakeAsync(string id) =>
        RunAsync(id, (d, who, now, currency) => d.Take(who, now), W["Notice.Taken"]);

    public async Task<IActionResult> OnPostHandOverAsync(string id, string? to)
    {
        var assignee = await disputes.AssigneeAsync(to, HttpContext.RequestAborted);
        return await RunAsync(id, (d, who, now, currency) => d.HandOver(who, assignee, now), W["Notice.HandedOver"]);
    }

    public Task<IActionResult> OnPostAppealAsync(string id, string? reason) =>
        RunAsync(id, (d, who, now, currency) => d.AppealDecision(who, reason, now), W["Notice.Appealed"]);

    public Task<IActionResult> OnPostShipReturnAsync(string id, string? carrier, string? trackingNumber) =>
        RunAsync(id, (d, who, now, currency) => d.ShipReturn(who, carrier, trackingNumber, now), W["Notice.ReturnShipped"]);

    public Task<IActionResult> OnPostReturnReceivedAsync(string id) =>
        RunAsync(id, (d, who, now, currency) => d.ConfirmReturnReceived(who, now), d => W["Notice.ReturnReceived", W.NextForTheMoney(d)]);

    public Task<IActionResult> OnPostRefuseReturnAsync(string id, string? note) =>
        RunAsync(id, (d, who, now, currency) => d.RefuseReturn(who, note, now), W["Notice.ReturnRefused"]);

    public async Task<IActionResult> OnPostEvidenceAsync(string id, IFormFile? file)
    {
        if (DisputeId.Parse(id)?.OrderId is not { } orderId)
        {
            return NotFound();
        }

        if (file is null || file.Length == 0 || file.Length > RequestLimitsMiddleware.EvidenceLimit)
        {
            return Done(DomainError.Invalid(ErrorCode.FileRequired, W["Evidence.TooLarge", RequestLimitsMiddleware.EvidenceLimit / 1024 / 1024]), "");
        }

        var added = await uploads.AddAsync(Caller, orderId, id, file, HttpContext.RequestAborted);
        return Done(added.Error, W["Notice.EvidenceAdded", file.FileName]);
    }

    /// <param name="command">Runs on the dispute, given the caller, the instant and the order's currency.</param>
    private Task<IActionResult> RunAsync(string id, Func<Dispute, Actor, DateTimeOffset, Currency, Result> command, string notice) =>
        RunAsync(id, command, _ => notice);

    /// <summary>Runs a command on the dispute; the notice says what the saved dispute now means, so it never promises what is not so.</summary>
    private async Task<IActionResult> RunAsync(string id, Func<Dispute, Actor, DateTimeOffset, Currency, Result> command, Func<Dispute, string> notice)
    {
        var result = await disputes.RunAsync(Caller, id, (order, dispute, now) => command(dispute, Caller.Actor, now, order.Currency).Done(), (_, order) => notice(order.Dispute(id)!), HttpContext.RequestAborted);
        return Done(result.Error, result.Value ?? "");
    }
}
