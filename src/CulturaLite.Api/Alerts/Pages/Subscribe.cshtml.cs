using System.Text.Json;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Alerts.Pages;

/// <summary>
/// `/s/subscribe?{filters}`: the home page's "email me" for its current filters, a form with the address and the
/// frequency. It calls the API's own <see cref="Subscriptions.SubscribeAsync"/>, so the rules and messages are the same.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Accounts.RateLimits.Alerts)]
public sealed class SubscribeModel(Subscriptions subscriptions, IOptions<SiteOptions> site) : PageModel
{
    public FieldErrors Errors { get; private set; } = new();
    public bool Sent { get; private set; }

    /// <summary>The filters of the list the visitor came from that a subscription can hold.</summary>
    public IReadOnlyDictionary<string, string> Filters => Request.Query
        .Where(kv => SubscriptionFilters.Allowed.Contains(kv.Key) && kv.Value.ToString().Length > 0)
        .ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);

    public string Email { get; private set; } = "";
    public string Frequency { get; private set; } = DigestFrequency.Weekly;

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        var form = await Request.ReadFormAsync(ct);
        Email = form["email"].ToString();
        Frequency = form["frequency"].ToString();
        var filters = JsonSerializer.SerializeToElement(Filters);
        var outcome = await subscriptions.SubscribeAsync(new SubscriptionRequest(Email, Frequency, filters), site.Value.BaseUrl(Request), ct);
        Sent = outcome.Succeeded;
        if (!Sent)
        {
            Errors = outcome.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
