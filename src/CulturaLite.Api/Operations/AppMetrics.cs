using System.Diagnostics.Metrics;

namespace CulturaLite.Api.Operations;

/// <summary>
/// The product's own metrics (meter `CulturaLite`), exported with the runtime's and ASP.NET Core's
/// through OpenTelemetry: public cache hits and misses, moderation decisions by action, image
/// processing time; the queue and outbox gauges are observed from the database at scrape time.
/// </summary>
public static class AppMetrics
{
    public const string MeterName = "CulturaLite";

    private static readonly Meter Meter = new(MeterName, "1.0");

    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>("culturalite.public_cache.hits", "{response}", "Public responses served from the output cache.");
    public static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>("culturalite.public_cache.misses", "{response}", "Public responses computed (not in the cache).");
    public static readonly Counter<long> Decisions = Meter.CreateCounter<long>("culturalite.moderation.decisions", "{decision}", "Moderation decisions that changed an event, by action.");
    public static readonly Histogram<double> ImageProcessing = Meter.CreateHistogram<double>("culturalite.image.processing.duration", "s", "Time to decode, resize and re-encode one uploaded image.");

    /// <summary>Gauges read from the database when metrics are collected (one cheap indexed query each).</summary>
    public static void ObserveDatabase(IServiceScopeFactory scopes, TimeProvider clock)
    {
        Meter.CreateObservableGauge("culturalite.moderation.queue.length", () => Query(scopes, db => db.Events.Count(e => e.Status == Events.EventStatus.Pending)),
            "{event}", "Events waiting for a decision.");
        Meter.CreateObservableGauge("culturalite.outbox.pending", () => Query(scopes, db => db.OutboxEmails.Count(m => m.SentAt == null)),
            "{email}", "Emails not yet delivered.");
        Meter.CreateObservableGauge("culturalite.outbox.oldest_pending.age", () => Query(scopes, db =>
        {
            var oldest = db.OutboxEmails.Where(m => m.SentAt == null).Min(m => (DateTime?)m.CreatedAt);
            return oldest is null ? 0 : Math.Max(0, (clock.GetUtcNow().UtcDateTime - oldest.Value).TotalSeconds);
        }), "s", "Age of the oldest email not yet delivered.");
    }

    private static IEnumerable<Measurement<T>> Query<T>(IServiceScopeFactory scopes, Func<Data.AppDbContext, T> read) where T : struct
    {
        try
        {
            using var scope = scopes.CreateScope();
            return [new Measurement<T>(read(scope.ServiceProvider.GetRequiredService<Data.AppDbContext>()))];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The database is down: report nothing rather than fail the scrape (readiness says why).
            return [];
        }
    }
}
