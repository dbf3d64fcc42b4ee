using System.Globalization;
using CulturaLite.Api.Data;
using CulturaLite.Api.Festivals;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Portal.Pages;

/// <summary>
/// The vendor's festivals (`/vendor/festivals`) and one festival (`/vendor/festivals/{id}`): submit, edit (back to
/// review), delete, and take an event out of it, through the dashboard's own service (<see cref="DashboardFestivals"/>).
/// </summary>
[EnableRateLimiting(Accounts.RateLimits.Submissions)]
public sealed class FestivalsModel(AppDbContext db, DashboardFestivals festivals, IOptions<SiteOptions> site) : PortalPageModel
{
    [FromRoute(Name = "id")]
    public int? Id { get; set; }

    public IReadOnlyList<DashboardFestivalResponse> Mine { get; private set; } = [];

    public DashboardFestivalResponse? Current { get; private set; }

    /// <summary>The events in the festival (every vendor's), each series once.</summary>
    public IReadOnlyList<(int Id, string Title, DateTime EventDate, string Organizer)> Events { get; private set; } = [];

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public string V(string name) => Values.GetValueOrDefault(name, "");

    public TimeZoneInfo Zone => site.Value.Zone;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        if (Current is { } f)
        {
            Show(f);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (fields, problem) = await RequestFields.ReadAsync(Request, ct);
        if (fields is null)
        {
            Problem = problem?.Value is ProblemDetails details ? details.Detail : null;
            await LoadAsync(ct);
            Response.StatusCode = 400;
            return Page();
        }
        foreach (var name in new[] { "title", "description", "city", "start_date", "end_date", "image_url", "website" })
        {
            Values[name] = fields.Get(name)?.Text ?? "";
        }
        if (fields.File("image") is { Length: 0 })
        {
            fields.Without("image");
        }
        var saved = Id is { } id
            ? await festivals.EditAsync(Me, id, fields, partial: false, BaseUrl, ct)
            : await festivals.SubmitAsync(Me, fields, BaseUrl, ct);
        if (saved.Value is not { } f)
        {
            await LoadAsync(ct);
            return Failed(saved);
        }
        return DoneThen("“{0}” is saved and waits for review. We will tell you when it is decided.", $"/vendor/festivals/{f.Id}", f.Title);
    }

    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct) =>
        Id is { } id && await festivals.DeleteAsync(Me, id, ct) ? DoneThen("The festival is deleted; its events stay, outside it.", "/vendor/festivals") : NotFound();

    public async Task<IActionResult> OnPostDetachAsync(int eventId, CancellationToken ct) =>
        Id is { } id && await festivals.DetachAsync(Me, admin: false, id, eventId, ct)
            ? DoneThen("The event is no longer part of the festival.", $"/vendor/festivals/{id}")
            : NotFound();

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Mine = await db.Festivals.AsNoTracking().Where(f => f.VendorId == Me).OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).Take(100)
            .Select(DashboardFestivalResponse.Projection).ToListAsync(ct);
        if (Id is not { } id)
        {
            return true;
        }
        Current = await festivals.FindAsync(Me, id, admin: false, ct);
        if (Current is null)
        {
            return false;
        }
        Events = (await db.Events.AsNoTracking().Where(e => e.FestivalId == id).Where(CulturaLite.Api.Events.Event.StandsForItself).OrderBy(e => e.EventDate).Take(500)
                .Select(e => new { e.Id, e.Title, e.EventDate, Organizer = e.Vendor.OrganizationName != "" ? e.Vendor.OrganizationName : e.Vendor.Name }).ToListAsync(ct))
            .ConvertAll(e => (e.Id, e.Title, e.EventDate, e.Organizer));
        return true;
    }

    private void Show(DashboardFestivalResponse f)
    {
        string Day(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Values["title"] = f.Title;
        Values["description"] = f.Description;
        Values["city"] = f.City;
        Values["start_date"] = Day(f.StartDate);
        Values["end_date"] = Day(f.EndDate);
        Values["image_url"] = f.Images is null ? f.ImageUrl : "";
        Values["website"] = f.Website ?? "";
    }
}
