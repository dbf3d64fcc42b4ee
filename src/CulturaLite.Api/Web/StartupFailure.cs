using Microsoft.Extensions.Options;

namespace CulturaLite.Api.Web;

/// <summary>
/// What an operator reads when a setting stops the server or a command: one line naming the setting
/// (the validation's own sentence), never a stack trace.
/// </summary>
public static class StartupFailure
{
    /// <summary>True when this application is the process (`dotnet CulturaLite.Api.dll`), not hosted by a test runner.</summary>
    public static bool IsProcessEntryPoint => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupFailure).Assembly;

    /// <summary>The line to print for <paramref name="error"/>; null when it is not about a setting.</summary>
    public static string? Describe(Exception error) => error switch
    {
        SettingException e => "Configuration error: " + e.Message,
        OptionsValidationException e => "Configuration error: " + string.Join(" ", e.Failures),
        AggregateException e when e.InnerExceptions.Select(Describe).ToList() is { Count: > 0 } lines && lines.All(l => l is not null) =>
            "Configuration error: " + string.Join(" ", lines.Select(l => l!["Configuration error: ".Length..])),
        _ => null,
    };
}
