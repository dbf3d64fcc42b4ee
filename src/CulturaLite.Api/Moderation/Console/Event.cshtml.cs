using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation.Console;

/// <summary>One event, its history, and the decision buttons (the same rules as the admin API).</summary>
public sealed class EventModel(AppDbContext db, ModerationDecisions decisions, EventNotes notes, CityResolver cities, Microsoft.Extensions.Options.IOptions<SiteOptions> site) : PageModel
{
    public sealed record Details(
        int Id, string Title, string Description, string City, DateTime EventDate, string ImageUrl, string? ThumbnailUrl, string Category,
        string Status, string? RejectionReason, DateTime CreatedAt, DateTime UpdatedAt, DateTime? ModeratedAt, string? ModeratedBy,
        string VendorName, string VendorEmail, bool VendorEmailVerified, int Version, DateTime? EndDate, EventVenue Venue, string Language, IReadOnlyDictionary<string, EventText> Translations,
        EventFacts Facts, EventStanding Standing);

    public sealed record NotificationLine(DateTime CreatedAt, string Message);

    /// <summary>One line of the event's history: a revision the vendor submitted, or a decision on it.</summary>
    public sealed record HistoryLine(DateTime At, string Text);

    /// <summary>Every revision (the submission and each edit, pending or not) and every decision, oldest first.</summary>
    public List<HistoryLine> History { get; private set; } = [];

    public Details? Item { get; private set; }

    /// <summary>The series the event is the first date of (a decision here decides every date), or null.</summary>
    public SeriesDetail? Series { get; private set; }

    /// <summary>The festival the event is part of, or null.</summary>
    public Festivals.FestivalRef? Festival { get; private set; }

    public List<NotificationLine> Notifications { get; private set; } = [];

    /// <summary>Reason templates offered in the reject form.</summary>
    public List<ReasonTemplate> Templates { get; private set; } = [];

    /// <summary>Notes between moderators and the vendor (opening the page reads the vendor's replies).</summary>
    public List<EventNote> Notes { get; private set; } = [];

    /// <summary>Fields changed since the last approved revision (empty when never approved or unchanged).</summary>
    public List<FieldChange> Changes { get; private set; } = [];

