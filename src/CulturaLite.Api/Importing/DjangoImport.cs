using System.Diagnostics;
using System.Globalization;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Importing;

/// <summary>What happened to one source table.</summary>
public sealed class TableTally(string table)
{
    public string Table { get; } = table;
    public long Total { get; set; }
    public long Copied { get; set; }
    public long AlreadyCopied { get; set; }
    public long Matched { get; set; }
    public long LeftBehind { get; set; }
}

/// <summary>A source row that could not be copied, and why.</summary>
public sealed record LeftBehind(string Table, long Id, string Reason);

public sealed record ImportReport(IReadOnlyList<TableTally> Tables, IReadOnlyList<LeftBehind> Problems, bool DryRun, TimeSpan Elapsed)
{
    public bool Complete => Problems.Count == 0;
}

/// <summary>
/// `import-django`: copies users (with their Django password hashes), categories, events and notifications
/// from the Django backend's database into ours, through EF Core, in batches. Each batch is saved in one
/// transaction together with its rows of <see cref="ImportedRow"/> (source id to our id), so a second run
/// copies nothing twice and a run that stopped halfway is completed by the next. A row that cannot be
/// mapped is reported with its id and the reason, never dropped silently. `dryRun` reports the same
/// without writing.
/// </summary>
public sealed class DjangoImport(AppDbContext db, TimeProvider clock, Moderation.AuditLog audit, TextWriter output)
{
    /// <summary>Rows per transaction.</summary>
    public int BatchSize { get; init; } = 1000;

    /// <summary>Called after each committed batch with its table (tests stop a run halfway with it).</summary>
    public Action<string>? AfterBatch { get; init; }

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(2);

    private readonly AppDbContext _db = db;
    private readonly TextWriter _output = output;
    private readonly Dictionary<string, Dictionary<long, int>> _map = [];
    private readonly List<LeftBehind> _problems = [];
    private readonly List<TableTally> _tallies = [];
    private int _virtualId;
    private readonly List<long> _foreignHashes = [];
    private string _source = "";
    private bool _dryRun;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<ImportReport> RunAsync(DjangoSource source, bool dryRun, CancellationToken ct)
    {
        _dryRun = dryRun;
        var watch = Stopwatch.StartNew();
        _db.ChangeTracker.AutoDetectChangesEnabled = false;
        _source = source.Where;
        foreach (var row in await _db.ImportedRows.AsNoTracking().Where(r => r.Source == source.Where).ToListAsync(ct))
        {
            MapOf(row.SourceTable)[row.SourceId] = row.TargetId;
        }
        _output.WriteLine($"import-django from {source.Where}{(dryRun ? " (dry run: nothing is written)" : "")}");
        await UsersAsync(source, ct);
        var categoryNames = await CategoriesAsync(source, ct);
        await EventsAsync(source, categoryNames, ct);
        await NotificationsAsync(source, ct);
        var report = new ImportReport(_tallies, _problems, dryRun, watch.Elapsed);
        if (!dryRun && _tallies.Sum(t => t.Copied) > 0)
        {
            await audit.RecordAsync("import.django", "import", 0,
                new { source = source.Where, copied = _tallies.ToDictionary(t => t.Table, t => t.Copied), left_behind = _problems.Count }, bySystem: true, ct: ct);
            await _db.SaveChangesAsync(ct);
        }
        Summarize(report);
        return report;
    }

    private Dictionary<long, int> MapOf(string table)
    {
        if (!_map.TryGetValue(table, out var map))
        {
            _map[table] = map = [];
        }
        return map;
    }

