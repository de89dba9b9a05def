using Arbiter.Domain.Common;
using Arbiter.Hosting;
using Arbiter.Mail;
using Arbiter.Privacy;
using Arbiter.Storage;
using Arbiter.Web;

namespace Arbiter.Api;

internal static class AccountsApi
{
    /// <summary>What an erased account answers to anything that would let it act again.</summary>
    public static readonly DomainError Erased = DomainError.Conflict(ErrorCode.AccountErased, "The account was erased on request: it can no longer sign in or act.");

    public static void MapAccounts(this IEndpointRouteBuilder api)
    {
        api.MapPost("/accounts", CreateAsync).Answers<AccountCreatedView>(StatusCodes.Status201Created).WithTags("Accounts").WithSummary("Create a buyer, seller or mediator account (platform)");
        api.MapPost("/accounts/{id}/sign-in-links", MintSignInLinkAsync).Answers<SignInLinkView>(StatusCodes.Status201Created).WithTags("Accounts")
            .WithSummary("Mint a one-time link that signs the account in to the web interface, for a user the platform has signed in itself (platform)");
        api.MapPost("/accounts/{id}/token-rotations", ReplaceTokenAsync).Answers<AccountCreatedView>(StatusCodes.Status201Created).WithTags("Accounts")
            .WithSummary("Give the account a new token, shown once: the old one, the account's web sessions and its unused sign-in links stop working (platform)");
        api.MapPost("/accounts/{id}/erasure", EraseAsync).Answers<ErasureView>(StatusCodes.Status202Accepted).WithTags("Accounts")
            .WithSummary("Erase the account's personal data once nothing of theirs is open: name, e-mail, the words they wrote and their evidence; its token and sessions stop working; amounts, ledger and history stay (platform)");
        api.MapGet("/accounts/{id}/erasure", ErasureAsync).Answers<ErasureView>().WithTags("Accounts").WithSummary("How the account's erasure stands (platform)");
        api.MapGet("/accounts/{id}/mail-preferences", (HttpContext http, AccountStore accounts, string id) => MailPreferencesAsync(http, accounts, id, null))
            .Answers<MailPreferencesView>().WithTags("Accounts").WithSummary("Whether the account gets reminder e-mails (the platform, the account itself)");
        api.MapPut("/accounts/{id}/mail-preferences", (HttpContext http, AccountStore accounts, string id, MailPreferencesView? body) => MailPreferencesAsync(http, accounts, id, body))
            .Answers<MailPreferencesView>().WithTags("Accounts")
            .WithSummary("Turn reminder e-mails on or off; e-mail about what happens to the account's orders and disputes always comes (the platform, the account itself)");
    }

    private static async Task<IResult> MailPreferencesAsync(HttpContext http, AccountStore accounts, string id, MailPreferencesView? change)
    {
        var caller = http.Caller();
        if (!(caller.Role == Role.Platform || caller.AccountId == id) || !Ids.IsValid(id) || await accounts.FindAsync(id, http.RequestAborted) is null)
        {
            return Problems.From(DomainError.NotFound(ErrorCode.NotFound, "No such account."));
        }

        if (change is not null)
        {
            await accounts.SetRemindersAsync(id, change.Reminders, http.RequestAborted);
        }

        return Results.Ok(new MailPreferencesView(await accounts.WantsRemindersAsync(id, http.RequestAborted)));
    }

