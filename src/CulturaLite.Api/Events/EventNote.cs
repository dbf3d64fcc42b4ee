using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Events;

/// <summary>
/// A message about an event between moderators and its vendor: an admin's note (visible to the vendor
/// or internal) or the vendor's reply. A reply stays unread for the admins until one opens the notes.
/// </summary>
public sealed class EventNote
{
    public const int TextMaxLength = 5000;

    public int Id { get; private set; }
    public int EventId { get; private set; }
    public int AuthorId { get; private set; }
    public string AuthorEmail { get; private set; } = "";
    public bool ByVendor { get; private set; }
    public string Text { get; private set; } = "";
    public bool VisibleToVendor { get; private set; }
    public DateTime CreatedAt { get; private set; }
    /// <summary>When an admin first read a vendor's reply; null while unread (and for admins' own notes).</summary>
    public DateTime? ReadAt { get; private set; }

    private EventNote() { }

    public static EventNote FromAdmin(int eventId, int adminId, string adminEmail, string text, bool visibleToVendor, DateTime now) => new()
    {
        EventId = eventId,
        AuthorId = adminId,
        AuthorEmail = adminEmail,
        Text = text,
        VisibleToVendor = visibleToVendor,
        CreatedAt = now,
    };

    public static EventNote FromVendor(int eventId, int vendorId, string vendorEmail, string text, DateTime now) => new()
    {
        EventId = eventId,
        AuthorId = vendorId,
        AuthorEmail = vendorEmail,
        Text = text,
        VisibleToVendor = true,
        ByVendor = true,
        CreatedAt = now,
    };

    public void MarkRead(DateTime now) => ReadAt ??= now;
}

/// <summary>Who wrote a note: for a vendor, a moderator is only <see cref="Web.SiteOptions.ModeratorDisplayName"/> (no id, no email).</summary>
public sealed record EventNoteAuthor(int? Id, string? Email, string Name, string Role);

public sealed record EventNoteResponse(int Id, string Text, bool VisibleToVendor, EventNoteAuthor Author, DateTime CreatedAt)
{
    /// <summary>As the admins see it: who wrote each note.</summary>
    public static EventNoteResponse From(EventNote n) =>
        new(n.Id, n.Text, n.VisibleToVendor, new EventNoteAuthor(n.AuthorId, n.AuthorEmail, n.AuthorEmail, n.ByVendor ? "vendor" : "admin"), n.CreatedAt);

    /// <summary>As the vendor sees it: their own replies, and the moderation team's notes under one name.</summary>
    public static EventNoteResponse ForVendor(EventNote n, string moderators) => n.ByVendor
        ? From(n)
        : new(n.Id, n.Text, n.VisibleToVendor, new EventNoteAuthor(null, null, moderators, "admin"), n.CreatedAt);
}

public sealed record EventNoteRequest(string? Text, bool? VisibleToVendor);

internal sealed class EventNoteConfiguration : IEntityTypeConfiguration<EventNote>
{
    public void Configure(EntityTypeBuilder<EventNote> b)
    {
        b.ToTable("events_note");
        b.Property(n => n.AuthorEmail).HasMaxLength(Accounts.User.EmailMaxLength).IsRequired();
        b.Property(n => n.Text).HasMaxLength(EventNote.TextMaxLength).IsRequired();
        b.HasOne<Event>().WithMany(e => e.Notes).HasForeignKey(n => n.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(n => new { n.EventId, n.Id });
    }
}
