using System.Net;
using System.Net.Sockets;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Moderation;

/// <summary>
/// Reports from the public and when they hide an event. A reporter is a network (IPv4 /24, IPv6 /64),
/// logged in or not: registration is open, so accounts would let one person count many times. Reporters
/// an admin overruled by "keep" do not count against that event again until its vendor changes it.
/// </summary>
public sealed class PublicReports(AppDbContext db, IOptions<ModerationOptions> options, TimeProvider clock)
{
    public const string NoSuchEvent = "No approved event matches the given id.";

    /// <summary>The reporter a request from <paramref name="address"/> counts as: `net:{network}/{prefix}`.</summary>
    public static string ReporterOf(IPAddress? address)
    {
        if (address is null)
        {
            return "net:unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        var prefix = address.AddressFamily == AddressFamily.InterNetwork ? 24 : 64;
        return $"net:{new System.Net.IPNetwork(Mask(address, prefix), prefix)}";
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }
        return new IPAddress(bytes);
    }

    /// <summary>Files the report unless this reporter already has one open; hides the event at the threshold.</summary>
    public async Task<Outcome<bool>> FileAsync(int eventId, string reason, string? message, IPAddress? from, int? byUser, CancellationToken ct)
    {
        var e = await db.Events.Where(e => e.Id == eventId).Where(Event.IsPublic).FirstOrDefaultAsync(ct);
        if (e is null)
        {
            return Outcome<bool>.NotFound(NoSuchEvent);
        }
        var reporter = ReporterOf(from);
        var open = db.EventReports.Where(r => r.EventId == eventId && r.ResolvedAt == null);
        if (await open.AnyAsync(r => r.Reporter == reporter, ct))
        {
            return Outcome<bool>.Done(false);
        }
        db.EventReports.Add(EventReport.File(eventId, reason, message, reporter, clock.GetUtcNow().UtcDateTime, byUser));
        var overruled = Overruled(eventId);
        var counts = !await overruled.ContainsAsync(reporter, ct);
        var reporters = await open.Select(r => r.Reporter).Where(r => !overruled.Contains(r)).Distinct().CountAsync(ct) + (counts ? 1 : 0);
        if (reporters >= options.Value.ReportThreshold)
        {
            e.HideForReports();
        }
        return await db.SaveUnlessEventGoneAsync(eventId, ct) ? Outcome<bool>.Done(true) : Outcome<bool>.NotFound(NoSuchEvent);
    }

    /// <summary>Reporters whose reports an admin kept the event against since its vendor last changed it (every change is a revision).</summary>
    private IQueryable<string> Overruled(int eventId)
    {
        var revisions = db.EventRevisions.Where(v => v.EventId == eventId);
        return db.EventReports
            .Where(r => r.EventId == eventId && r.Resolution == ReportResolutions.Kept
                && !revisions.Any(v => v.At > r.ResolvedAt))
            .Select(r => r.Reporter);
    }
}
