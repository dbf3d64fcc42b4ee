using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Nodes;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Moderation;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Privacy;

/// <summary>
/// Everything held about one account, as one JSON document (DPDP Act, the right of access): the account, its consents
/// and sessions, every event in every status with its translations, revisions, images, notes and notifications, the
/// reports it filed, the emails sent to it (subjects and dates), and the audit entries about it or its events.
/// The document is written to the response as it is read, a batch of events or a run of rows at a time, so an account
/// with thousands of events and notifications costs the server a batch of memory, not the whole document.
/// </summary>
public sealed class PersonalDataExport(AppDbContext db, LoginSessions sessions, AuditLog audit, TimeProvider clock)
{
    public const string Action = "user.export";

    /// <summary>At most one export per account in this time.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>Events read (with their revisions and notes) and written per round trip.</summary>
    private const int EventBatch = 100;

    /// <summary>Rows written between two flushes of the response.</summary>
    private const int RowsPerFlush = 500;

    private static readonly JsonSerializerOptions Wire = Web.JsonConventions.Create();

    /// <summary>How long until the account may export again (zero when it may now).</summary>
    /// <summary>
    /// The export as a JSON attachment written to <paramref name="response"/>, for the API and the portal alike: the time
    /// to wait when the last export was under 10 minutes ago (nothing written), null when the account is gone, else zero.
    /// </summary>
    public async Task<TimeSpan?> SendAsync(HttpResponse response, int userId, Guid? currentSession, CancellationToken ct)
    {
        var wait = await WaitAsync(userId, ct);
        if (wait > TimeSpan.Zero)
        {
            return wait;
        }
        if (await StartAsync(userId, ct) is not { } user)
        {
            return null;
        }
        response.Headers.CacheControl = "no-store";
        response.ContentType = "application/json";
        response.Headers.ContentDisposition = $"attachment; filename=\"culturalite-export-{userId}.json\"";
        await WriteAsync(user, currentSession, response.BodyWriter, ct);
        return TimeSpan.Zero;
    }

    public async Task<TimeSpan> WaitAsync(int userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var last = await db.AuditEntries.Where(a => a.Action == Action && a.TargetType == "user" && a.TargetId == userId)
            .OrderByDescending(a => a.At).Select(a => (DateTime?)a.At).FirstOrDefaultAsync(ct);
        return last is { } at && now - at < Interval ? Interval - (now - at) : TimeSpan.Zero;
    }

    /// <summary>Records the export (which starts the 10 minutes) and gives the account, or null when there is none.</summary>
    public async Task<UserResponse?> StartAsync(int userId, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(UserResponse.Projection).FirstOrDefaultAsync(ct);
        if (user is not null)
        {
            await audit.RecordAsync(Action, "user", userId, ct: ct);
            await db.SaveChangesAsync(ct);
        }
        return user;
    }

