using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Moderation.Console;

public sealed class IndexModel(AppDbContext db, CityResolver cities, IOptions<SiteOptions> site, ModerationDecisions decisions) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(int Id, string Title, string City, DateTime EventDate, string Category, string Vendor, DateTime CreatedAt, string Status, int Version);

    public sealed record VendorChoice(int Id, string Label);

    public QueueView View { get; private set; } = null!;
    public string? Status { get; private set; }
    public string? City { get; private set; }
    public string? Category { get; private set; }
    public string? Search { get; private set; }
    public string? DateFrom { get; private set; }
    public string? DateTo { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public int Count { get; private set; }
    /// <summary>Festivals waiting for a decision (their queue is /admin/festivals).</summary>
    public int PendingFestivals { get; private set; }
    public List<Row> Rows { get; private set; } = [];
    public List<CategoryResponse> Categories { get; private set; } = [];

    /// <summary>Vendors who have events, for the vendor filter.</summary>
    public List<VendorChoice> Vendors { get; private set; } = [];

    /// <summary>Reason templates offered for rejecting the ticked events.</summary>
    public List<ReasonTemplate> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = QueueView.From(Request.Query, site.Value.Zone);
        PendingFestivals = await db.Festivals.CountAsync(f => f.Status == EventStatus.Pending, ct);
        Status = View.Filters.Status;
        City = Request.Query["city"];
        Category = Request.Query["category"];
        Search = Request.Query["search"];
        DateFrom = Request.Query["date_from"];
        DateTo = Request.Query["date_to"];
        if (View.Errors.Any)
        {
            TempData["error"] = "Some filters were not understood and are left out: "
                + string.Join(" ", View.Errors.ToDictionary().Select(kv => $"{kv.Key}: {string.Join(" ", kv.Value)}"));
        }
        Categories = (await db.Categories.AsNoTracking().Select(CategoryResponse.Projection).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        Vendors = (await db.Users.AsNoTracking().Where(u => db.Events.Any(e => e.VendorId == u.Id))
                .OrderBy(u => u.Email).Take(1000)
                .Select(u => new VendorChoice(u.Id, u.OrganizationName != "" ? u.OrganizationName + " (" + u.Email + ")" : u.Email)).ToListAsync(ct))
            .OrderBy(v => v.Label, StringComparer.OrdinalIgnoreCase).ToList();
        Templates = (await db.ReasonTemplates.AsNoTracking().ToListAsync(ct)).OrderBy(t => t.Title, StringComparer.OrdinalIgnoreCase).ToList();
        var events = (await View.EventsAsync(db, cities, ct)).AsNoTracking();
        Count = await events.CountAsync(ct);
        PageCount = Math.Max(1, (Count + PageSize - 1) / PageSize);
        PageNumber = int.TryParse(Request.Query["page"], out var p) ? Math.Clamp(p, 1, PageCount) : 1;
        Rows = await events.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(e => new Row(e.Id, e.Title, e.City, e.EventDate, e.Category.Name,
                e.Vendor.OrganizationName != "" ? e.Vendor.OrganizationName : e.Vendor.Email, e.CreatedAt, e.Status, e.Version))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The same decision on the ticked events (each "id:version", as the page showed them), with the same
    /// rules, notifications and emails as single decisions (a typed reason or a template); then back to the
    /// same filtered queue, naming the events that changed since the page was loaded.
    /// </summary>
    public async Task<IActionResult> OnPostBulkAsync(string? decision, string? reason, int? template, List<string>? selected, string? back, CancellationToken ct)
    {
        var items = (selected ?? []).Select(s => s.Split(':')).Where(p => p.Length == 2)
            .Select(p => int.TryParse(p[0], out var id) && int.TryParse(p[1], out var version) ? new ModerationDecisions.BulkItem(id, version) : null)
            .OfType<ModerationDecisions.BulkItem>().DistinctBy(i => i.Id).Take(ModerationDecisions.MaxBulk).ToList();
        var approve = decision == "approve";
        var target = QueueView.FromBack(back, site.Value.Zone).Link;
        if (items.Count == 0)
        {
            TempData["error"] = "Nothing is selected: tick the events to decide on first.";
            return Redirect(target);
        }
        string? text = null;
        if (!approve)
        {
            var errors = new FieldErrors();
            text = await decisions.ReasonAsync(errors, reason, template, ct);
            if (text is null || errors.Any)
            {
                TempData["error"] = $"Give a reason for rejecting, or pick a saved one (at most {Event.ReasonMaxLength} characters); the vendors read it.";
                return Redirect(target);
            }
        }
        var results = await decisions.BulkAsync(approve, text, items, User.UserId(), ct);
        var done = results.Count(r => r.Outcome is "approved" or "rejected");
        var missed = results.Where(r => r.Outcome is not ("approved" or "rejected")).Select(r => r.Id).ToList();
        var missedTitles = await db.Events.AsNoTracking().Where(e => missed.Contains(e.Id)).Select(e => e.Title).ToListAsync(ct);
        TempData[missed.Count == 0 ? "ok" : "error"] = $"{done} of {results.Count} event(s) {(approve ? "approved" : "rejected")}; the vendors have been notified."
            + (missed.Count == 0 ? "" : $" Not decided, because they changed since you loaded the list or were already decided (the list below shows them as they are now): {string.Join(", ", missedTitles.Select(t => $"“{t}”"))}.");
        return Redirect(target);
    }

    public string PageLink(int page)
    {
        var parameters = Request.Query.Where(kv => kv.Key != "page").SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "/admin/" + QueryString.Create(parameters);
    }
}
