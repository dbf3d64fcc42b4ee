using CulturaLite.Api.Accounts;
using Microsoft.AspNetCore.Mvc;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Moderation.Console;

public sealed class QueueModel(AppDbContext db, CityDirectory cities, IOptions<SiteOptions> site, ModerationDecisions decisions) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(int Id, string Title, string City, DateTime EventDate, string Category, string Vendor, DateTime CreatedAt, string Status, int Version);

    public string? Status { get; private set; }
    public string? City { get; private set; }
    public string? Category { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public int PageCount { get; private set; } = 1;
    public int Count { get; private set; }
    public List<Row> Rows { get; private set; } = [];
    public List<CategoryResponse> Categories { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(Request.Query.ToDictionary(kv => kv.Key, kv => kv.Value));
        var status = Request.Query["status"].ToString();
        if (status.Length == 0)
        {
            query["status"] = EventStatus.Pending;
        }
        else if (status == "all" || !EventStatus.IsKnown(status))
        {
            query.Remove("status");
        }
        var errors = new FieldErrors();
        var filters = EventFilters.Parse(new QueryCollection(query), errors, site.Value.Zone);
        Status = filters.Status;
        City = Request.Query["city"];
        Category = Request.Query["category"];
        Categories = (await db.Categories.AsNoTracking().Select(CategoryResponse.Projection).ToListAsync(ct))
            .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var categoryId = await filters.ResolveCategoryAsync(db.Categories, ct);
        var events = ModerationQueue.Query(db, filters, await cities.GetAsync(ct), null, categoryId).AsNoTracking();
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
    /// rules, notifications and emails as single decisions; then back to the same filtered queue.
    /// </summary>
    public async Task<IActionResult> OnPostBulkAsync(string? decision, string? reason, List<string>? selected, string? back, CancellationToken ct)
    {
        var items = (selected ?? []).Select(s => s.Split(':')).Where(p => p.Length == 2)
            .Select(p => int.TryParse(p[0], out var id) && int.TryParse(p[1], out var version) ? new ModerationDecisions.BulkItem(id, version) : null)
            .OfType<ModerationDecisions.BulkItem>().DistinctBy(i => i.Id).Take(ModerationDecisions.MaxBulk).ToList();
        var approve = decision == "approve";
        var text = reason?.Replace("\0", "").Trim();
        var target = "/admin/" + (back is { } q && q.StartsWith('?') ? q : "");
        if (items.Count == 0)
        {
            TempData["error"] = "Tick the events to decide on first.";
            return Redirect(target);
        }
        if (!approve && (string.IsNullOrEmpty(text) || text.Length > Event.ReasonMaxLength))
        {
            TempData["error"] = $"Give a reason for rejecting (at most {Event.ReasonMaxLength} characters); the vendors read it.";
            return Redirect(target);
        }
        var results = await decisions.BulkAsync(approve, text, items, User.UserId(), ct);
        var done = results.Count(r => r.Outcome is "approved" or "rejected");
        TempData[done == results.Count ? "ok" : "error"] = $"{done} of {results.Count} event(s) {(approve ? "approved" : "rejected")}"
            + (done == results.Count ? "." : "; the others changed or were already decided.");
        return Redirect(target);
    }

    public string PageLink(int page)
    {
        var parameters = Request.Query.Where(kv => kv.Key != "page").SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return "/admin/" + QueryString.Create(parameters);
    }
}
