using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>The application's context for this provider, with the app's own interceptors and the test's added (a racing write, a failing save).</summary>
public static class InterceptedContext
{
    public static AppDbContext Create(IServiceProvider services, params IInterceptor[] interceptors) =>
        services.GetRequiredService<AppDbContext>() switch
        {
            SqliteAppDbContext => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>(
                services.GetRequiredService<DbContextOptions<SqliteAppDbContext>>()).AddInterceptors(interceptors).Options),
            _ => new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>(
                services.GetRequiredService<DbContextOptions<PostgresAppDbContext>>()).AddInterceptors(interceptors).Options),
        };
}
