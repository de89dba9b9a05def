using Arbiter.Domain.Common;

namespace Arbiter.Domain.Disputes;

/// <summary>Mediation: questions with business-day deadlines, decisions, and one appeal.</summary>
public sealed partial class Dispute
{
    /// <summary>The mediator asks one party or both a question; whoever stays silent past the deadline loses.</summary>
    public Result<InfoRequest> RequestInfo(Actor mediator, IReadOnlyList<Party> from, string? question, int? businessDays, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.RequestInfo, mediator, now);
        if (!guard.IsSuccess)
        {
            return guard.Error!;
        }

        if (from.Count == 0)
        {
            return DomainError.Invalid(ErrorCode.InvalidParty, "from must be buyer, seller or both.");
        }

        if (TextError(question, required: true) is { } error)
        {
            return error;
        }

        var days = businessDays ?? Policy.InfoRequestBusinessDays;
        if (days is < 1 or > 30)
        {
            return DomainError.Invalid(ErrorCode.InvalidDays, "businessDays must be between 1 and 30.");
        }

        if (from.Any(Escalation!.Awaits))
        {
            return DomainError.Conflict(ErrorCode.InfoRequestOpen, "That party still has a question to answer.");
        }

        var request = new InfoRequest($"ir{Escalation.InfoRequests.Count + 1}", [.. from], question!.Trim(), now, from.Max(p => Order.CalendarOf(p).Add(now, days)));
        Escalation = Escalation with { InfoRequests = [.. Escalation.InfoRequests, request] };
        Record(now, mediator, HistoryAction.InfoRequested, $"{request.Id} from {string.Join(" and ", from.Select(Words.Of))}, due {request.DueAt:O}");
        return request;
    }

    /// <summary>The party asked answers, with optional evidence already uploaded to the dispute.</summary>
    public Result AnswerInfoRequest(Actor party, string requestId, string? text, IReadOnlyList<string>? evidenceIds, DateTimeOffset now)
    {
        if (Escalation?.InfoRequests.FirstOrDefault(r => r.Id == requestId) is not { } request)
        {
            return DomainError.NotFound(ErrorCode.InfoRequestNotFound, "No such question on this dispute.");
        }

        var guard = Guard(DisputeAction.AnswerInfoRequest, party, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        var who = PartyOf(party);
        if (!request.Awaits(who))
        {
            return DomainError.Conflict(ErrorCode.NoOpenInfoRequest, "This question is not waiting for your answer.");
        }

        if (TextError(text, required: true) is { } error)
        {
            return error;
        }

        var evidence = evidenceIds ?? [];
        if (evidence.Any(e => !Order.IsEvidenceOf(Id, e, party.Id!)))
        {
            return DomainError.Invalid(ErrorCode.UnknownEvidence, "evidenceIds must name files you uploaded to this dispute.");
        }

        Order.AttachEvidence(evidence, Id);
        var answers = request.Answers.Append(new InfoAnswer(who, text!.Trim(), [.. evidence], now)).ToList();
        ReplaceRequest(request with { Answers = answers, Closed = request.Parties.All(p => answers.Exists(a => a.Party == p)) });
        Record(now, party, HistoryAction.InfoAnswered, request.Id);
        return Result.Ok;
    }

    /// <summary>
    /// The mediator decides. A first decision can be appealed for <see cref="Policy.AppealWindow"/>;
    /// its money moves when that window closes. The decision after an appeal is final and carried out at once.
    /// </summary>
    public Result Decide(Actor mediator, MediatorOutcome outcome, long? amount, Party? returnShippingPaidBy, string? note, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.Decide, mediator, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        if (TextError(note, required: true) is not null)
        {
            return DomainError.Invalid(ErrorCode.NoteRequired, "A decision says why, in 1 to 4000 characters.");
        }

        var refundable = Order.Refundable(Order.Line(LineId)!);
        if (outcome == MediatorOutcome.PartialRefund && amount is not > 0)
        {
            return DomainError.Invalid(ErrorCode.InvalidAmount, "A partial refund needs a positive amount.");
        }

        if (outcome == MediatorOutcome.PartialRefund && Order.Amount(amount!.Value) > refundable)
        {
            return DomainError.Invalid(ErrorCode.AmountExceedsLineTotal, $"At most {refundable} can be refunded on this line.");
        }

        var refund = outcome switch
        {
            MediatorOutcome.PartialRefund => Order.Amount(amount!.Value),
            MediatorOutcome.NoRefund => Order.Amount(0),
            _ => refundable,
        };
        var withReturn = outcome == MediatorOutcome.FullRefundWithReturn;
        var final = Escalation!.Appealed;
        Record(now, mediator, final ? HistoryAction.FinalDecision : HistoryAction.Decided, $"{Words.Of(outcome)} {refund}: {note}");
        AppealDeadline = final ? null : now + Policy.AppealWindow;
        Escalation = Escalation with { DecidedBy = mediator.Id };
        Conclude(new Outcome(refund, withReturn, DecidedBy.Mediator, now, note!.Trim(), withReturn ? returnShippingPaidBy ?? Party.Seller : null), now);
        return Result.Ok;
    }

    /// <summary>Either party appeals a mediator's first decision, once, within the window; the money waits.</summary>
    public Result AppealDecision(Actor party, string? reason, DateTimeOffset now)
    {
        var guard = Guard(DisputeAction.Appeal, party, now);
        if (!guard.IsSuccess)
        {
            return guard;
        }

        if (TextError(reason, required: true) is { } error)
        {
            return DomainError.Invalid(ErrorCode.ReasonRequired, error.Message);
        }

        Appeal = new Appeal(PartyOf(party), reason!.Trim(), now);
        AppealDeadline = null;
        Outcome = null;
        Return = null;
        Status = DisputeStatus.Escalated;
        Escalation = new Escalation(now, party.ToString(), reason) { Appealed = true, FirstDecider = Escalation?.DecidedBy };
        Record(now, party, HistoryAction.Appealed, reason);
        return Result.Ok;
    }

    /// <summary>
    /// A question's deadline passed: a single silent party loses; if both stayed silent the mediator decides.
    /// Questions lapsing at the same instant count together, so asking both parties separately
    /// behaves like asking them at once (and the outcome never depends on which question fires first).
    /// </summary>
    private void LapseInfoRequest(string requestId, DateTimeOffset at)
    {
        var lapsing = Escalation!.InfoRequests.Where(r => r.Id == requestId || (!r.Closed && r.DueAt <= at)).ToList();
        var silent = lapsing.SelectMany(r => r.Parties.Where(r.Awaits)).Distinct().ToList();
        var ids = string.Join(", ", lapsing.Select(r => r.Id));
        foreach (var request in lapsing)
        {
            ReplaceRequest(request with { Closed = true });
        }

        if (silent.Count != 1)
        {
            Record(at, Actor.Clock, HistoryAction.InfoRequestLapsed, $"{ids}: neither party answered; the mediator decides");
            return;
        }

        Record(at, Actor.Clock, HistoryAction.InfoRequestLapsed, $"{ids}: the {Words.Of(silent[0])} did not answer and loses");
        Conclude(silent[0] == Party.Buyer ? new Outcome(Order.Amount(0), false, DecidedBy.PartyNoResponse, at) : ClaimOutcome(DecidedBy.PartyNoResponse, at), at);
    }

    private void ReplaceRequest(InfoRequest request) =>
        Escalation = Escalation! with { InfoRequests = [.. Escalation.InfoRequests.Select(r => r.Id == request.Id ? request : r)] };
}
