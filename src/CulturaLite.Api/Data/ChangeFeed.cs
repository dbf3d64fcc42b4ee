using Npgsql;

namespace CulturaLite.Api.Data;

/// <summary>
/// Tells the other instances of the service that something they may have cached changed. On
/// PostgreSQL it is LISTEN/NOTIFY on one channel (not data access: the messages carry only a topic
/// such as "events" or "user:42"); on SQLite, which serves one instance, it only loops back.
/// </summary>
public sealed class ChangeFeed
{
    public const string Channel = "culturalite_changes";
    public const string Everything = "*";

    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>A message from another instance ("*" after a reconnect: anything may have been missed).</summary>
    public event Action<string>? Received;

    internal Func<string, Task>? Transport { get; set; }

    public void Broadcast(string message)
    {
        if (Transport is { } send)
        {
            _ = send(message);
        }
    }

    internal void Deliver(string message) => Received?.Invoke(message);
}

/// <summary>Carries <see cref="ChangeFeed"/> messages between instances through PostgreSQL.</summary>
public sealed class PostgresChangeFeed : BackgroundService
{
    private readonly ChangeFeed _feed;
    private readonly DatabaseOptions _options;
    private readonly ILogger<PostgresChangeFeed> _logger;
    private readonly NpgsqlDataSource _source;

    public PostgresChangeFeed(ChangeFeed feed, DatabaseOptions options, ILogger<PostgresChangeFeed> logger)
    {
        _feed = feed;
        _options = options;
        _logger = logger;
        var csb = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Timeout = 5, KeepAlive = 15, Pooling = true, MaxPoolSize = 4 };
        _source = NpgsqlDataSource.Create(csb.ConnectionString);
        feed.Transport = SendAsync;
    }

    private async Task SendAsync(string message)
    {
        try
        {
            await using var cmd = _source.CreateCommand("SELECT pg_notify(@channel, @payload)");
            cmd.Parameters.AddWithValue("channel", ChangeFeed.Channel);
            cmd.Parameters.AddWithValue("payload", $"{_feed.InstanceId}|{message}");
            await cmd.ExecuteNonQueryAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The others' caches expire on their own within a minute; this instance is already correct.
            _logger.LogWarning("Could not announce change '{Message}' to other instances: {Error}", message, e.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var first = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var conn = await _source.OpenConnectionAsync(stoppingToken);
                conn.Notification += (_, n) =>
                {
                    var split = n.Payload.IndexOf('|');
                    if (split > 0 && n.Payload[..split] != _feed.InstanceId)
                    {
                        _feed.Deliver(n.Payload[(split + 1)..]);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {ChangeFeed.Channel}", conn))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }
                if (!first)
                {
                    // Whatever was announced while we were not listening is unknown: drop everything.
                    _feed.Deliver(ChangeFeed.Everything);
                }
                first = false;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await conn.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                first = false;
                _logger.LogWarning("Change feed connection lost ({Error}); retrying.", e.Message);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public override void Dispose()
    {
        _source.Dispose();
        base.Dispose();
    }
}
