using System.Net;
using System.Text.RegularExpressions;
using CulturaLite.Api.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>An admin signed in to the console over HTTP, as a browser without JavaScript would be: cookies and forms.</summary>
public sealed partial class ConsoleSession(HttpClient client, CookieContainer cookies, int adminId, string email, string password)
{
    public const string Password = "Console-Pass-2026";

    public HttpClient Client { get; } = client;
    public CookieContainer Cookies { get; } = cookies;
    public int AdminId { get; } = adminId;
    public string Email { get; } = email;
    public string PasswordText { get; } = password;

    /// <summary>Creates an admin with a known password and logs in through the console's form.</summary>
    public static async Task<ConsoleSession> SignInAsync(ApiFactory factory)
    {
        var email = $"console{Guid.NewGuid():N}"[..20] + "@example.com";
        int id;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CulturaLite.Api.Data.AppDbContext>();
            var user = await Seed.UserAsync(db, email, admin: true);
            user.SetPasswordHash(scope.ServiceProvider.GetRequiredService<Passwords>().Hash(Password));
            await db.SaveChangesAsync();
            id = user.Id;
        }
        var (client, cookies) = NewClient(factory);
        var session = new ConsoleSession(client, cookies, id, email, Password);
        var login = await session.PostFormAsync("/admin/login", new() { ["Email"] = email, ["Password"] = Password, ["Next"] = "/admin" });
        if (login.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Console login answered {(int)login.StatusCode}: {await login.Content.ReadAsStringAsync()}");
        }
        return session;
    }

    /// <summary>A browser with no one signed in: it keeps cookies and posts forms with their antiforgery token.</summary>
    public static ConsoleSession Browser(ApiFactory factory)
    {
        var (client, cookies) = NewClient(factory);
        return new ConsoleSession(client, cookies, 0, "", "");
    }

    /// <summary>A client of its own, with this session's cookies copied (a stolen cookie, say).</summary>
    public HttpClient CopyCookiesTo(ApiFactory factory)
    {
        var (client, cookies) = NewClient(factory);
        foreach (Cookie c in Cookies.GetAllCookies())
        {
            cookies.Add(c);
        }
        return client;
    }

    private static (HttpClient, CookieContainer) NewClient(ApiFactory factory)
    {
        var cookies = new CookieContainer();
        // The in-memory server, or Kestrel's port when the test runs a real server (a browser beside this client).
        HttpMessageHandler inner = factory.Address.IsDefaultPort
            ? factory.Server.CreateHandler()
            : new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        var handler = new CookieHandler(cookies) { InnerHandler = inner };
        return (new HttpClient(handler) { BaseAddress = factory.Address }, cookies);
    }

    /// <summary>Reads the form page first (its antiforgery token), then posts the form as a browser does.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await Client.GetStringAsync(formPage ?? path);
        var token = AntiforgeryInput().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {formPage ?? path}");
        }
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await Client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts a multipart form (a file field among them) with the form page's antiforgery token, as a browser does.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string path, Dictionary<string, string> fields, string formPage, (string Name, string FileName, byte[] Bytes, string Type)? file = null)
    {
        var page = await Client.GetStringAsync(formPage);
        var token = AntiforgeryInput().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {formPage}");
        }
        var content = new MultipartFormDataContent { { new StringContent(WebUtility.HtmlDecode(token.Groups[1].Value)), "__RequestVerificationToken" } };
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        if (file is { } f)
        {
            var bytes = new ByteArrayContent(f.Bytes);
            bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(f.Type);
            content.Add(bytes, f.Name, f.FileName);
        }
        return await Client.PostAsync(path, content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();

    /// <summary>Keeps cookies across requests to the in-memory server (its handler keeps none).</summary>
    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var uri = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(new Uri("http://localhost"), request.RequestUri);
            if (cookies.GetCookieHeader(uri) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var c in set)
                {
                    cookies.SetCookies(uri, c);
                }
            }
            return response;
        }
    }
}
