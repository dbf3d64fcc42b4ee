using System.Globalization;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Portal.Pages;

/// <summary>
/// Submitting a new event (`/vendor/events/new`) or editing one (`/vendor/events/{id}/edit`): every field of the API, read
/// and checked by the dashboard's own service (<see cref="DashboardEvents"/>), its messages shown next to their fields.
/// The photo field opens the phone's camera or gallery; a large photo shows its upload progress where JavaScript runs.
/// </summary>
[EnableRateLimiting(Accounts.RateLimits.Submissions)]
public sealed class EventFormModel(AppDbContext db, DashboardEvents events, IOptions<SiteOptions> site) : PortalPageModel
{
    /// <summary>How many translation blocks the form shows beyond the event's own: one empty one to add a language.</summary>
    private const int SpareTranslations = 1;

    [FromRoute(Name = "id")]
    public int? Id { get; set; }

    public bool Creating => Id is null;

    /// <summary>Every field's value as the form shows it (from the event, or from what was just sent back with errors).</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public List<(string Language, string Title, string Description)> Translations { get; } = [];

    public IReadOnlyList<CategoryRef> Categories { get; private set; } = [];

    public IReadOnlyList<string> Languages => site.Value.EventLanguages;

    public string? CurrentImage { get; private set; }

    /// <summary>Public festivals not yet over, for the festival choice (with the event's own, whatever its state).</summary>
    public IReadOnlyList<(int Id, string Label)> Festivals { get; private set; } = [];

    /// <summary>The event is a date of a series other than its first.</summary>
    public bool IsSeriesDate { get; private set; }

    public string V(string name) => Values.GetValueOrDefault(name, "");