    private static async Task<IResult> MintSignInLinkAsync(HttpContext http, AccountStore accounts, SignInLinks links, ServeOptions options, TimeProvider clock, string id, SignInLinkRequest? body)
    {
        if (http.Caller().Role != Role.Platform)
        {
            return Problems.From(Endpoint.Forbidden(http.Caller()));
        }

        if (body?.ReturnTo is { } returnTo && !ReturnPaths.IsSafe(returnTo))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCode.InvalidReturnTo, "returnTo must be a path on this service, such as /disputes/o1-d1, percent-encoded where it is not plain ASCII.");
        }

        if (!Ids.IsValid(id) || await accounts.FindAsync(id, http.RequestAborted) is not { } account)
        {
            return Problems.From(DomainError.NotFound(ErrorCode.NotFound, "No such account."));
        }

        if (account.ErasedAt is not null)
        {
            return Problems.From(Erased);
        }

        var now = clock.GetUtcNow();
        var token = await links.MintAsync(id, now, http.RequestAborted);
        var query = QueryString.Create(new Dictionary<string, string?> { ["token"] = token, ["returnUrl"] = body?.ReturnTo });
        // From the configured address, never the request's Host header, which the caller chooses.
        var url = $"{options.PublicBaseUrl}/signin/link{query}";
        ShownOnce.Mark(http, "url");
        return Results.Json(new SignInLinkView(url, (now + SignInLinks.Lifetime).UtcDateTime), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReplaceTokenAsync(HttpContext http, AccountStore accounts, Callers callers, TimeProvider clock, string id)
    {
        if (http.Caller().Role != Role.Platform)
        {
            return Problems.From(Endpoint.Forbidden(http.Caller()));
        }

        if (!Ids.IsValid(id) || await accounts.FindAsync(id, http.RequestAborted) is not { } account)
        {
            return Problems.From(DomainError.NotFound(ErrorCode.NotFound, "No such account."));
        }

        if (account.ErasedAt is not null)
        {
            return Problems.From(Erased);
        }

        var role = account.Role.ToString().ToLowerInvariant();
        var token = AccountStore.NewToken(role[..1]);
        ShownOnce.Mark(http, "token");
        if (!await accounts.ReplaceTokenAsync(id, token, clock.GetUtcNow(), http.RequestAborted))
        {
            return Problems.From(DomainError.NotFound(ErrorCode.NotFound, "No such account."));
        }

        callers.Forget(id);
        return Results.Json(new AccountCreatedView(id, role, token), statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> EraseAsync(HttpContext http, AccountStore accounts, Erasures erasures, Callers callers, string id)
    {
        if (http.Caller().Role != Role.Platform)
        {
            return Problems.From(Endpoint.Forbidden(http.Caller()));
        }

        if (!Ids.IsValid(id) || await accounts.FindAsync(id, http.RequestAborted) is not { } account)
        {
            return Problems.From(DomainError.NotFound(ErrorCode.NotFound, "No such account."));
        }

        var erasure = await erasures.RequestAsync(account, http.RequestAborted);
        if (erasure.Error is { } refused)
        {
            return Problems.From(refused);
        }

        callers.Forget(id);
        return Results.Json(ErasureView.Of(erasure.Value!), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> ErasureAsync(HttpContext http, Erasures erasures, string id)
    {
        if (http.Caller().Role != Role.Platform)
        {
            return Problems.From(Endpoint.Forbidden(http.Caller()));
        }

        return Ids.IsValid(id) && await erasures.FindAsync(id, http.RequestAborted) is { } erasure
            ? Results.Ok(ErasureView.Of(erasure))
            : Problems.From(DomainError.NotFound(ErrorCode.NotFound, "No erasure was asked for this account."));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CreateAccountRequest? body, AccountStore accounts, TimeProvider clock)
    {
        if (http.Caller().Role != Role.Platform)
        {
            return Problems.From(Endpoint.Forbidden(http.Caller()));
        }

        if (body is null)
        {
            return Problems.From(Endpoint.MissingBody);
        }

        if (Ids.Check(body.Id, "id") is { } idError)
        {
            return Problems.From(idError);
        }

        if (body.Role is not ("buyer" or "seller" or "mediator"))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCode.InvalidRole, "role must be buyer, seller or mediator.");
        }

        if (string.IsNullOrWhiteSpace(body.DisplayName) || body.DisplayName.Length > 200 || body.DisplayName.Any(char.IsControl))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCode.InvalidAccount, "displayName (1-200 characters, no line breaks) is required.");
        }

        var email = string.IsNullOrWhiteSpace(body.Email) ? null : body.Email.Trim();
        if (email is not null && !EmailAddresses.IsValid(email))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCode.InvalidEmail, "email must be one e-mail address such as ana@example.com, without a name or anything else around it.");
        }

        var region = Regions.Normalize(body.Region);
        if (region is not null && !Regions.IsValid(region))
        {
            return Problems.Of(StatusCodes.Status422UnprocessableEntity, ErrorCode.InvalidRegion, "region must be a country code of two letters (ISO 3166 alpha-2), such as CN, RU or US.");
        }

        var role = Enum.Parse<Role>(body.Role, ignoreCase: true);
        var token = AccountStore.NewToken(body.Role[..1]);
        ShownOnce.Mark(http, "token");
        return await accounts.CreateAsync(new Account(body.Id!, role, body.DisplayName.Trim(), email, region), token, clock.GetUtcNow(), http.RequestAborted)
            ? Results.Json(new AccountCreatedView(body.Id!, body.Role, token), statusCode: StatusCodes.Status201Created)
            : Problems.Of(StatusCodes.Status409Conflict, ErrorCode.AccountExists, $"An account with id {body.Id} exists already.");
    }
}
