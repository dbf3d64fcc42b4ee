using System.Net;
using System.Net.Sockets;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Reliability;

/// <summary>When armed, the next save fails as a connection lost in the middle of the write does.</summary>
public sealed class LosingSave : SaveChangesInterceptor
{
    public bool Armed { get; set; }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (Armed)
        {
            Armed = false;
            throw new DbUpdateException("An error occurred while saving the entity changes.",
                new Npgsql.NpgsqlException("Exception while reading from stream", new IOException("reset", new SocketException(104))));
        }
        return ValueTask.FromResult(result);
    }
}

public sealed class LosingSaveFactory : SqliteApiFactory
{
    public LosingSave Save { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(Save));
    }
}

/// <summary>
/// A save that loses its connection is an outage (503, "try again"), never read as a conflict with existing
/// data: registration said "A user with this email already exists." and a new category "taken".
/// </summary>
public sealed class LostConnectionOnSaveTests(LosingSaveFactory factory) : ApiTest(factory), IClassFixture<LosingSaveFactory>
{
    [Fact]
    public async Task A_registration_whose_save_loses_the_connection_is_a_503_and_the_email_stays_free()
    {
        var email = Unique("lost") + "@example.com";
        var body = Body(new { email, password = "Monsoon-Ragas-77", password_confirm = "Monsoon-Ragas-77", first_name = "Lata", last_name = "Rao" });

        factory.Save.Armed = true;
        var lost = await Client().PostAsync("/api/auth/register/", body);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Client().PostAsync("/api/auth/register/",
            Body(new { email, password = "Monsoon-Ragas-77", password_confirm = "Monsoon-Ragas-77", first_name = "Lata", last_name = "Rao" }))).StatusCode);
    }

    [Theory]
    [InlineData("/api/admin/categories/")]
    [InlineData("/api/admin/cities/")]
    public async Task An_admin_change_whose_save_loses_the_connection_is_a_503(string path)
    {
        var admin = await Sessions.SignInAsync(Factory, admin: true);

        factory.Save.Armed = true;
        var lost = await admin.Client.PostAsync(path, Body(new { name = Unique("Lost") }));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, lost.StatusCode);
    }
}
