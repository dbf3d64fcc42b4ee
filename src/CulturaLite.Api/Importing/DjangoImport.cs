using System.Diagnostics;
using System.Globalization;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Importing;

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

    private readonly AppDbContext _db = db;
    private readonly TextWriter _output = output;
    private readonly List<LeftBehind> _problems = [];
    private readonly List<TableTally> _tallies = [];
    private readonly List<long> _foreignHashes = [];
    private ImportTarget _target = null!;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<ImportReport> RunAsync(DjangoSource source, bool dryRun, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        _db.ChangeTracker.AutoDetectChangesEnabled = false;
        _target = new ImportTarget(_db, source.Where, dryRun, BatchSize, AfterBatch, _output, clock);
        foreach (var row in await _db.ImportedRows.AsNoTracking().Where(r => r.Source == source.Where).ToListAsync(ct))
        {
            _target.MapOf(row.SourceTable)[row.SourceId] = row.TargetId;
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
        report.WriteTo(_output, _foreignHashes);
        return report;
    }


    private async Task UsersAsync(DjangoSource source, CancellationToken ct)
    {
        var tally = await StartAsync(source, DjangoSource.Users, ct);
        var map = _target.MapOf(DjangoSource.Users);
        var existing = await _db.Users.AsNoTracking().Select(u => new { u.NormalizedEmail, u.Id }).ToDictionaryAsync(u => u.NormalizedEmail, u => u.Id, ct);
        var seen = new Dictionary<string, long>();
        var batch = new ImportBatch<User>(_target, tally, DjangoSource.Users);
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
        var map = _target.MapOf(DjangoSource.Categories);
        var ours = await _db.Categories.AsNoTracking().ToListAsync(ct);
        var names = ours.ToDictionary(c => c.Id, c => c.Name);
        var batch = new ImportBatch<Category>(_target, tally, DjangoSource.Categories);
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
        var map = _target.MapOf(DjangoSource.Events);
        var users = _target.MapOf(DjangoSource.Users);
        var categories = _target.MapOf(DjangoSource.Categories);
        var cities = await CityResolver.LoadAsync(_db, ct);
        var now = Now;
        var batch = new ImportBatch<Event>(_target, tally, DjangoSource.Events, e => _db.EventRevisions.Add(Revision(e, now)));
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
        var map = _target.MapOf(DjangoSource.Notifications);
        var users = _target.MapOf(DjangoSource.Users);
        var events = _target.MapOf(DjangoSource.Events);
        var batch = new ImportBatch<Notification>(_target, tally, DjangoSource.Notifications);
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

}
