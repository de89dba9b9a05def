namespace Arbiter.Domain.Common;

/// <summary>
/// Every stable error code Arbiter answers with, as one catalogue: the problem details' <c>code</c> is
/// the snake_case word (<c>InvalidState</c> is <c>invalid_state</c>). Codes are part of the contract:
/// add freely, never rename.
/// </summary>
public enum ErrorCode
{
    /// <summary>The account was erased on request: it can no longer sign in, act, or be a party to a new order.</summary>
    AccountErased,

    /// <summary>An account with this id exists already; ids are the platform's, one account each.</summary>
    AccountExists,

    /// <summary>Something of the account's is still open (an order, a dispute, a refund on its way, a window to dispute in): it can be erased once all of it has finished.</summary>
    AccountHasOpenDisputes,

    /// <summary>The dispute is already assigned to that mediator, or is not waiting for one.</summary>
    AlreadyAssigned,

    /// <summary>The caller's role may never do this (a buyer deciding a dispute, a seller confirming receipt): no retry helps.</summary>
    ActionNotAllowedForRole,

    /// <summary>The order has shipped already: it cannot ship again, and a buyer who wants out opens a dispute instead of cancelling.</summary>
    AlreadyShipped,

    /// <summary>The amount is more than the line can still refund (its price and shipping, less earlier refunds and chargebacks); the detail says how much can.</summary>
    AmountExceedsLineTotal,

    /// <summary>The request needs a JSON body and came without one.</summary>
    BodyRequired,

    /// <summary>The chargeback is more than what is left of the order's payment to charge back.</summary>
    ChargebackExceedsPayment,

    /// <summary>The buyer's bank is deciding about the payment: nothing may move the money (no new dispute, no refund) until the chargeback closes.</summary>
    ChargebackOpen,

    /// <summary>Someone changed the order at the same moment: read it again and retry if it still makes sense.</summary>
    ConcurrentModification,

    /// <summary>The act loses the caller something (accepting no refund, cancelling in mediation or near the end of protection): send <c>confirm: true</c> once the person has agreed.</summary>
    ConfirmationRequired,

    /// <summary>The window for this has closed (the appeal window).</summary>
    DeadlinePassed,

    /// <summary><c>deliveredAt</c> is before the parcel was shipped.</summary>
    DeliveredBeforeShipment,

    /// <summary><c>deliveredAt</c> is in the future.</summary>
    DeliveredInFuture,

    /// <summary>A dispute needs a description of the problem, within the length limit.</summary>
    DescriptionRequired,

    /// <summary>This line already has an open dispute: work on that one.</summary>
    DisputeAlreadyOpen,

    /// <summary>A dispute on this line (or every line) was settled for good, so no new one can open.</summary>
    DisputeNotReopenable,

    /// <summary>A dispute on the order is open: receipt cannot be confirmed until it ends.</summary>
    DisputeOpen,

    /// <summary>Two lines of the order have the same id.</summary>
    DuplicateLine,

    /// <summary>The file was erased, with its uploader's words (on their request, or by the retention policy): its name and bytes are gone.</summary>
    EvidenceErased,

    /// <summary>The party has uploaded as many evidence files, or as many bytes, as the policy allows.</summary>
    EvidenceLimitReached,

    /// <summary>The extension would add more days than the policy allows in total.</summary>
    ExtensionExceedsMaximum,

    /// <summary>No such request for more time on this order.</summary>
    ExtensionRequestNotFound,

    /// <summary>The request for more time was answered or lapsed already, or none waits.</summary>
    ExtensionRequestNotPending,

    /// <summary>A request for more time is already waiting for its answer.</summary>
    ExtensionRequestPending,

    /// <summary>An upload needs one file, as multipart/form-data in the field <c>file</c>.</summary>
    FileRequired,

    /// <summary>The HTTP request failed before reaching Arbiter's rules, for the reason its status gives.</summary>
    HttpError,

    /// <summary>A request with this <c>Idempotency-Key</c> is still running, or was interrupted after it may have acted: read the resource, then retry with the same key.</summary>
    IdempotencyKeyInProgress,

    /// <summary>This <c>Idempotency-Key</c> was used for a different request by the same caller: use a new key for a new request.</summary>
    IdempotencyKeyReused,

