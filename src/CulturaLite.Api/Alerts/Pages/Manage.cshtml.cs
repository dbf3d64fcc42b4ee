using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Alerts.Pages;

/// <summary>`/s/manage?token=`: every alert of the address the link was sent to, each with its unsubscribe button.</summary>
[AllowAnonymous]
[EnableRateLimiting(Accounts.RateLimits.Alerts)]
public sealed class ManageModel(Subscriptions subscriptions) : PageModel
{
    public IReadOnlyList<Subscription>? Held { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken ct)
    {
        Held = await subscriptions.ListAsync(token, ct);
        if (Held is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
