namespace CulturaLite.Api.Accounts;

public static class AccountsModule
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(_ => { });
        return builder;
    }
}
