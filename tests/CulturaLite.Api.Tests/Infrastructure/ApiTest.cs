using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CulturaLite.Api.Data;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>
/// Base of every integration test class: the same tests run once per database through a derived
/// class per provider (`XTests.Sqlite`, `XTests.Postgres`).
/// </summary>
public abstract class ApiTest(ApiFactory factory)
{
    protected ApiFactory Factory { get; } = factory;

    protected Db Database => Factory.Database;

    /// <summary>A client for the app; skips the test (loudly) when this database is not on the machine.</summary>
    protected HttpClient Client(string? accessToken = null)
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        return Factory.Client(accessToken);
    }

    protected async Task<T> WithDb<T>(Func<AppDbContext, Task<T>> work)
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        using var scope = Factory.Services.CreateScope();
        var result = await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        // Rows written behind the API's back announce themselves, as the API's own writes do.
        Factory.Services.GetRequiredService<CulturaLite.Api.Events.EventChanges>().Publish();
        return result;
    }

    protected Task WithDb(Func<AppDbContext, Task> work) => WithDb(async db =>
    {
        await work(db);
        return true;
    });

    /// <summary>A short unique word, so tests sharing a database never see each other's data.</summary>
    protected static string Unique(string prefix = "t") => $"{prefix}{Guid.NewGuid():N}"[..(prefix.Length + 10)];

    protected static async Task<JsonNode> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty body");
    }

    protected static JsonContent Body(object value) => JsonContent.Create(value, options: JsonOptions);

    public static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
