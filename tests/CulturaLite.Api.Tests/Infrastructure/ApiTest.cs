using System.Net;
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

    /// <summary>A client whose requests arrive from the peer address <paramref name="peer"/>.</summary>
    protected HttpClient ClientFrom(string peer, string? accessToken = null)
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        return Factory.ClientFrom(peer, accessToken);
    }

    protected async Task<T> WithDb<T>(Func<AppDbContext, Task<T>> work)
    {
        Skip.If(Factory.UnavailableReason is not null, Factory.UnavailableReason);
        using var scope = Factory.Services.CreateScope();
        // Rows written here go through the app's own DbContext, so they evict the public cache exactly as
        // the API's writes do; nothing is announced by hand (a write path that forgot would fail a test).
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
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

    /// <summary>Registers a vendor through the API and logs in; returns the credentials and the login answer.</summary>
    protected async Task<(string Email, string Password, System.Text.Json.Nodes.JsonNode Login)> RegisterAndLoginAsync(
        string? email = null, string first = "Ops", string last = "Person")
    {
        var client = Client();
        email ??= $"{Unique("ops")}@example.com";
        const string password = "Monsoon-Ragas-77";
        var register = await client.PostAsync("/api/auth/register/", Body(new
        {
            email,
            password,
            password_confirm = password,
            first_name = first,
            last_name = last,
        }));
        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        var login = await client.PostAsync("/api/auth/login/", Body(new { email, password }));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (email, password, await Json(login));
    }

    /// <summary>The event's version as an admin sees it now, for a decision about exactly that version.</summary>
    protected static async Task<int> VersionAsync(HttpClient admin, int eventId) =>
        (int)(await Json(await admin.GetAsync($"/api/admin/events/{eventId}/")))["version"]!;

    /// <summary>An admin's approve or reject of the version the admin loads first, as the console does.</summary>
    protected static async Task<HttpResponseMessage> DecideAsync(HttpClient admin, int eventId, string action, string? reason = null)
    {
        var version = await VersionAsync(admin, eventId);
        return await admin.PostAsync($"/api/admin/events/{eventId}/{action}/", Body(new { version, reason }));
    }

    private Session? _vendor;
    private Session? _admin;

    /// <summary>A vendor and an admin, signed in once per test.</summary>
    protected async Task<(Session Vendor, Session Admin)> SessionsAsync()
    {
        _vendor ??= await Sessions.SignInAsync(Factory);
        _admin ??= await Sessions.SignInAsync(Factory, admin: true);
        return (_vendor, _admin);
    }

    /// <summary>A valid JSON submission (external image_url), with any extra members merged in.</summary>
    protected static object EventBody(string title, string city = "Pune", string description = "An evening of music.",
        string category = "music", int inDays = 9, object? extra = null)
    {
        var body = new JsonObject
        {
            ["title"] = title,
            ["description"] = description,
            ["city"] = city,
            ["event_date"] = DateTime.UtcNow.AddDays(inDays).ToString("O"),
            ["category"] = category,
            ["image_url"] = "https://cdn.example.com/e.jpg",
        };
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra, JsonOptions)!.AsObject())
            {
                body[key] = value?.DeepClone();
            }
        }
        return body;
    }

    /// <summary>Submits through the dashboard and approves through the admin API; returns the created item.</summary>
    protected async Task<JsonNode> PublishAsync(object body)
    {
        var (vendor, admin) = await SessionsAsync();
        var created = await vendor.Client.PostAsync("/api/dashboard/events/", Body(body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await Json(created);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(admin.Client, (int)item["id"]!, "approve")).StatusCode);
        return item;
    }

    public static JsonContent Body(object value) => JsonContent.Create(value, options: JsonOptions);

    public static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
