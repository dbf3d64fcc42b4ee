using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CulturaLite.Api.Events;

/// <summary>
/// What the vendor submitted, as it was at one submission or edit: the fields a visitor sees, as a JSON
/// object. The revision an admin approved is marked, so a re-review can show what changed since.
/// </summary>
public sealed class EventRevision
{
    public long Id { get; private set; }
    public int EventId { get; private set; }
    public Event Event { get; private set; } = null!;
    public int Version { get; private set; }
    public DateTime At { get; private set; }
    public string Data { get; private set; } = "{}";
    public DateTime? ApprovedAt { get; private set; }

    private EventRevision() { }

    public static EventRevision Of(Event e, DateTime now) => new() { Event = e, Version = e.Version, At = now, Data = Snapshot(e).ToJsonString() };

    public void MarkApproved(DateTime now) => ApprovedAt ??= now;

    /// <summary>Takes the snapshot again (a new series' rule exists only once its first date is saved).</summary>
    public void Retake(Event e) => Data = Snapshot(e).ToJsonString();

    /// <summary>The fields, translations flattened to `translations.hi.title`, so a difference names the exact field.</summary>
    public static JsonObject Snapshot(Event e)
    {
        var o = new JsonObject
        {
            ["title"] = e.Title,
            ["description"] = e.Description,
            ["language"] = e.Language,
            ["city"] = e.City,
            ["event_date"] = Iso(e.EventDate),
            ["end_date"] = e.EndDate is { } end ? Iso(end) : null,
            ["category"] = e.CategoryId,
            ["image_url"] = e.ImageUrl,
            ["festival"] = e.FestivalId,
        };
        if (e.Series is { } series)
        {
            // A series' rule and skipped dates are part of what the admins approve.
            o["recurrence.rule"] = series.Rule;
            o["recurrence.exdates"] = string.Join(",", series.Exdates);
        }
        // Each group's members under their names on the wire: a member added to a group is kept and compared.
        foreach (var group in EventGroups.Content)
        {
            foreach (var (field, value) in JsonSerializer.SerializeToNode(group(e), group(e).GetType(), Wire)!.AsObject())
            {
                o[field] = value?.DeepClone();
            }
        }
        foreach (var (language, text) in e.Translations.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            o[$"translations.{language}.title"] = text.Title;
            o[$"translations.{language}.description"] = text.Description;
        }
        return o;
    }

    /// <summary>What changed since the event was last approved (empty when never approved or unchanged since): what a re-review reads.</summary>
    public static async Task<List<FieldChange>> SinceApprovalAsync(Data.AppDbContext db, int eventId, CancellationToken ct)
    {
        var approved = await db.EventRevisions.AsNoTracking().Where(r => r.EventId == eventId && r.ApprovedAt != null).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var current = await db.EventRevisions.AsNoTracking().Where(r => r.EventId == eventId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return approved is null || current is null || approved.Id == current.Id ? [] : Changes(approved.Data, current.Data);
    }

    /// <summary>Field by field, what differs from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static List<FieldChange> Changes(string before, string after)
    {
        var a = JsonNode.Parse(before)!.AsObject();
        var b = JsonNode.Parse(after)!.AsObject();
        return a.Select(kv => kv.Key).Union(b.Select(kv => kv.Key))
            .Where(field => !JsonNode.DeepEquals(a[field], b[field]))
            .Select(field => new FieldChange(field, a[field]?.DeepClone(), b[field]?.DeepClone()))
            .ToList();
    }

    private static readonly JsonSerializerOptions Wire = Web.JsonConventions.Create();

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

public sealed record FieldChange(string Field, JsonNode? Before, JsonNode? After);

internal sealed class EventRevisionConfiguration : IEntityTypeConfiguration<EventRevision>
{
    public void Configure(EntityTypeBuilder<EventRevision> b)
    {
        b.ToTable("events_revision");
        b.Property(r => r.Data).IsRequired();
        b.HasOne(r => r.Event).WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(r => new { r.EventId, r.Id });
    }
}
