using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

/// <summary>
/// Every event with open reports, for the API and the console alike: hidden ones first (the public
/// cannot see them until someone decides), then by number of distinct reporters, grouped by event in the
/// database and paged, so no number of reports against one event can push another out of sight.
/// </summary>
public sealed class ReportQueue(AppDbContext db)
{
    public sealed record ReportedEvent(int Id, string Title, string Status, bool Hidden, int Version);

    public sealed record Group(ReportedEvent Event, int Reporters, IReadOnlyList<EventReport> Reports);

    /// <summary>One page of the queue; null when the page does not exist.</summary>
    public async Task<Page<Group>?> PageAsync(HttpRequest request, CancellationToken ct)
    {
        var open = db.EventReports.Where(r => r.ResolvedAt == null);
        var groups = db.Events.AsNoTracking()
            .Where(e => open.Any(r => r.EventId == e.Id))
            .Select(e => new
            {
                e.Id,
                e.Title,
                e.Status,
                e.HiddenByReports,
                e.Version,
                Reporters = open.Where(r => r.EventId == e.Id).Select(r => r.Reporter).Distinct().Count(),
            })
            .OrderByDescending(g => g.HiddenByReports).ThenByDescending(g => g.Reporters).ThenBy(g => g.Id);
        var page = await groups.ToPageAsync(request, ct);
        if (page is null)
        {
            return null;
        }
        var ids = page.Results.Select(g => g.Id).ToList();
        // The newest reports of each event on the page; an event's reporters are counted above, whatever their number.
        var reports = await open.AsNoTracking().Where(r => ids.Contains(r.EventId))
            .OrderByDescending(r => r.Id).Take(ids.Count * 50).ToListAsync(ct);
        return new Page<Group>
        {
            Count = page.Count,
            Next = page.Next,
            Previous = page.Previous,
            Results = page.Results.Select(g => new Group(new ReportedEvent(g.Id, g.Title, g.Status, g.HiddenByReports, g.Version), g.Reporters,
                reports.Where(r => r.EventId == g.Id).OrderBy(r => r.Id).ToList())).ToList(),
        };
    }
}