    /// <summary>Writes the document for <paramref name="user"/> to <paramref name="output"/>, flushing as it goes.</summary>
    public async Task WriteAsync(UserResponse user, Guid? currentSession, PipeWriter output, CancellationToken ct)
    {
        var userId = user.Id;
        var eventIds = db.Events.Where(e => e.VendorId == userId).Select(e => e.Id);
        var festivalIds = db.Festivals.Where(f => f.VendorId == userId).Select(f => f.Id);
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("exported_at", Web.UtcDateTimeConverter.Format(clock.GetUtcNow().UtcDateTime));
        json.WritePropertyName("account");
        JsonSerializer.Serialize(json, user, Wire);
        await ArrayAsync(json, output, "consents", db.Consents.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.At)
            .Select(c => new { c.NoticeVersion, c.At, c.IpNetwork }), ct);
        json.WritePropertyName("sessions");
        JsonSerializer.Serialize(json, await sessions.ListAsync(userId, currentSession, ct), Wire);
        await EventsAsync(json, output, userId, ct);
        await ArrayAsync(json, output, "festivals", db.Festivals.AsNoTracking().Where(f => f.VendorId == userId).OrderBy(f => f.Id)
            .Select(Festivals.DashboardFestivalResponse.Projection), ct);
        await ArrayAsync(json, output, "notifications", db.Notifications.AsNoTracking().Where(n => n.VendorId == userId).OrderBy(n => n.Id)
            .Select(n => new { n.Message, n.IsRead, n.CreatedAt, Event = n.EventId, Festival = n.FestivalId }), ct);
        await ArrayAsync(json, output, "reports_made", db.EventReports.AsNoTracking().Where(r => r.ReporterUserId == userId).OrderBy(r => r.Id)
            .Select(r => new { Event = r.EventId, r.Reason, r.Message, r.CreatedAt }), ct);
        await ArrayAsync(json, output, "emails", db.OutboxEmails.AsNoTracking().Where(m => m.To == user.Email).OrderBy(m => m.Id)
            .Select(m => new { m.Subject, m.CreatedAt, m.SentAt }), ct);
        await ArrayAsync(json, output, "audit", db.AuditEntries.AsNoTracking()
            .Where(a => (a.TargetType == "user" && a.TargetId == userId) || (a.TargetType == "event" && eventIds.Contains(a.TargetId))
                || (a.TargetType == "festival" && festivalIds.Contains(a.TargetId)) || a.ActorId == userId)
            .OrderBy(a => a.Id).Select(a => new { a.At, a.Action, a.TargetType, a.TargetId, a.Data }), ct);
        json.WriteEndObject();
        await FlushAsync(json, output, ct);
    }

    /// <summary>Every event of the account, oldest id first, each with its revisions and the notes its vendor sees.</summary>
    private async Task EventsAsync(Utf8JsonWriter json, PipeWriter output, int userId, CancellationToken ct)
    {
        json.WriteStartArray("events");
        var after = 0;
        while (true)
        {
            var batch = await db.Events.AsNoTracking().Where(e => e.VendorId == userId && e.Id > after).OrderBy(e => e.Id).Take(EventBatch)
                .Select(DashboardEventResponse.Projection).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }
            var ids = batch.Select(e => e.Id).ToList();
            var revisions = (await db.EventRevisions.AsNoTracking().Where(r => ids.Contains(r.EventId))
                .OrderBy(r => r.Id).ToListAsync(ct)).ToLookup(r => r.EventId);
            var notes = (await db.EventNotes.AsNoTracking()
                .Where(n => ids.Contains(n.EventId) && (n.VisibleToVendor || n.AuthorId == userId))
                .OrderBy(n => n.Id).Select(n => new { n.EventId, n.ByVendor, n.Text, n.CreatedAt }).ToListAsync(ct)).ToLookup(n => n.EventId);
            foreach (var e in batch)
            {
                var item = JsonSerializer.SerializeToNode(e, Wire)!.AsObject();
                item["revisions"] = new JsonArray([.. revisions[e.Id].Select(r => (JsonNode)new JsonObject
                {
                    ["version"] = r.Version,
                    ["at"] = Web.UtcDateTimeConverter.Format(r.At),
                    ["approved_at"] = r.ApprovedAt is { } approved ? Web.UtcDateTimeConverter.Format(approved) : null,
                    ["fields"] = JsonNode.Parse(r.Data),
                })]);
                item["notes"] = JsonSerializer.SerializeToNode(notes[e.Id].Select(n => new { n.ByVendor, n.Text, n.CreatedAt }), Wire);
                item.WriteTo(json);
            }
            after = ids[^1];
            await FlushAsync(json, output, ct);
        }
        json.WriteEndArray();
    }

    private static async Task ArrayAsync<T>(Utf8JsonWriter json, PipeWriter output, string name, IQueryable<T> rows, CancellationToken ct)
    {
        json.WriteStartArray(name);
        var written = 0;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            JsonSerializer.Serialize(json, row, Wire);
            if (++written % RowsPerFlush == 0)
            {
                await FlushAsync(json, output, ct);
            }
        }
        json.WriteEndArray();
    }

    /// <summary>Hands what the writer holds to the pipe, then sends it (the writer itself never blocks on the network).</summary>
    private static async Task FlushAsync(Utf8JsonWriter json, PipeWriter output, CancellationToken ct)
    {
        json.Flush();
        await output.FlushAsync(ct);
    }
}
