using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Moderation;

/// <summary>The notes thread of an event: a moderator's notes and the vendor's replies, for the APIs, the console and the portal alike.</summary>
public sealed class EventNotes(AppDbContext db, AuditLog audit, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SiteOptions> site)
{
    /// <summary>What the vendor of the event reads: the notes visible to them, oldest first; null when the event is not theirs.</summary>
    public async Task<List<EventNoteResponse>?> ForVendorAsync(int vendorId, int eventId, CancellationToken ct)
    {
        if (!await db.Events.AnyAsync(e => e.Id == eventId && e.VendorId == vendorId, ct))
        {
            return null;
        }
        var notes = await db.EventNotes.AsNoTracking().Where(n => n.EventId == eventId && n.VisibleToVendor).OrderBy(n => n.Id).ToListAsync(ct);
        return notes.Select(n => EventNoteResponse.ForVendor(n, site.Value.ModeratorDisplayName)).ToList();
    }

    /// <summary>The vendor's reply (1 to 5,000 characters); the event shows `has_unread_notes` in the admins' queue.</summary>
    public async Task<Outcome<EventNote>> ReplyAsync(int vendorId, int eventId, string? rawText, CancellationToken ct)
    {
        if (!await db.Events.AnyAsync(e => e.Id == eventId && e.VendorId == vendorId, ct))
        {
            return Outcome<EventNote>.NotFound(ModerationDecisions.NoSuchEvent);
        }
        var errors = new FieldErrors();
        if (errors.Text("text", rawText, EventNote.TextMaxLength) is not { } text)
        {
            return Outcome<EventNote>.Invalid(errors);
        }
        var email = await db.Users.Where(u => u.Id == vendorId).Select(u => u.Email).FirstAsync(ct);
        var note = EventNote.FromVendor(eventId, vendorId, email, text, clock.GetUtcNow().UtcDateTime);
        db.EventNotes.Add(note);
        return await db.SaveUnlessEventGoneAsync(eventId, ct)
            ? Outcome<EventNote>.Done(note)
            : Outcome<EventNote>.NotFound(ModerationDecisions.NoSuchEvent);
    }

    /// <summary>Adds the note (a visible one notifies the vendor); the text is 1 to 5,000 characters, a field error otherwise.</summary>
    public async Task<Outcome<EventNote>> AddAsync(int eventId, int adminId, string? rawText, bool visibleToVendor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (errors.Text("text", rawText, EventNote.TextMaxLength) is not { } text)
        {
            return Outcome<EventNote>.Invalid(errors);
        }
        var e = await db.Events.FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (e is null)
        {
            return Outcome<EventNote>.NotFound(ModerationDecisions.NoSuchEvent);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var email = await db.Users.Where(u => u.Id == adminId).Select(u => u.Email).FirstAsync(ct);
        var note = EventNote.FromAdmin(eventId, adminId, email, text, visibleToVendor, now);
        db.EventNotes.Add(note);
        if (visibleToVendor)
        {
            db.Notifications.Add(Notification.For(e, $"A moderator wrote about your event '{e.Title}': {text}", now));
        }
        await audit.RecordAsync("event.note", "event", eventId, new { visible_to_vendor = visibleToVendor }, ct: ct);
        return await db.SaveUnlessEventGoneAsync(eventId, ct)
            ? Outcome<EventNote>.Done(note)
            : Outcome<EventNote>.NotFound(ModerationDecisions.NoSuchEvent);
    }

    /// <summary>Every note of the event, oldest first; the vendor's replies count as read from now.</summary>
    public async Task<List<EventNote>> ReadAllAsync(int eventId, CancellationToken ct)
    {
        var notes = await db.EventNotes.Where(n => n.EventId == eventId).OrderBy(n => n.Id).ToListAsync(ct);
        foreach (var reply in notes.Where(n => n.ByVendor && n.ReadAt is null))
        {
            reply.MarkRead(clock.GetUtcNow().UtcDateTime);
        }
        await db.SaveChangesAsync(ct);
        return notes;
    }
}
