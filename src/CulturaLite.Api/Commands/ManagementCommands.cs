namespace CulturaLite.Api.Commands;

public static class ManagementCommands
{
    public static Task<int?> TryRunAsync(WebApplication app, string[] args) => Task.FromResult<int?>(null);
}
