using System.Diagnostics.Metrics;
using System.Net;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Moderation;
using CulturaLite.Api.Notifications;
using CulturaLite.Api.Operations;
using CulturaLite.Api.Tests.Infrastructure;
using CulturaLite.Api.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Tests.Moderation;

/// <summary>
/// <see cref="ModerationDecisions"/> called as the API and the console call it, with its collaborators in reach:
/// the mailer's wake-up signal, the decision counter, the log, and a save that another request races. Serial
/// because the decision counter is process-wide.
/// </summary>
[Collection(SerialCollection.Name)]
public abstract class ModerationDecisionRulesTests(ApiFactory factory) : ApiTest(factory)
{
    public sealed class Sqlite(SqliteApiFactory f) : ModerationDecisionRulesTests(f), IClassFixture<SqliteApiFactory>;

    public sealed class Postgres(PostgresApiFactory f) : ModerationDecisionRulesTests(f), IClassFixture<PostgresApiFactory>;

    /// <summary>The service over its own context (with the given interceptors added), signal and log.</summary>
    private sealed class Decider : IDisposable
    {
        private readonly IServiceScope _scope;

        public Decider(IServiceProvider services, params IInterceptor[] interceptors)
        {
            _scope = services.CreateScope();
            var sp = _scope.ServiceProvider;
            Db = InterceptedContext.Create(sp, interceptors);
            var clock = sp.GetRequiredService<TimeProvider>();
            var logs = LoggerFactory.Create(b => b.AddProvider(Log));
            Service = new ModerationDecisions(Db, new SeriesSchedule(Db, clock), Signal, sp.GetRequiredService<IOptions<EmailOptions>>(),
                new AuditLog(Db, sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>(), clock), clock,
                logs.CreateLogger<ModerationDecisions>());
        }

        public AppDbContext Db { get; }
        public OutboxSignal Signal { get; } = new();
        public LogCapture Log { get; } = new();
        public ModerationDecisions Service { get; }

        /// <summary>Whether the mailer was woken since the last look.</summary>
        public async Task<bool> WokenAsync() => await Signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);