    public bool Ticked(string name, string value) => V(name).Split(',', StringSplitOptions.TrimEntries).Contains(value);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadChoicesAsync(ct);
        if (Creating)
        {
            Values["language"] = Languages[0];
            Values["attendance_mode"] = AttendanceModes.Offline;
            Values["currency"] = EventPrice.DefaultCurrency;
            return Page();
        }
        if (await events.FindAsync(Me, Id!.Value, ct) is not { } e)
        {
            return NotFound();
        }
        Show(e);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (fields, problem) = await RequestFields.ReadAsync(Request, ct);
        if (fields is null)
        {
            Problem = problem?.Value is Microsoft.AspNetCore.Mvc.ProblemDetails details ? details.Detail : null;
            await LoadChoicesAsync(ct);
            Response.StatusCode = 400;
            return Page();
        }
        var blocks = Enumerable.Range(0, 40).TakeWhile(i => fields.Has($"tr_lang_{i}")).Count();
        Remember(fields, blocks);
        PortalForm.Dates(fields, site.Value.Zone, "event_date", "end_date");
        PortalForm.Unticked(fields, "is_free", "accessibility");
        PortalForm.Translations(fields, blocks);
        PortalForm.Recurrence(fields);
        if (fields.File("image") is { Length: 0 })
        {
            fields.Without("image");
        }
        var saved = Creating
            ? await events.SubmitAsync(Me, fields, BaseUrl, ct)
            : await events.EditAsync(Me, Id!.Value, fields, partial: false, BaseUrl, ct);
        if (saved.Value is not { } e)
        {
            await LoadChoicesAsync(ct);
            if (!Creating && await events.FindAsync(Me, Id!.Value, ct) is { } current)
            {
                CurrentImage = current.ThumbnailUrl ?? current.ImageUrl;
                if (saved.Failure == Failure.Conflict)
                {
                    Values["version"] = current.Moderation.Version.ToString(CultureInfo.InvariantCulture);
                }
            }
            return Failed(saved);
        }
        return e.Moderation.Status == EventStatus.Approved
            ? DoneThen("“{0}” is saved and public.", $"/vendor/events/{e.Id}", e.Title)
            : DoneThen("“{0}” is saved and waits for review. We will tell you when it is decided.", $"/vendor/events/{e.Id}", e.Title);
    }

    private async Task LoadChoicesAsync(CancellationToken ct)
    {
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new CategoryRef(c.Id, c.Name, c.Slug)).ToListAsync(ct);
        var now = DateTime.UtcNow;
        var zone = site.Value.Zone;
        Festivals = (await db.Festivals.AsNoTracking().Where(CulturaLite.Api.Festivals.Festival.IsPublic).Where(f => f.EndDate >= now).OrderBy(f => f.StartDate).Take(200)
                .Select(f => new { f.Id, f.Title, f.City, f.StartDate, f.EndDate }).ToListAsync(ct))
            .ConvertAll(f => (f.Id, $"{f.Title} ({f.City}, {Site.IndianFormat.Day(f.StartDate, zone)} – {Site.IndianFormat.Day(f.EndDate, zone)})"));
    }

    /// <summary>What was sent, shown again as typed when a field needs correcting.</summary>
    private void Remember(RequestFields fields, int blocks)
    {
        foreach (var name in FieldNames)
        {
            Values[name] = fields.Get(name)?.Text ?? "";
        }
        for (var i = 0; i < blocks; i++)
        {
            Translations.Add((fields.Get($"tr_lang_{i}")?.Text ?? "", fields.Get($"tr_title_{i}")?.Text ?? "", fields.Get($"tr_description_{i}")?.Text ?? ""));
        }
    }

    private static readonly string[] FieldNames =
    [
        "title", "description", "category", "city", "event_date", "end_date", "image_url", "language", "venue_name", "venue_address", "locality",
        "pin_code", "latitude", "longitude", "is_free", "price_min", "price_max", "currency", "ticket_url", "age_min", "age_max", "accessibility",
        "attendance_mode", "online_url", "performance_languages", "performers", "version", "recurrence", "repeat_count", "repeat_rule", "exdates", "festival",
    ];

    /// <summary>The event's fields in the form's terms.</summary>
    private void Show(DashboardEventResponse e)
    {
        var zone = site.Value.Zone;
        string N(decimal? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "";
        string I(int? i) => i?.ToString(CultureInfo.InvariantCulture) ?? "";
        string D(double? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "";
        Values["title"] = e.Title;
        Values["description"] = e.Description;
        Values["category"] = e.Category.Slug;
        Values["city"] = e.City;
        Values["event_date"] = PortalForm.IsoToLocal(e.EventDate, zone);
        Values["end_date"] = PortalForm.IsoToLocal(e.EndDate, zone);
        Values["image_url"] = e.Images is null ? e.ImageUrl : "";
        Values["language"] = e.Language;
        Values["venue_name"] = e.Venue.Name ?? "";
        Values["venue_address"] = e.Venue.Address ?? "";
        Values["locality"] = e.Venue.Locality ?? "";
        Values["pin_code"] = e.Venue.PinCode ?? "";
        Values["latitude"] = D(e.Venue.Latitude);
        Values["longitude"] = D(e.Venue.Longitude);
        var f = e.Facts;
        Values["is_free"] = f.Price is { IsFree: true } ? "true" : "";
        Values["price_min"] = N(f.Price?.Min);
        Values["price_max"] = N(f.Price?.Max);
        Values["currency"] = f.Price?.Currency ?? EventPrice.DefaultCurrency;
        Values["ticket_url"] = f.TicketUrl ?? "";
        Values["age_min"] = I(f.AgeRange?.Min);
        Values["age_max"] = I(f.AgeRange?.Max);
        Values["accessibility"] = string.Join(',', f.Accessibility);
        Values["attendance_mode"] = f.AttendanceMode;
        Values["online_url"] = f.OnlineUrl ?? "";
        Values["performance_languages"] = string.Join(", ", f.PerformanceLanguages);
        Values["performers"] = string.Join('\n', f.Performers);
        Values["version"] = e.Moderation.Version.ToString(CultureInfo.InvariantCulture);
        Values["repeat_rule"] = e.Series?.Rule ?? "";
        Values["exdates"] = e.Series is { } series ? string.Join(", ", series.Exdates) : "";
        Values["festival"] = e.Festival?.Id.ToString(CultureInfo.InvariantCulture) ?? "";
        IsSeriesDate = e.Series is { } s && s.Id != e.Id;
        if (e.Festival is { } festival && Festivals.All(f => f.Id != festival.Id))
        {
            Festivals = [.. Festivals, (festival.Id, festival.Title)];
        }
        foreach (var (language, text) in e.Translations)
        {
            Translations.Add((language, text.Title, text.Description));
        }
        CurrentImage = e.ThumbnailUrl ?? e.ImageUrl;
    }

    /// <summary>The translation blocks to show: the event's, then an empty one to add a language.</summary>
    public IEnumerable<(int Index, string Language, string Title, string Description)> TranslationBlocks()
    {
        var shown = Translations.Where(t => t.Language.Length > 0 || t.Title.Length > 0 || t.Description.Length > 0).ToList();
        for (var i = 0; i < SpareTranslations; i++)
        {
            shown.Add(("", "", ""));
        }
        return shown.Select((t, i) => (i, t.Language, t.Title, t.Description));
    }
}