    /// <summary>No such question on this dispute.</summary>
    InfoRequestNotFound,

    /// <summary>That party still has a question to answer: wait for it, or for it to lapse.</summary>
    InfoRequestOpen,

    /// <summary>Something went wrong on Arbiter's side: retry with the same <c>Idempotency-Key</c>, and give the operators the <c>traceId</c>.</summary>
    InternalError,

    /// <summary><c>displayName</c> is missing or not 1 to 200 characters without line breaks.</summary>
    InvalidAccount,

    /// <summary>The amount is missing, not positive, or given where none belongs (a promise refunds nothing).</summary>
    InvalidAmount,

    /// <summary><c>to</c> does not name a mediator's account other than the current one.</summary>
    InvalidAssignee,

    /// <summary>The chargeback was closed already, or the order has none open.</summary>
    InvalidChargebackState,

    /// <summary><c>currency</c> is not an ISO 4217 code.</summary>
    InvalidCurrency,

    /// <summary>The number of days is out of its range (the detail gives it).</summary>
    InvalidDays,

    /// <summary><c>deliveredAt</c> is not between the return's shipment and now.</summary>
    InvalidDeliveryTime,

    /// <summary>The description is too long.</summary>
    InvalidDescription,

    /// <summary>The clock can only move forward, by at most ten years.</summary>
    InvalidDuration,

    /// <summary><c>email</c> is not one plain e-mail address.</summary>
    InvalidEmail,

    /// <summary><c>eventTypes</c> names a type <c>GET /api/v1/event-types</c> does not list; <c>*</c> is all.</summary>
    InvalidEventTypes,

    /// <summary>An id is not 1 to 128 letters, digits or <c>- _ . :</c>.</summary>
    InvalidId,

    /// <summary>The <c>Idempotency-Key</c> is longer than 255 characters.</summary>
    InvalidIdempotencyKey,

    /// <summary><c>limit</c> or <c>after</c> is out of range.</summary>
    InvalidLimit,

    /// <summary>A line lacks its id or title, or has a quantity under 1 or a negative price.</summary>
    InvalidLine,

    /// <summary>The offer type is not one of the words, or does not fit the dispute (a wait for a parcel that arrived).</summary>
    InvalidOfferType,

    /// <summary>The decision's <c>outcome</c> is not one of the words.</summary>
    InvalidOutcome,

    /// <summary><c>overlapHours</c> is not between 0 and 168.</summary>
    InvalidOverlap,

    /// <summary>A list's <c>limit</c> or <c>offset</c> is out of range.</summary>
    InvalidPaging,

    /// <summary><c>from</c> is not <c>buyer</c>, <c>seller</c> or <c>both</c>.</summary>
    InvalidParty,

    /// <summary>The reason is not one of the words, or does not fit whether the item was received.</summary>
    InvalidReason,

    /// <summary><c>region</c> is not an ISO 3166 alpha-2 country code.</summary>
    InvalidRegion,

    /// <summary>The refund cannot take this report in its status (a completed refund reported failed, a withdrawn one sent).</summary>
    InvalidRefundState,

    /// <summary>The request cannot be read: malformed JSON, a field of the wrong type (a number sent as a string), or a bad parameter.</summary>
    InvalidRequest,

    /// <summary><c>returnAddress</c> is too long.</summary>
    InvalidReturnAddress,

    /// <summary><c>returnTo</c> is not a path on this service.</summary>
    InvalidReturnTo,

    /// <summary><c>role</c> is not <c>buyer</c>, <c>seller</c> or <c>mediator</c>.</summary>
    InvalidRole,

    /// <summary>The dispute's status does not allow this now (an offer on a resolved dispute); <c>allowedActions</c> says what does.</summary>
    InvalidState,

    /// <summary>The <c>status</c> filter is not one of the words.</summary>
    InvalidStatus,

    /// <summary>The order would cost nothing, or more than 4,611,686,018,427,387,903 minor units (half of what a 64-bit integer holds).</summary>
    InvalidTotal,

    /// <summary>The webhook URL is not an absolute https URL without a user name or password.</summary>
    InvalidUrl,