    private async Task UsersAsync(DjangoSource source, CancellationToken ct)
    {
        var tally = await StartAsync(source, DjangoSource.Users, ct);
        var map = MapOf(DjangoSource.Users);
        var existing = await _db.Users.AsNoTracking().Select(u => new { u.NormalizedEmail, u.Id }).ToDictionaryAsync(u => u.NormalizedEmail, u => u.Id, ct);
        var seen = new Dictionary<string, long>();
        var batch = new Batch<User>(this, tally, DjangoSource.Users);
        await foreach (var u in source.UsersAsync(ct))
        {
            var email = (u.Email.Trim().Length > 0 ? u.Email : u.Username.Contains('@') ? u.Username : "").Trim();
            var normalized = User.NormalizeEmail(email);
            if (map.ContainsKey(u.Id))
            {
                seen.TryAdd(normalized, u.Id);
                tally.AlreadyCopied++;
                continue;
            }
            if (email.Length == 0)
            {
                Problem(tally, u.Id, $"no email address (username \"{u.Username}\"): accounts here log in by email");
            }
            else if (email.Length > User.EmailMaxLength || u.FirstName.Length > User.NameMaxLength || u.LastName.Length > User.NameMaxLength
                     || (u.Organization?.Length ?? 0) > User.OrganizationMaxLength)
            {
                Problem(tally, u.Id, "email, name or organization longer than this backend allows");
            }
            else if (seen.TryGetValue(normalized, out var first))
            {
                Problem(tally, u.Id, $"auth_user {first} has the same email ({email}); one account per email here");
            }
            else if (existing.TryGetValue(normalized, out var accountId))
            {
                // The same person already has an account here (by email, case-insensitively): theirs.
                seen[normalized] = u.Id;
                tally.Matched++;
                await batch.MapExistingAsync(u.Id, accountId, ct);
            }
            else
            {
                seen[normalized] = u.Id;
                if (!Passwords.DjangoFormats.Any(f => u.Password.StartsWith(f, StringComparison.Ordinal)) && !u.Password.StartsWith('!'))
                {
                    _foreignHashes.Add(u.Id);
                }
                var admin = u.IsSuperuser || u.IsStaff || string.Equals(u.Role, Roles.Admin, StringComparison.OrdinalIgnoreCase);
                await batch.AddAsync(u.Id, User.Import(email, u.FirstName, u.LastName, u.Organization ?? "", admin, u.IsSuperuser, u.IsStaff, u.IsActive,
                    u.DateJoined, u.LastLogin, u.Password), ct);
            }
        }
        await batch.FlushAsync(ct);
    }