    /// <summary>The queue the admin came from (its filters), for the links back and the next event after a decision.</summary>
    public QueueView Queue { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, string? back, CancellationToken ct)
    {
        Queue = QueueView.FromBack(back, site.Value.Zone);
        Item = await db.Events.AsNoTracking().Where(e => e.Id == id)
            .Select(EventGroups.Expand(e => new Details(e.Id, e.Title, e.Description, e.City, e.EventDate, e.ImageUrl, e.ThumbnailUrl, e.Category.Name, e.Status,
                e.RejectionReason, e.CreatedAt, e.UpdatedAt, e.ModeratedAt,
                db.Users.Where(u => u.Id == e.ModeratedById).Select(u => u.Name != "" ? u.Name : u.Email).FirstOrDefault(),
                e.Vendor.Name, e.Vendor.Email, e.Vendor.EmailVerified, e.Version, e.EndDate, EventGroups.Of<EventVenue>(e), e.Language, e.Translations,
                EventGroups.Of<EventFacts>(e), EventGroups.Of<EventStanding>(e))))
            .FirstOrDefaultAsync(ct);
        if (Item is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Series = await db.EventSeries.AsNoTracking().Where(s => s.Id == id).Select(s => new SeriesDetail(s.Id, s.Rule, s.Exdates, s.OccurrenceCount)).FirstOrDefaultAsync(ct);
        Festival = await db.Events.AsNoTracking().Where(e => e.Id == id && e.FestivalId != null)
            .Select(e => new Festivals.FestivalRef(e.Festival!.Id, e.Festival.Title)).FirstOrDefaultAsync(ct);
        Notifications = await db.Notifications.AsNoTracking().Where(n => n.EventId == id).OrderBy(n => n.Id)
            .Select(n => new NotificationLine(n.CreatedAt, n.Message)).ToListAsync(ct);
        Templates = (await db.ReasonTemplates.AsNoTracking().ToListAsync(ct)).OrderBy(t => t.Title, StringComparer.OrdinalIgnoreCase).ToList();
        Notes = await notes.ReadAllAsync(id, ct);
        // A re-review shows what the vendor changed since the last approval (the same rule as the history API).
        var revisions = await db.EventRevisions.AsNoTracking().Where(r => r.EventId == id).OrderBy(r => r.Id).ToListAsync(ct);
        var decided = await db.AuditEntries.AsNoTracking()
            .Where(a => a.TargetType == "event" && a.TargetId == id && (a.Action == "event.approve" || a.Action == "event.reject" || a.Action == "event.auto_approve"))
            .Select(a => new { a.At, a.Action, a.ActorEmail }).ToListAsync(ct);
        History = revisions.Select((r, i) => new HistoryLine(r.At, i == 0 ? $"Submitted (version {r.Version})" : $"Edited by the vendor (version {r.Version})"))
            .Concat(decided.Select(a => new HistoryLine(a.At, a.Action switch
            {
                "event.approve" => $"Approved by {a.ActorEmail ?? "an admin"}",
                "event.reject" => $"Rejected by {a.ActorEmail ?? "an admin"}",
                _ => "Approved at once (trusted vendor)",
            })))
            .OrderBy(h => h.At).ToList();
        if (revisions.LastOrDefault(r => r.ApprovedAt is not null) is { } approved && revisions[^1].Id != approved.Id)
        {
            Changes = EventRevision.Changes(approved.Data, revisions[^1].Data);
        }
        return Page();
    }

    /// <param name="id">The event.</param>
    /// <param name="version">The version the page rendered: the decision is about what the admin saw.</param>
    /// <param name="back">The queue the admin came from: the next event of it opens after the decision.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IActionResult> OnPostApproveAsync(int id, int? version, string? back, CancellationToken ct) =>
        version is null ? await ReportAsync(id, back, NoVersion, "approved", ct)
            : await ReportAsync(id, back, await decisions.ApproveAsync(id, version.Value, User.UserId(), ct), "approved", ct);

    public async Task<IActionResult> OnPostRejectAsync(int id, int? version, string? reason, int? template, string? back, CancellationToken ct)
    {
        if (version is null)
        {
            return await ReportAsync(id, back, NoVersion, "rejected", ct);
        }
        var errors = new FieldErrors();
        var text = await decisions.ReasonAsync(errors, reason, template, ct);
        if (text is null || errors.Any)
        {
            TempData["error"] = $"Give a reason for rejecting, or pick a saved one (at most {Event.ReasonMaxLength} characters); the vendor reads it.";
            return Redirect(QueueView.FromBack(back, site.Value.Zone).EventLink(id));
        }
        return await ReportAsync(id, back, await decisions.RejectAsync(id, version.Value, User.UserId(), text, ct), "rejected", ct);
    }

    /// <summary>A note to the vendor (visible) or to the other moderators (internal).</summary>
    public async Task<IActionResult> OnPostNoteAsync(int id, string? text, bool visible, string? back, CancellationToken ct)
    {
        var added = await notes.AddAsync(id, User.UserId(), text, visible, ct);
        TempData[added.Succeeded ? "ok" : "error"] = !added.Succeeded ? added.Sentence : visible ? "Note sent to the vendor." : "Internal note saved.";
        return Redirect(QueueView.FromBack(back, site.Value.Zone).EventLink(id));
    }

    /// <summary>
    /// After a decision the admin moves on: to the next event of the same filtered queue, or back to that
    /// queue when none is left. Anything else (stale, already decided, a race) stays on this event, which
    /// then shows its current content.
    /// </summary>
    private static readonly Outcome<Event> NoVersion =
        Outcome<Event>.Conflict(ModerationDecisions.Stale, "The page did not say which version you reviewed. Review the current version below and decide again.");

    private async Task<RedirectResult> ReportAsync(int id, string? back, Outcome<Event> outcome, string verb, CancellationToken ct)
    {
        var queue = QueueView.FromBack(back, site.Value.Zone);
        if (outcome.Succeeded)
        {
            var next = await queue.NextAfterAsync(db, cities, outcome.Value!, ct);
            TempData["ok"] = $"“{outcome.Value!.Title}” {verb}. The vendor has been notified."
                + (next is null ? " That was the last event of this queue." : " Here is the next one.");
            return Redirect(next is { } nextId ? queue.EventLink(nextId) : queue.Link);
        }
        TempData["error"] = outcome.Sentence;
        return Redirect(outcome.Failure == Failure.NotFound ? queue.Link : queue.EventLink(id));
    }
}