        public void Dispose()
        {
            Db.Dispose();
            _scope.Dispose();
        }
    }

    /// <summary>Runs <paramref name="meanwhile"/> once, just before the first save: another request's write wins the race.</summary>
    private sealed class BeforeFirstSave(Func<Task> meanwhile) : SaveChangesInterceptor
    {
        private bool _done;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!_done)
            {
                _done = true;
                await meanwhile();
            }
            return result;
        }
    }

    /// <summary>Every save fails as a save fails when the database goes away after the commit of the change before it.</summary>
    private sealed class FailingSave : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            throw new DbUpdateException("the database went away");
    }

    /// <summary>Decisions counted by action while it is alive.</summary>
    private sealed class DecisionCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _counts = new();

        public DecisionCounter()
        {
            _listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument == AppMetrics.Decisions)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "action")
                    {
                        _counts.AddOrUpdate((string)tag.Value!, value, (_, v) => v + value);
                    }
                }
            });
            _listener.Start();
        }

        public long this[string action] => _counts.GetValueOrDefault(action);

        public void Dispose() => _listener.Dispose();
    }

    private async Task<(Event Event, int AdminId)> PendingAsync(string? title = null)
    {
        _ = Client();
        var (vendor, admin) = await SessionsAsync();
        var e = await WithDb(async db => await Seed.EventAsync(db, (await db.Users.FindAsync(vendor.Id))!, "Pune", DateTime.UtcNow.AddDays(5),
            status: EventStatus.Pending, title: title ?? Unique("Decide")));
        return (e, admin.Id);
    }

    private Task<string> StatusAsync(int id) => WithDb(db => db.Events.AsNoTracking().Where(e => e.Id == id).Select(e => e.Status).SingleAsync());

    private Task<List<AuditEntry>> AuditAsync(int id) =>
        WithDb(db => db.AuditEntries.AsNoTracking().Where(a => a.TargetType == "event" && a.TargetId == id).ToListAsync());

    [SkippableFact]
    public async Task A_decision_is_saved_announced_to_the_mailer_and_counted_by_its_action()
    {
        var (approved, adminId) = await PendingAsync();
        var (rejected, _) = await PendingAsync();
        using var counter = new DecisionCounter();
        using var decider = new Decider(Factory.Services);

        Assert.True((await decider.Service.ApproveAsync(approved.Id, approved.Version, adminId, default)).Succeeded);
        Assert.True(await decider.WokenAsync());
        Assert.Equal(1, counter["approve"]);
        Assert.Equal(0, counter["reject"]);

        Assert.True((await decider.Service.RejectAsync(rejected.Id, rejected.Version, adminId, "Add the venue.", default)).Succeeded);
        Assert.True(await decider.WokenAsync());
        Assert.Equal(1, counter["reject"]);
        Assert.Equal(EventStatus.Rejected, await StatusAsync(rejected.Id));
        var entry = Assert.Single(await AuditAsync(rejected.Id));
        Assert.Equal("event.reject", entry.Action);
        Assert.Contains("\"bulk\":false", entry.Data);
        Assert.Contains("\"reason\":\"Add the venue.\"", entry.Data);
    }

    [SkippableFact]
    public async Task A_bulk_rejection_rejects_each_event_with_the_reason_and_logs_each_as_part_of_a_bulk()
    {
        var (a, adminId) = await PendingAsync();
        var (b, _) = await PendingAsync();
        var (c, _) = await PendingAsync();
        using var decider = new Decider(Factory.Services);

        var rejected = await decider.Service.BulkAsync(false, "Blurry poster.", [new(a.Id, a.Version), new(b.Id, b.Version)], adminId, default);
        Assert.Equal([new(a.Id, "rejected"), new(b.Id, "rejected")], rejected);
        foreach (var id in new[] { a.Id, b.Id })
        {
            Assert.Equal(EventStatus.Rejected, await StatusAsync(id));
            Assert.Equal("Blurry poster.", await WithDb(db => db.Events.AsNoTracking().Where(e => e.Id == id).Select(e => e.RejectionReason).SingleAsync()));
            var entry = Assert.Single(await AuditAsync(id));
            Assert.Equal("event.reject", entry.Action);
            Assert.Contains("\"bulk\":true", entry.Data);
        }

        var approved = await decider.Service.BulkAsync(true, null, [new(c.Id, c.Version)], adminId, default);
        Assert.Equal([new(c.Id, "approved")], approved);
        Assert.Equal(EventStatus.Approved, await StatusAsync(c.Id));
        Assert.Contains("\"bulk\":true", Assert.Single(await AuditAsync(c.Id)).Data);
    }

    [SkippableFact]
    public async Task A_stale_decision_is_a_conflict_that_says_why_and_carries_the_current_event()
    {
        var (e, adminId) = await PendingAsync();
        using var decider = new Decider(Factory.Services);

        var stale = await decider.Service.ApproveAsync(e.Id, e.Version + 3, adminId, default);
        Assert.Equal(Failure.Conflict, stale.Failure);
        Assert.Equal(ModerationDecisions.Stale, stale.Code);
        Assert.Equal("The event changed since you loaded it. Review the current version and decide again.", stale.Reason);
        Assert.Equal(e.Id, stale.Value!.Id);
        Assert.False(await decider.WokenAsync());
        Assert.Equal(EventStatus.Pending, await StatusAsync(e.Id));
    }

    [SkippableFact]
    public async Task A_rejection_without_a_usable_reason_is_a_field_error_not_a_conflict()
    {
        var (e, adminId) = await PendingAsync();
        using var decider = new Decider(Factory.Services);

        var empty = await decider.Service.RejectAsync(e.Id, e.Version, adminId, "  ", default);
        Assert.Equal(Failure.Invalid, empty.Failure);
        Assert.True(empty.Errors.Has("reason"));
        var tooLong = await decider.Service.RejectAsync(e.Id, e.Version, adminId, new string('x', Event.ReasonMaxLength + 1), default);
        Assert.Equal(Failure.Invalid, tooLong.Failure);
        Assert.Equal(EventStatus.Pending, await StatusAsync(e.Id));
        Assert.Empty(await AuditAsync(e.Id));
    }

    [SkippableFact]
    public async Task A_template_stands_for_an_empty_or_blank_typed_reason_and_an_unknown_one_is_a_field_error()
    {
        _ = Client();
        var template = await WithDb(async db =>
        {
            var t = ReasonTemplate.Create(Unique("Poster"), "Please upload a sharper poster.");
            db.ReasonTemplates.Add(t);
            await db.SaveChangesAsync();
            return t.Id;
        });
        using var decider = new Decider(Factory.Services);

        foreach (var typed in new string?[] { null, "", "   " })
        {
            var errors = new FieldErrors();
            Assert.Equal("Please upload a sharper poster.", await decider.Service.ReasonAsync(errors, typed, template, default));
            Assert.False(errors.Any);
        }
        var own = new FieldErrors();
        Assert.Equal("My own words.", await decider.Service.ReasonAsync(own, "My own words.", template, default));
        Assert.False(own.Any);

        var unknown = new FieldErrors();
        Assert.Null(await decider.Service.ReasonAsync(unknown, "", 99999999, default));
        Assert.Equal(["No reason template has this id."], unknown.ToDictionary()["template"]);
    }

    [SkippableFact]
    public async Task Approving_marks_the_newest_revision_as_the_one_the_admin_reviewed()
    {
        var (vendor, admin) = await SessionsAsync();
        var created = await Json(await vendor.Client.PostAsync("/api/dashboard/events/", Body(EventBody(Unique("Revised")))));
        var id = (int)created["id"]!;
        var edited = await vendor.Client.PatchAsync($"/api/dashboard/events/{id}/", Body(new { title = Unique("Revised again") }));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var version = (int)(await Json(edited))["version"]!;
        using var decider = new Decider(Factory.Services);

        Assert.True((await decider.Service.ApproveAsync(id, version, admin.Id, default)).Succeeded);

        var revisions = await WithDb(db => db.EventRevisions.AsNoTracking().Where(r => r.EventId == id).OrderBy(r => r.Id).ToListAsync());
        Assert.True(revisions.Count >= 2, $"{revisions.Count} revisions");
        Assert.NotNull(revisions[^1].ApprovedAt);
        Assert.All(revisions[..^1], r => Assert.Null(r.ApprovedAt));
    }

    [SkippableFact]
    public async Task A_decision_that_loses_the_race_at_its_save_is_a_raced_conflict_and_leaves_nothing_behind()
    {
        var (e, adminId) = await PendingAsync();
        using var counter = new DecisionCounter();
        // Another decision or an edit commits between our read and our save.
        using var decider = new Decider(Factory.Services, new BeforeFirstSave(() => WithDb(db =>
            db.Events.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1)))));

        var raced = await decider.Service.ApproveAsync(e.Id, e.Version, adminId, default);

        Assert.Equal(Failure.Conflict, raced.Failure);
        Assert.Equal(ModerationDecisions.Raced, raced.Code);
        Assert.Equal("The event was changed by another request at the same time. Reload it and decide again.", raced.Reason);
        Assert.False(await decider.WokenAsync());
        Assert.Equal(0, counter["approve"]);
        Assert.Equal(EventStatus.Pending, await StatusAsync(e.Id));
        Assert.Equal(0, await WithDb(db => db.Notifications.CountAsync(n => n.EventId == e.Id)));
        Assert.Empty(await AuditAsync(e.Id));
    }

    [SkippableFact]
    public async Task A_decision_on_an_event_deleted_before_its_save_is_not_found_and_announces_nothing()
    {
        var (e, adminId) = await PendingAsync();
        using var counter = new DecisionCounter();
        using var decider = new Decider(Factory.Services, new BeforeFirstSave(() => WithDb(db =>
            db.Events.Where(x => x.Id == e.Id).ExecuteDeleteAsync())));

        var gone = await decider.Service.RejectAsync(e.Id, e.Version, adminId, "Too late.", default);

        Assert.Equal(Failure.NotFound, gone.Failure);
        Assert.Equal(ModerationDecisions.NoSuchEvent, gone.Reason);
        Assert.False(await decider.WokenAsync());
        Assert.Equal(0, counter["reject"]);
        Assert.Equal(0, await WithDb(db => db.Notifications.CountAsync(n => n.EventId == e.Id)));
    }

    [SkippableFact]
    public async Task A_trusted_vendors_submission_is_approved_with_its_email_and_its_revision_marked_as_reviewed()
    {
        var trusted = await Sessions.SignInAsync(Factory);
        await WithDb(async db =>
        {
            var user = (await db.Users.FindAsync(trusted.Id))!;
            user.Trust(true);
            await db.SaveChangesAsync();
        });
        var title = Unique("Trusted");

        var created = await Json(await trusted.Client.PostAsync("/api/dashboard/events/", Body(EventBody(title))));

        var id = (int)created["id"]!;
        Assert.Equal(EventStatus.Approved, (string)created["status"]!);
        Assert.Equal(1, await WithDb(db => db.OutboxEmails.CountAsync(m => m.To == trusted.Email && m.Subject.Contains(title))));
        Assert.NotNull(await WithDb(db => db.EventRevisions.AsNoTracking().Where(r => r.EventId == id).Select(r => r.ApprovedAt).SingleAsync()));
        var entry = Assert.Single(await AuditAsync(id));
        Assert.Equal("event.auto_approve", entry.Action);
        Assert.Null(entry.ActorId);
    }

    [SkippableFact]
    public async Task Recording_an_auto_approval_wakes_the_mailer_counts_it_and_survives_a_lost_audit_write()
    {
        var (e, _) = await PendingAsync();
        using var counter = new DecisionCounter();
        using (var decider = new Decider(Factory.Services))
        {
            await decider.Service.RecordAutoApprovalAsync(e, default);
            Assert.True(await decider.WokenAsync());
            Assert.Equal(1, counter["auto_approve"]);
            Assert.Equal("event.auto_approve", Assert.Single(await AuditAsync(e.Id)).Action);
            Assert.Empty(decider.Log.Lines);
        }

        using (var failing = new Decider(Factory.Services, new FailingSave()))
        {
            await failing.Service.RecordAutoApprovalAsync(e, default);
            Assert.True(await failing.WokenAsync());
            Assert.Equal(2, counter["auto_approve"]);
            var line = Assert.Single(failing.Log.Lines);
            Assert.StartsWith("Warning ", line);
            Assert.Contains($"Event {e.Id} was auto-approved but its audit entry could not be written.", line);
        }
    }
}