    /// <summary>An order needs at least one line.</summary>
    LinesRequired,

    /// <summary>The party has written as many messages on this dispute as the policy allows.</summary>
    MessageLimitReached,

    /// <summary>The route does not take this HTTP method.</summary>
    MethodNotAllowed,

    /// <summary>This list is only of what needs attention: add <c>?needsAttention=true</c>.</summary>
    NeedsAttentionRequired,

    /// <summary>No question waits for the caller's answer.</summary>
    NoOpenInfoRequest,

    /// <summary>No offer waits for the buyer's answer.</summary>
    NoPendingOffer,

    /// <summary>Only a mediator's first decision can be appealed, once.</summary>
    NotAppealable,

    /// <summary>Nothing with this id exists for the caller: what belongs to someone else is not found either.</summary>
    NotFound,

    /// <summary>An item that never arrived is refunded in full, without a return.</summary>
    NotReceivedRequiresFullRefund,

    /// <summary>This act needs a note saying why (a refused return, a decision).</summary>
    NoteRequired,

    /// <summary>No such offer on this dispute.</summary>
    OfferNotFound,

    /// <summary>The offer was answered or replaced already.</summary>
    OfferNotPending,

    /// <summary>An order with this id exists already.</summary>
    OrderExists,

    /// <summary>The order is not finished (something on it is open): what its parties wrote is kept until it is.</summary>
    OrderNotFinished,

    /// <summary>The order has not shipped yet.</summary>
    OrderNotShipped,

    /// <summary>The body is larger than the service takes (evidence files have their own, larger limit).</summary>
    PayloadTooLarge,

    /// <summary>An order needs <c>payment.method</c> and <c>payment.reference</c>.</summary>
    PaymentRequired,

    /// <summary>Buyer protection for the order has ended.</summary>
    ProtectionExpired,

    /// <summary>This report needs a <c>reason</c>.</summary>
    ReasonRequired,

    /// <summary>A claim says whether the item was received.</summary>
    ReceivedRequired,

    /// <summary>The stored answer to this idempotent request was withdrawn, because it mentioned an account that was erased since; the request was not run again.</summary>
    ResponseWithdrawn,

    /// <summary>For this reason the item goes back, so the solution must be <c>return_and_refund</c>.</summary>
    ReturnRequired,

    /// <summary>The buyer may escalate once the seller has answered, or failed to in time.</summary>
    SellerHasNotResponded,

    /// <summary>An order needs a <c>shippingMethod</c>.</summary>
    ShippingMethodRequired,

    /// <summary>A claim needs <c>solution.type</c>: <c>refund_only</c> or <c>return_and_refund</c>.</summary>
    SolutionRequired,

    /// <summary>The text is empty.</summary>
    TextRequired,

    /// <summary>The text is longer than the limit the detail gives.</summary>
    TextTooLong,

    /// <summary>Too many failed sign-ins from this address: wait the seconds <c>Retry-After</c> gives.</summary>
    TooManyFailedSignIns,

    /// <summary>Too many uploads at once from this caller: wait the seconds <c>Retry-After</c> gives.</summary>
    TooManyUploads,

    /// <summary>A shipment needs a carrier and a tracking number.</summary>
    TrackingRequired,

    /// <summary>No valid bearer token: send the platform key or an account token.</summary>
    Unauthorized,

    /// <summary><c>buyerId</c> names no buyer account.</summary>
    UnknownBuyer,

    /// <summary><c>evidenceIds</c> names a file the caller did not upload to this order or dispute.</summary>
    UnknownEvidence,

    /// <summary><c>lineId</c> names no line of the order.</summary>
    UnknownLine,

    /// <summary><c>sellerId</c> names no seller account.</summary>
    UnknownSeller,

    /// <summary>Evidence must be a JPEG, PNG, GIF or WebP image, an MP4, MOV or WebM video, or a PDF, as its bytes show.</summary>
    UnsupportedFileType,

    /// <summary>The body is not JSON in a Unicode encoding.</summary>
    UnsupportedMediaType,

    /// <summary>The webhook URL's host is, or resolves to, an address Arbiter does not call (loopback, private or link-local networks).</summary>
    WebhookTargetRefused,
}
