using CulturaLite.Api.Accounts;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Alerts;

/// <summary>A confirmed subscription as its owner sees it.</summary>
public sealed record SubscriptionResponse(int Id, string Email, string Frequency, IReadOnlyDictionary<string, string> Filters, DateTime? ConfirmedAt)
{
    public static SubscriptionResponse From(Subscription s) => new(s.Id, s.Email, s.Frequency, SubscriptionFilters.AsObject(s.Filters), s.ConfirmedAt);
}

public sealed record ConfirmedResponse(string Message, SubscriptionResponse Subscription);

/// <summary>Email digests without an account (API.md "Alerts"): subscribe, confirm, unsubscribe, and the "manage" link.</summary>
[ApiController]
[AllowAnonymous]
[Route("api/subscriptions")]
[Tags("Alerts")]
[EnableRateLimiting(RateLimits.Alerts)]
public sealed class SubscriptionsController(Subscriptions subscriptions, IOptions<SiteOptions> site) : ControllerBase
{
    /// <summary>Sends a confirmation email (double opt-in); the same 202 whether or not the address is subscribed.</summary>
    [HttpPost]
    [ProducesResponseType<MessageResponse>(202)]
    public async Task<IActionResult> Subscribe(SubscriptionRequest? request, CancellationToken ct) =>
        (await subscriptions.SubscribeAsync(request, site.Value.BaseUrl(Request), ct)).ToResult(message => StatusCode(202, new MessageResponse(message)));

    [HttpPost("confirm")]
    [ProducesResponseType<ConfirmedResponse>(200)]
    public async Task<IActionResult> Confirm(TokenRequest? request, CancellationToken ct) =>
        (await subscriptions.ConfirmAsync(request?.Token, ct)).ToResult(s =>
            Ok(new ConfirmedResponse("Your alert is confirmed. The first digest holds what is approved from now on.", SubscriptionResponse.From(s))));

    [HttpPost("unsubscribe")]
    [ProducesResponseType<MessageResponse>(200)]
    public async Task<IActionResult> Unsubscribe(TokenRequest? request, CancellationToken ct) =>
        (await subscriptions.UnsubscribeAsync(request?.Token, ct)).ToResult(_ => Ok(new MessageResponse("You are unsubscribed: no more emails will be sent for this alert.")));

    /// <summary>Emails the address a link to its subscriptions; the same 202 whether or not it has any.</summary>
    [HttpPost("manage")]
    [ProducesResponseType<MessageResponse>(202)]
    public async Task<IActionResult> Manage(ManageRequest? request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var email = errors.Text("email", request?.Email, Accounts.User.EmailMaxLength);
        if (email is not null && !Registration.IsEmail(email))
        {
            errors.Add("email", "Enter a valid email address.");
        }
        if (errors.Any)
        {
            return errors.ToProblem();
        }
        await subscriptions.ManageAsync(email!, ct);
        return StatusCode(202, new MessageResponse(Subscriptions.ManageRequested));
    }
}
