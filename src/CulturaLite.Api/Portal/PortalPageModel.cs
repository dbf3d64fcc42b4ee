using CulturaLite.Api.Accounts;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Site;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CulturaLite.Api.Portal;

/// <summary>
/// What every portal page shares: the signed-in vendor, the unread count the menu shows, the field errors a form
/// shows next to its fields, and the message of the last action (carried across the redirect that follows a POST).
/// </summary>
public abstract class PortalPageModel : PageModel
{
    /// <summary>The signed-in vendor's id (0 on the pages open to everyone).</summary>
    protected int Me => User.UserId();

    public FieldErrors Errors { get; protected set; } = new();

    /// <summary>
    /// What the last action did, shown once at the top of the page it led to: its resource key and arguments, kept
    /// across the redirect and translated when shown (the language may change in between).
    /// </summary>
    [TempData]
    public string? Done { get; set; }

    private const char Separator = '\u001f';

    /// <summary>The last action's message in the interface's language.</summary>
    public string? DoneText => Done is { } done && done.Split(Separator) is [var key, .. var args] ? Text[key, args].Value : null;

    /// <summary>A failure that belongs to no field (a conflict, a limit).</summary>
    public string? Problem { get; protected set; }

    protected string BaseUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}";

    protected IStringLocalizer<UiText> Text => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<UiText>>();

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ViewData["Section"] = "vendor";
        if (Me != 0)
        {
            ViewData["Unread"] = await HttpContext.RequestServices.GetRequiredService<NotificationInbox>().UnreadAsync(Me, HttpContext.RequestAborted);
        }
        await next();
    }

    /// <summary>Shows an outcome's failure on this page: field errors by their fields, anything else as one sentence.</summary>
    protected IActionResult Failed<T>(Outcome<T> outcome)
    {
        if (outcome.Failure == Failure.Invalid)
        {
            Errors = outcome.Errors;
        }
        else
        {
            Problem = Messages.Translate(Text, outcome.Reason);
        }
        Response.StatusCode = outcome.Failure switch
        {
            Failure.NotFound => StatusCodes.Status404NotFound,
            Failure.Conflict => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status400BadRequest,
        };
        return Page();
    }

    /// <summary>After a successful POST: the message for the next page (a resource key and its arguments), then a redirect to it (a reload posts nothing twice).</summary>
    protected IActionResult DoneThen(string key, string url, params string[] args)
    {
        Done = string.Join(Separator, [key, .. args]);
        return LocalRedirect(url);
    }
}
