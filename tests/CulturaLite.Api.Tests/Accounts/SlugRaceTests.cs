using System.Net;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Accounts;

/// <summary>When armed, the next save that adds an account first lets another registration take the same organizer slug.</summary>
public sealed class SlugThief : SaveChangesInterceptor
{
    public bool Armed { get; set; }

    public IServiceProvider? Services { get; set; }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (Armed && eventData.Context!.ChangeTracker.Entries<User>().Any(e => e.State == EntityState.Added))
        {
            Armed = false;
            var racer = eventData.Context.ChangeTracker.Entries<User>().First(e => e.State == EntityState.Added).Entity;
            using var scope = Services!.CreateScope();
            var other = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // The same organization name, saved between the slug's choice and this save: it gets the same slug.
            other.Users.Add(User.RegisterVendor($"{Guid.NewGuid():N}@example.com", "Other", "Vendor", racer.OrganizationName, DateTime.UtcNow));
            await other.SaveChangesAsync(ct);
        }
        return result;
    }
}

public sealed class SlugThiefFactory : SqliteApiFactory
{
    public SlugThief Thief { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IInterceptor>(Thief));
    }
}

/// <summary>
/// Two registrations with one organization name racing for its slug: the loser's save is tried again with the next
/// slug, never answered as "this email already exists".
/// </summary>
public sealed class SlugRaceTests(SlugThiefFactory factory) : ApiTest(factory), IClassFixture<SlugThiefFactory>
{
    [Fact]
    public async Task A_registration_that_loses_its_slug_to_a_racing_one_gets_the_next_slug()
    {
        _ = Client();
        factory.Thief.Services = factory.Services;
        var organization = "Racing Sabha " + Unique("r");
        var email = $"{Unique("race")}@example.com";

        factory.Thief.Armed = true;
        var response = await Client().PostAsync("/api/auth/register/", Body(new
        {
            email,
            password = "Monsoon-Ragas-77",
            password_confirm = "Monsoon-Ragas-77",
            first_name = "Lata",
            last_name = "Rao",
            organization_name = organization,
        }));

        Assert.False(factory.Thief.Armed, "the racing registration did not happen");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var slugs = await WithDb(db => db.Users.Where(u => u.OrganizationName == organization).OrderBy(u => u.Id).Select(u => u.Slug).ToListAsync());
        var stem = organization.ToLowerInvariant().Replace(' ', '-');
        Assert.Equal([stem, stem + "-2"], slugs);
    }
}
