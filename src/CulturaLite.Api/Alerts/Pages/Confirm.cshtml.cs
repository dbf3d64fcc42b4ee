using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Alerts.Pages;

/// <summary>`/s/confirm?token=`: the link in a confirmation email confirms the subscription and says so.</summary>
[AllowAnonymous]
[EnableRateLimiting(Accounts.RateLimits.Alerts)]
public sealed class ConfirmModel(Subscriptions subscriptions) : PageModel
{
    public bool Confirmed { get; private set; }
    public string? ManageToken { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken ct)
    {
        var outcome = await subscriptions.ConfirmAsync(token, ct);
        Confirmed = outcome.Succeeded;
        ManageToken = outcome.Value?.Token;
        if (!Confirmed)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
