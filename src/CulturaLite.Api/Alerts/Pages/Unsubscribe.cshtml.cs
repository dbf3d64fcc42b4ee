using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace CulturaLite.Api.Alerts.Pages;

/// <summary>
/// `/s/unsubscribe?token=`: a page with one button (GET), and the RFC 8058 one-click unsubscribe (POST), which a mail
/// client sends without a page or a cookie: the token is the whole authority, so the POST takes no antiforgery token.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(Accounts.RateLimits.Alerts)]
public sealed class UnsubscribeModel(Subscriptions subscriptions) : PageModel
{
    public string? Token { get; private set; }
    public Subscription? Found { get; private set; }
    public bool Done { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken ct)
    {
        Token = token;
        Found = await subscriptions.FindAsync(token, ct);
        if (Found is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async Task OnPostAsync(CancellationToken ct)
    {
        // The URL of the List-Unsubscribe header carries the token; the page's form sends it too.
        var token = Request.Query["token"].ToString();
        if (token.Length == 0 && Request.HasFormContentType)
        {
            try
            {
                token = (await Request.ReadFormAsync(ct))["token"].ToString();
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                // A body that is not a readable form carries no token: the page says the link does not work.
            }
        }
        Done = (await subscriptions.UnsubscribeAsync(token, ct)).Succeeded;
        if (!Done)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