    /// <summary>Categories by slug (then by name): an existing category here is used, not duplicated.</summary>
    private async Task<Dictionary<int, string>> CategoriesAsync(DjangoSource source, CancellationToken ct)
    {
        var tally = await StartAsync(source, DjangoSource.Categories, ct);
        var map = MapOf(DjangoSource.Categories);
        var ours = await _db.Categories.AsNoTracking().ToListAsync(ct);
        var names = ours.ToDictionary(c => c.Id, c => c.Name);
        var batch = new Batch<Category>(this, tally, DjangoSource.Categories);
        var pending = new Dictionary<Category, long>();
        await foreach (var c in source.CategoriesAsync(ct))
        {
            if (map.ContainsKey(c.Id))
            {
                tally.AlreadyCopied++;
                continue;
            }
            var slug = Category.Slugify(c.Slug.Length > 0 ? c.Slug : c.Name);
            var match = ours.FirstOrDefault(x => x.Slug == slug) ?? ours.FirstOrDefault(x => string.Equals(x.Name, c.Name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                tally.Matched++;
                await batch.MapExistingAsync(c.Id, match.Id, ct);
            }
            else if (c.Name.Trim().Length is 0 or > Category.NameMaxLength || slug.Length == 0)
            {
                Problem(tally, c.Id, "empty or too long a name or slug");
            }
            else
            {
                var category = Category.Create(c.Name, slug);
                ours.Add(category);
                pending[category] = c.Id;
                await batch.AddAsync(c.Id, category, ct);
            }
        }
        await batch.FlushAsync(ct);
        foreach (var (category, sourceId) in pending)
        {
            names[map[sourceId]] = category.Name;
        }
        return names;
    }

    private async Task EventsAsync(DjangoSource source, Dictionary<int, string> categoryNames, CancellationToken ct)
    {
        var tally = await StartAsync(source, DjangoSource.Events, ct);
        var map = MapOf(DjangoSource.Events);
        var users = MapOf(DjangoSource.Users);
        var categories = MapOf(DjangoSource.Categories);
        var cities = await CityResolver.LoadAsync(_db, ct);
        var now = Now;
        var batch = new Batch<Event>(this, tally, DjangoSource.Events, e => _db.EventRevisions.Add(Revision(e, now)));
        await foreach (var e in source.EventsAsync(ct))
        {
            if (map.ContainsKey(e.Id))
            {
                tally.AlreadyCopied++;
                continue;
            }
            var status = e.Status.Trim().ToLowerInvariant();
            var placed = cities.Resolve(e.City);
            string? reason = null;
            if (!users.TryGetValue(e.VendorId, out var vendorId))
            {
                reason = $"its vendor (auth_user {e.VendorId}) was not copied";
            }
            else if (!categories.TryGetValue(e.CategoryId, out var categoryId))
            {
                reason = $"its category (events_category {e.CategoryId}) was not copied";
            }
            else if (!EventStatus.IsKnown(status))
            {
                reason = $"unknown status \"{e.Status}\"";
            }
            else if (string.IsNullOrWhiteSpace(e.Title) || e.Title.Length > Event.TitleMaxLength)
            {
                reason = $"title empty or longer than {Event.TitleMaxLength} characters";
            }
            else if (e.Description.Length > Event.DescriptionMaxLength)
            {
                reason = $"description longer than {Event.DescriptionMaxLength:N0} characters";
            }
            else if (!Event.IsAcceptableImageUrl(e.ImageUrl))
            {
                reason = "image URL is not an http(s) URL (as a submission's image_url must be)";
            }
            else if (placed.Name.Length > Event.CityMaxLength || (e.RejectionReason?.Length ?? 0) > Event.ReasonMaxLength)
            {
                reason = "city or rejection reason longer than this backend allows";
            }
            else
            {
                int? moderator = e.ModeratedById is { } m && users.TryGetValue(m, out var moderatorId) && moderatorId > 0 ? moderatorId : null;
                var created = e.CreatedAt ?? now;
                var details = new EventDetails(e.Title, e.Description, placed.Name, e.EventDate, categoryId, e.ImageUrl, null, null)
                {
                    IndexTerms = SearchIndex.Terms(placed, categoryNames.GetValueOrDefault(categoryId)),
                };
                await batch.AddAsync(e.Id, Event.Import(vendorId, details, status, e.RejectionReason, moderator,
                    e.ModeratedAt ?? (status == EventStatus.Pending ? null : e.UpdatedAt), created, e.UpdatedAt ?? created), ct);
                continue;
            }
            Problem(tally, e.Id, reason);
        }
        await batch.FlushAsync(ct);
    }

    /// <summary>The imported state as the event's first revision; an approved one is the base a later re-review compares with.</summary>
    private static EventRevision Revision(Event e, DateTime now)
    {
        var revision = EventRevision.Of(e, now);
        if (e.Status == EventStatus.Approved)
        {
            revision.MarkApproved(e.ModeratedAt ?? now);
        }
        return revision;
    }

    private async Task NotificationsAsync(DjangoSource source, CancellationToken ct)
    {
        if (!source.Has(DjangoSource.Notifications))
        {
            _output.WriteLine($"  {DjangoSource.Notifications}: not in the source (its version of the backend kept none)");
            return;
        }
        var tally = await StartAsync(source, DjangoSource.Notifications, ct);
        var map = MapOf(DjangoSource.Notifications);
        var users = MapOf(DjangoSource.Users);
        var events = MapOf(DjangoSource.Events);
        var batch = new Batch<Notification>(this, tally, DjangoSource.Notifications);
        await foreach (var n in source.NotificationsAsync(ct))
        {
            if (map.ContainsKey(n.Id))
            {
                tally.AlreadyCopied++;
            }
            else if (n.UserId is not { } userId || !users.TryGetValue(userId, out var vendorId))
            {
                Problem(tally, n.Id, $"its user (auth_user {n.UserId?.ToString(CultureInfo.InvariantCulture) ?? "none"}) was not copied");
            }
            else if (n.EventId is not { } sourceEventId || !events.TryGetValue(sourceEventId, out var eventId))
            {
                Problem(tally, n.Id, n.EventId is null ? "it is about no event (notifications here belong to an event)" : $"its event (events_event {n.EventId}) was not copied");
            }
            else if (n.Message.Length is 0 or > Notification.MessageMaxLength)
            {
                Problem(tally, n.Id, $"empty or longer than {Notification.MessageMaxLength:N0} characters");
            }
            else
            {
                await batch.AddAsync(n.Id, Notification.Import(vendorId, eventId, n.Message, n.IsRead, n.CreatedAt ?? Now), ct);
            }
        }
        await batch.FlushAsync(ct);
    }

    private async Task<TableTally> StartAsync(DjangoSource source, string table, CancellationToken ct)
    {
        var tally = new TableTally(table) { Total = await source.CountAsync(table, ct) };
        _tallies.Add(tally);
        return tally;
    }

    private void Problem(TableTally tally, long id, string reason)
    {
        tally.LeftBehind++;
        _problems.Add(new LeftBehind(tally.Table, id, reason));
    }

    private void Summarize(ImportReport report)
    {
        _output.WriteLine();
        _output.WriteLine($"{"table",-28} {"in source",10} {"copied",10} {"matched",8} {"before",10} {"left",8}");
        foreach (var t in report.Tables)
        {
            _output.WriteLine($"{t.Table,-28} {t.Total,10:N0} {t.Copied,10:N0} {t.Matched,8:N0} {t.AlreadyCopied,10:N0} {t.LeftBehind,8:N0}");
        }
        _output.WriteLine("(copied: new here; matched: an existing account or category here by email or slug; before: copied by an earlier run)");
        if (report.Problems.Count > 0)
        {
            _output.WriteLine();
            _output.WriteLine($"Left behind ({report.Problems.Count:N0}), with the reason:");
            foreach (var p in report.Problems)
            {
                _output.WriteLine($"  {p.Table} {p.Id}: {p.Reason}");
            }
        }
        if (_foreignHashes.Count > 0)
        {
            _output.WriteLine();
            _output.WriteLine($"Note: {_foreignHashes.Count:N0} account(s) have a password hash in a format this backend cannot check "
                + $"(it checks {string.Join(", ", Passwords.DjangoFormats.Select(f => f.TrimEnd('$')))}): they are copied, but cannot log in with their old password (auth_user {string.Join(", ", _foreignHashes.Take(20))}{(_foreignHashes.Count > 20 ? " ..." : "")}).");
        }
        _output.WriteLine();
        _output.WriteLine($"{(report.DryRun ? "Dry run finished" : "Finished")} in {report.Elapsed.TotalSeconds:0.0} s: "
            + (report.Complete ? "nothing left behind." : $"{report.Problems.Count:N0} row(s) left behind (listed above); fix them in the source and run again."));
    }

    /// <summary>
    /// Rows on their way in: saved every <see cref="DjangoImport.BatchSize"/> rows in one transaction with their
    /// <see cref="ImportedRow"/> entries (or, in a dry run, only counted and given stand-in ids so later
    /// tables resolve against them).
    /// </summary>
    private sealed class Batch<T>(DjangoImport import, TableTally tally, string table, Action<T>? alongside = null) where T : class
    {
        private readonly List<(long SourceId, T Entity)> _rows = [];
        private readonly List<(long SourceId, int TargetId)> _existing = [];
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private TimeSpan _lastProgress;

        public async Task AddAsync(long sourceId, T entity, CancellationToken ct)
        {
            _rows.Add((sourceId, entity));
            if (_rows.Count >= import.BatchSize)
            {
                await FlushAsync(ct);
            }
        }

        public async Task MapExistingAsync(long sourceId, int targetId, CancellationToken ct)
        {
            _existing.Add((sourceId, targetId));
            if (_existing.Count >= import.BatchSize)
            {
                await FlushAsync(ct);
            }
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            var map = import.MapOf(table);
            if (import._dryRun)
            {
                foreach (var (sourceId, _) in _rows)
                {
                    map[sourceId] = --import._virtualId;
                }
                foreach (var (sourceId, targetId) in _existing)
                {
                    map[sourceId] = targetId;
                }
            }
            else if (_rows.Count + _existing.Count > 0)
            {
                var db = import._db;
                var now = import.Now;
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                foreach (var (_, entity) in _rows)
                {
                    db.Add(entity);
                    alongside?.Invoke(entity);
                }
                await db.SaveChangesAsync(ct);
                foreach (var (sourceId, entity) in _rows)
                {
                    var id = (int)db.Entry(entity).Property("Id").CurrentValue!;
                    db.ImportedRows.Add(ImportedRow.Of(import._source, table, sourceId, id, now));
                    map[sourceId] = id;
                }
                foreach (var (sourceId, targetId) in _existing)
                {
                    db.ImportedRows.Add(ImportedRow.Of(import._source, table, sourceId, targetId, now));
                    map[sourceId] = targetId;
                }
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                import.AfterBatch?.Invoke(table);
            }
            tally.Copied += _rows.Count;
            _rows.Clear();
            _existing.Clear();
            var done = tally.Copied + tally.Matched + tally.AlreadyCopied + tally.LeftBehind;
            if (_watch.Elapsed - _lastProgress >= ProgressEvery || done >= tally.Total)
            {
                _lastProgress = _watch.Elapsed;
                var rate = tally.Copied / Math.Max(_watch.Elapsed.TotalSeconds, 0.001);
                import._output.WriteLine($"  {table}: {done:N0} of {tally.Total:N0} ({rate:N0} rows/s copied)");
            }
        }
    }
}
