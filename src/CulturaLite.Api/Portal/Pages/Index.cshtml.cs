using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Portal.Pages;

/// <summary>The vendor's events by status, with how many each status holds, newest first, 20 a page (the dashboard list's order).</summary>
public sealed class IndexModel(AppDbContext db) : PortalPageModel
{
    public const int PageSize = 20;

    [BindProperty(Name = "status", SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(Name = "page", SupportsGet = true)]
    public int Number { get; set; } = 1;

    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();
    public IReadOnlyList<DashboardEventResponse> Events { get; private set; } = [];
    public int Total => Status is null ? Counts.Values.Sum() : Counts.GetValueOrDefault(Status);
    public int LastPage => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool EmailVerified { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Status is not null && !EventStatus.IsKnown(Status))
        {
            Status = null;
        }
        Number = Math.Max(1, Number);
        var mine = db.Events.AsNoTracking().Where(e => e.VendorId == Me).Where(Event.StandsForItself);
        Counts = await mine.GroupBy(e => e.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var shown = Status is null ? mine : mine.Where(e => e.Status == Status);
        Events = await shown.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Skip((Number - 1) * PageSize).Take(PageSize).Select(DashboardEventResponse.Projection).ToListAsync(ct);
        EmailVerified = await db.Users.Where(u => u.Id == Me).Select(u => u.EmailVerified).FirstOrDefaultAsync(ct);
        return Page();
    }

    public string Link(string? status, int page = 1) =>
        "/vendor/" + (status is null && page == 1 ? "" : "?" + string.Join('&', new[] { status is null ? null : $"status={status}", page > 1 ? $"page={page}" : null }.Where(p => p is not null)));
}
