using System.Data.Common;
using System.Runtime.CompilerServices;
using CulturaLite.Api.Commands;
using CulturaLite.Api.Data;
using Npgsql;

namespace CulturaLite.Api.Importing;

public sealed record DjangoUser(long Id, string Email, string Username, string Password, string FirstName, string LastName, bool IsActive,
    bool IsStaff, bool IsSuperuser, DateTime DateJoined, DateTime? LastLogin, string? Role, string? Organization);

public sealed record DjangoCategory(long Id, string Name, string Slug);

public sealed record DjangoEvent(long Id, string Title, string Description, string City, DateTime EventDate, string ImageUrl, string Status,
    long CategoryId, long VendorId, string? RejectionReason, DateTime? CreatedAt, DateTime? UpdatedAt, DateTime? ModeratedAt, long? ModeratedById);

public sealed record DjangoNotification(long Id, long? UserId, long? EventId, string Message, bool IsRead, DateTime? CreatedAt);

/// <summary>
/// The Django backend's PostgreSQL database, read with plain Npgsql (it is not ours: no EF model of it) in
/// one read-only, repeatable-read transaction, so the copy is of one consistent moment and nothing can be
/// written to it. Columns that only some versions of the original have (rejection reason, moderation time
/// and moderator, timestamps, notifications) are read when present.
/// </summary>
public sealed class DjangoSource : IAsyncDisposable
{
    public const string Users = "auth_user";
    public const string Profiles = "users_userprofile";
    public const string Categories = "events_category";
    public const string Events = "events_event";
    public const string Notifications = "notifications_notification";

