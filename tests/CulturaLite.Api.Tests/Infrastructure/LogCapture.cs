using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>Keeps every log line the app writes (message and scopes), for tests that read the log.</summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            owner._scopes.ForEachScope((scope, list) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                {
                    list.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
                }
                else
                {
                    list.Add(scope?.ToString() ?? "");
                }
            }, scopes);
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} | {string.Join("; ", scopes)}");
        }
    }
}

/// <summary>A SQLite app whose log lines are kept in <see cref="Logs"/>.</summary>
public sealed class LoggedSqliteFactory : SqliteApiFactory
{
    public LogCapture Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Logging:LogLevel:CulturaLite", "Information"),
        new("RateLimiting:Enabled", "true"),
        new("RateLimiting:RegisterPerMinute", "3"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddLogging(l => l.AddProvider(Logs)));
    }
}
