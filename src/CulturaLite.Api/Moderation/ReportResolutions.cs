using CulturaLite.Api.Data;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

/// <summary>An admin's answer to the reports on an event (keep it listed, or reject it), for the API and the console.</summary>
public sealed class ReportResolutions(AppDbContext db, ModerationDecisions decisions, AuditLog audit, TimeProvider clock)
{
    /// <summary>The resolution of reports an admin overruled: their reporters do not count again until the vendor changes the event.</summary>
    public const string Kept = "kept";

    /// <param name="eventId">The reported event.</param>
    /// <param name="keep">Keep it listed; otherwise reject it with <paramref name="reason"/>.</param>
    /// <param name="reason">The rejection reason the vendor reads.</param>
    /// <param name="adminId">Who decides.</param>
    /// <param name="ct">Cancellation.</param>
    /// <returns>How many reports were resolved.</returns>
    public async Task<Outcome<int>> ResolveAsync(int eventId, bool keep, string? reason, int adminId, CancellationToken ct)
    {
        var e = await db.Events.FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (e is null)
        {
            return Outcome<int>.NotFound(ModerationDecisions.NoSuchEvent);
        }
        var open = await db.EventReports.Where(r => r.EventId == eventId && r.ResolvedAt == null).ToListAsync(ct);
        if (open.Count == 0)
        {
            return Outcome<int>.Conflict("no_open_reports", "This event has no open reports.");
        }
        if (!keep)
        {
            // A date of a series shares the series' text: rejecting it rejects the series, through its first date.
            var target = e.SeriesId ?? e.Id;
            var version = target == e.Id ? e.Version : await db.Events.Where(x => x.Id == target).Select(x => x.Version).FirstAsync(ct);
            var outcome = await decisions.RejectAsync(target, version, adminId, reason!, ct);
            if (!outcome.Succeeded && outcome.Code != ModerationDecisions.Unchanged)
            {
                return Outcome<int>.Conflict(outcome.Code, outcome.Reason);
            }
            db.ChangeTracker.Clear();
            open = await db.EventReports.Where(r => r.EventId == eventId && r.ResolvedAt == null).ToListAsync(ct);
        }
        else
        {
            e.ClearReports();
        }
        foreach (var report in open)
        {
            report.Resolve(keep ? Kept : "rejected", clock.GetUtcNow().UtcDateTime);
        }
        await audit.RecordAsync(keep ? "reports.keep" : "reports.reject", "event", eventId, new { reports = open.Count, reason }, ct: ct);
        await db.SaveChangesAsync(ct);
        return Outcome<int>.Done(open.Count);
    }
}