    private static readonly Dictionary<string, string[]> Required = new()
    {
        [Users] = ["id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "email", "is_staff", "is_active", "date_joined"],
        [Categories] = ["id", "name", "slug"],
        [Events] = ["id", "title", "description", "city", "event_date", "image_url", "status", "category_id", "vendor_id"],
    };

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly Dictionary<string, HashSet<string>> _columns;

    private DjangoSource(NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<string, HashSet<string>> columns, string where)
    {
        _connection = connection;
        _transaction = transaction;
        _columns = columns;
        Where = where;
    }

    /// <summary>host:port/database, without the password, for messages.</summary>
    public string Where { get; }

    /// <summary>Connects and checks that this is the Django backend's schema; a clear <see cref="CommandException"/> otherwise.</summary>
    public static async Task<DjangoSource> OpenAsync(string url, CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(DatabaseOptions.FromUrl(url)) { Timeout = 10, CommandTimeout = 0, Pooling = false };
        }
        catch (Exception e) when (e is Web.SettingException or ArgumentException or FormatException or UriFormatException)
        {
            throw new CommandException($"--from must be a PostgreSQL URL like postgres://user:password@host:5432/database ({e.Message}).");
        }
        var where = $"{builder.Host}:{builder.Port}/{builder.Database}";
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or DbException or TimeoutException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            await connection.DisposeAsync();
            throw new CommandException($"Cannot connect to the Django database at {where}: {e.Message}");
        }
        var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(ct);
        }
        var columns = new Dictionary<string, HashSet<string>>();
        await using (var command = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ANY(@tables)",
            connection, transaction))
        {
            command.Parameters.AddWithValue("tables", new[] { Users, Profiles, Categories, Events, Notifications });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var table = reader.GetString(0);
                if (!columns.TryGetValue(table, out var set))
                {
                    columns[table] = set = [];
                }
                set.Add(reader.GetString(1));
            }
        }
        var missing = Required.SelectMany(t => columns.TryGetValue(t.Key, out var have)
            ? t.Value.Where(c => !have.Contains(c)).Select(c => $"column {t.Key}.{c}")
            : [$"table {t.Key}"]).ToList();
        if (missing.Count > 0)
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            throw new CommandException($"{where} is not a database of the Django backend: missing {string.Join(", ", missing)}.");
        }
        return new DjangoSource(connection, transaction, columns, where);
    }

    public bool Has(string table, string column = "id") => _columns.TryGetValue(table, out var set) && set.Contains(column);

    /// <summary>The first of <paramref name="candidates"/> that the table has, as a select expression; else NULL.</summary>
    private string Column(string table, string alias, params string[] candidates) =>
        candidates.FirstOrDefault(c => Has(table, c)) is { } name ? $"{alias}.\"{name}\"" : "NULL";

    public async Task<long> CountAsync(string table, CancellationToken ct)
    {
        if (!Has(table))
        {
            return 0;
        }
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", _connection, _transaction);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    public IAsyncEnumerable<DjangoUser> UsersAsync(CancellationToken ct)
    {
        var profile = Has(Profiles, "user_id");
        var sql = $"""
            SELECT u.id, u.email, u.username, u.password, u.first_name, u.last_name, u.is_active, u.is_staff, u.is_superuser,
                   u.date_joined, u.last_login, {(profile ? Column(Profiles, "p", "role") : "NULL")}, {(profile ? Column(Profiles, "p", "organization_name") : "NULL")}
            FROM auth_user u {(profile ? "LEFT JOIN users_userprofile p ON p.user_id = u.id" : "")}
            ORDER BY u.id
            """;
        return ReadAsync(sql, r => new DjangoUser(r.GetInt64(0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), r.GetBoolean(6), r.GetBoolean(7),
            r.GetBoolean(8), Utc(r, 9) ?? DateTime.UnixEpoch, Utc(r, 10), NullableText(r, 11), NullableText(r, 12)), ct);
    }

    public IAsyncEnumerable<DjangoCategory> CategoriesAsync(CancellationToken ct) =>
        ReadAsync("SELECT id, name, slug FROM events_category ORDER BY id", r => new DjangoCategory(r.GetInt64(0), Text(r, 1), Text(r, 2)), ct);

    public IAsyncEnumerable<DjangoEvent> EventsAsync(CancellationToken ct)
    {
        var sql = $"""
            SELECT e.id, e.title, e.description, e.city, e.event_date, e.image_url, e.status, e.category_id, e.vendor_id,
                   {Column(Events, "e", "rejection_reason")}, {Column(Events, "e", "created_at")}, {Column(Events, "e", "updated_at")},
                   {Column(Events, "e", "moderated_at", "reviewed_at", "approved_at")}, {Column(Events, "e", "moderated_by_id", "reviewed_by_id", "moderator_id", "approved_by_id")}
            FROM events_event e ORDER BY e.id
            """;
        return ReadAsync(sql, r => new DjangoEvent(r.GetInt64(0), Text(r, 1), Text(r, 2), Text(r, 3), Utc(r, 4) ?? DateTime.UnixEpoch, Text(r, 5), Text(r, 6),
            r.GetInt64(7), r.GetInt64(8), NullableText(r, 9), Utc(r, 10), Utc(r, 11), Utc(r, 12), r.IsDBNull(13) ? null : Convert.ToInt64(r.GetValue(13))), ct);
    }

    public IAsyncEnumerable<DjangoNotification> NotificationsAsync(CancellationToken ct)
    {
        if (!Has(Notifications))
        {
            return AsyncEnumerable.Empty<DjangoNotification>();
        }
        var sql = $"""
            SELECT n.id, {Column(Notifications, "n", "user_id", "recipient_id", "vendor_id")}, {Column(Notifications, "n", "event_id")},
                   {Column(Notifications, "n", "message", "text", "body")}, {Column(Notifications, "n", "is_read", "read")}, {Column(Notifications, "n", "created_at", "timestamp")}
            FROM notifications_notification n ORDER BY n.id
            """;
        return ReadAsync(sql, r => new DjangoNotification(r.GetInt64(0), r.IsDBNull(1) ? null : Convert.ToInt64(r.GetValue(1)),
            r.IsDBNull(2) ? null : Convert.ToInt64(r.GetValue(2)), NullableText(r, 3) ?? "", !r.IsDBNull(4) && r.GetBoolean(4), Utc(r, 5)), ct);
    }

    private async IAsyncEnumerable<T> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> map, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, _connection, _transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return map(reader);
        }
    }

    private static string Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? "" : r.GetValue(i).ToString() ?? "";

    private static string? NullableText(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetValue(i).ToString();

    /// <summary>Django stores aware times in UTC (USE_TZ); naive ones are read as UTC too.</summary>
    private static DateTime? Utc(NpgsqlDataReader r, int i) =>
        r.IsDBNull(i) ? null : r.GetValue(i) is DateTime d ? DateTime.SpecifyKind(d.Kind == DateTimeKind.Local ? d.ToUniversalTime() : d, DateTimeKind.Utc) : null;

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
