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
/// </summary>
public sealed class PersonalDataExport(AppDbContext db, LoginSessions sessions, AuditLog audit, TimeProvider clock)
{
    public const string Action = "user.export";

    /// <summary>At most one export per account in this time.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>How long until the account may export again (zero when it may now).</summary>
    public async Task<TimeSpan> WaitAsync(int userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var last = await db.AuditEntries.Where(a => a.Action == Action && a.TargetType == "user" && a.TargetId == userId)
            .OrderByDescending(a => a.At).Select(a => (DateTime?)a.At).FirstOrDefaultAsync(ct);
        return last is { } at && now - at < Interval ? Interval - (now - at) : TimeSpan.Zero;
    }

    public async Task<JsonObject?> BuildAsync(int userId, Guid? currentSession, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(UserResponse.Projection).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }
        var eventIds = await db.Events.Where(e => e.VendorId == userId).Select(e => e.Id).ToListAsync(ct);
        var events = await db.Events.AsNoTracking().Where(e => e.VendorId == userId).OrderBy(e => e.Id).Select(DashboardEventResponse.Projection).ToListAsync(ct);
        var revisions = (await db.EventRevisions.AsNoTracking().Where(r => eventIds.Contains(r.EventId)).OrderBy(r => r.Id).ToListAsync(ct)).ToLookup(r => r.EventId);
        var notes = (await db.EventNotes.AsNoTracking().Where(n => eventIds.Contains(n.EventId) && (n.VisibleToVendor || n.AuthorId == userId))
            .OrderBy(n => n.Id).ToListAsync(ct)).ToLookup(n => n.EventId);
        var document = new JsonObject
        {
            ["exported_at"] = Web.UtcDateTimeConverter.Format(clock.GetUtcNow().UtcDateTime),
            ["account"] = Node(user),
            ["consents"] = Node(await db.Consents.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.At)
                .Select(c => new { c.NoticeVersion, c.At, c.IpNetwork }).ToListAsync(ct)),
            ["sessions"] = Node(await sessions.ListAsync(userId, currentSession, ct)),
            ["events"] = new JsonArray([.. events.Select(e =>
            {
                var item = Node(e)!.AsObject();
                item["revisions"] = new JsonArray([.. revisions[e.Id].Select(r => (JsonNode)new JsonObject
                {
                    ["version"] = r.Version,
                    ["at"] = Web.UtcDateTimeConverter.Format(r.At),
                    ["approved_at"] = r.ApprovedAt is { } approved ? Web.UtcDateTimeConverter.Format(approved) : null,
                    ["fields"] = JsonNode.Parse(r.Data),
                })]);
                item["notes"] = Node(notes[e.Id].Select(n => new { n.ByVendor, n.Text, n.CreatedAt }).ToList());
                return (JsonNode?)item;
            })]),
            ["notifications"] = Node(await db.Notifications.AsNoTracking().Where(n => n.VendorId == userId).OrderBy(n => n.Id)
                .Select(n => new { n.Message, n.IsRead, n.CreatedAt, Event = n.EventId }).ToListAsync(ct)),
            ["reports_made"] = Node(await db.EventReports.AsNoTracking().Where(r => r.ReporterUserId == userId).OrderBy(r => r.Id)
                .Select(r => new { Event = r.EventId, r.Reason, r.Message, r.CreatedAt }).ToListAsync(ct)),
            ["emails"] = Node(await db.OutboxEmails.AsNoTracking().Where(m => m.To == user.Email).OrderBy(m => m.Id)
                .Select(m => new { m.Subject, m.CreatedAt, m.SentAt }).ToListAsync(ct)),
            ["audit"] = Node(await db.AuditEntries.AsNoTracking()
                .Where(a => (a.TargetType == "user" && a.TargetId == userId) || (a.TargetType == "event" && eventIds.Contains(a.TargetId)) || a.ActorId == userId)
                .OrderBy(a => a.Id).Select(a => new { a.At, a.Action, a.TargetType, a.TargetId, a.Data }).ToListAsync(ct)),
        };
        await audit.RecordAsync(Action, "user", userId, ct: ct);
        await db.SaveChangesAsync(ct);
        return document;
    }

    private static readonly System.Text.Json.JsonSerializerOptions Wire = Web.JsonConventions.Create();

    private static JsonNode? Node<T>(T value) => System.Text.Json.JsonSerializer.SerializeToNode(value, Wire);
}
