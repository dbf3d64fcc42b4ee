using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation.Console;

/// <summary>One event, its history, and the decision buttons (the same rules as the admin API).</summary>
public sealed class EventModel(AppDbContext db, ModerationDecisions decisions, EventNotes notes) : PageModel
{
    public sealed record Details(
        int Id, string Title, string Description, string City, DateTime EventDate, string ImageUrl, string? ThumbnailUrl, string Category,
        string Status, string? RejectionReason, DateTime CreatedAt, DateTime UpdatedAt, DateTime? ModeratedAt, string? ModeratedBy,
        string VendorName, string VendorEmail, int Version, DateTime? EndDate, string? VenueName, string? VenueAddress, string? Locality,
        string? PinCode, double? Latitude, double? Longitude, string Language, IReadOnlyDictionary<string, EventText> Translations);

    public sealed record NotificationLine(DateTime CreatedAt, string Message);

    public Details? Item { get; private set; }
    public List<NotificationLine> Notifications { get; private set; } = [];

    /// <summary>Reason templates offered in the reject form.</summary>
    public List<ReasonTemplate> Templates { get; private set; } = [];

    /// <summary>Notes between moderators and the vendor (opening the page reads the vendor's replies).</summary>
    public List<EventNote> Notes { get; private set; } = [];

    /// <summary>Fields changed since the last approved revision (empty when never approved or unchanged).</summary>
    public List<FieldChange> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        Item = await db.Events.AsNoTracking().Where(e => e.Id == id)
            .Select(e => new Details(e.Id, e.Title, e.Description, e.City, e.EventDate, e.ImageUrl, e.ThumbnailUrl, e.Category.Name, e.Status,
                e.RejectionReason, e.CreatedAt, e.UpdatedAt, e.ModeratedAt,
                db.Users.Where(u => u.Id == e.ModeratedById).Select(u => u.Name != "" ? u.Name : u.Email).FirstOrDefault(),
                e.Vendor.Name, e.Vendor.Email, e.Version, e.EndDate, e.VenueName, e.VenueAddress, e.Locality, e.PinCode, e.Latitude, e.Longitude, e.Language, e.Translations))
            .FirstOrDefaultAsync(ct);
        if (Item is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Notifications = await db.Notifications.AsNoTracking().Where(n => n.EventId == id).OrderBy(n => n.Id)
            .Select(n => new NotificationLine(n.CreatedAt, n.Message)).ToListAsync(ct);
        Templates = (await db.ReasonTemplates.AsNoTracking().ToListAsync(ct)).OrderBy(t => t.Title, StringComparer.OrdinalIgnoreCase).ToList();
        Notes = await notes.ReadAllAsync(id, ct);
        // A re-review shows what the vendor changed since the last approval (the same rule as the history API).
        var revisions = await db.EventRevisions.AsNoTracking().Where(r => r.EventId == id).OrderBy(r => r.Id).ToListAsync(ct);
        if (revisions.LastOrDefault(r => r.ApprovedAt is not null) is { } approved && revisions[^1].Id != approved.Id)
        {
            Changes = EventRevision.Changes(approved.Data, revisions[^1].Data);
        }
        return Page();
    }

    /// <param name="id">The event.</param>
    /// <param name="version">The version the page rendered: the decision is about what the admin saw.</param>
    /// <param name="ct">Cancellation.</param>
    public async Task<IActionResult> OnPostApproveAsync(int id, int? version, CancellationToken ct) =>
        version is null ? Report(id, DecisionOutcome.Stale, "approved")
            : Report(id, await decisions.ApproveAsync(id, version.Value, User.UserId(), ct), "approved");

    public async Task<IActionResult> OnPostRejectAsync(int id, int? version, string? reason, int? template, CancellationToken ct)
    {
        if (version is null)
        {
            return Report(id, DecisionOutcome.Stale, "rejected");
        }
        var errors = new FieldErrors();
        var text = await decisions.ReasonAsync(errors, reason, template, ct);
        if (text is null || errors.Any)
        {
            TempData["error"] = $"Give a reason for rejecting, or pick a saved one (at most {Event.ReasonMaxLength} characters); the vendor reads it.";
            return Redirect($"/admin/events/{id}");
        }
        return Report(id, await decisions.RejectAsync(id, version.Value, User.UserId(), text, ct), "rejected");
    }

    /// <summary>A note to the vendor (visible) or to the other moderators (internal).</summary>
    public async Task<IActionResult> OnPostNoteAsync(int id, string? text, bool visible, CancellationToken ct)
    {
        var clean = text?.Replace("\0", "").Trim();
        if (string.IsNullOrEmpty(clean) || clean.Length > EventNote.TextMaxLength)
        {
            TempData["error"] = $"Write a note of at most {EventNote.TextMaxLength} characters.";
        }
        else if (await notes.AddAsync(id, User.UserId(), clean, visible, ct) is not null)
        {
            TempData["ok"] = visible ? "Note sent to the vendor." : "Internal note saved.";
        }
        return Redirect($"/admin/events/{id}");
    }

    private RedirectResult Report(int id, DecisionOutcome outcome, string verb)
    {
        switch (outcome)
        {
            case DecisionOutcome.Decided:
                TempData["ok"] = $"Event {verb}. The vendor has been notified.";
                break;
            case DecisionOutcome.AlreadyInState:
                TempData["error"] = $"The event was already {verb}.";
                break;
            case DecisionOutcome.Conflict:
                TempData["error"] = "Another admin changed this event at the same moment. Check it and decide again.";
                break;
            case DecisionOutcome.Stale:
                TempData["error"] = "This event changed since you loaded it. Review the current version below and decide again.";
                break;
            default:
                TempData["error"] = "That event no longer exists.";
                return Redirect("/admin/");
        }
        return Redirect($"/admin/events/{id}");
    }
}
