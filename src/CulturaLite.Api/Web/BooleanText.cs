namespace CulturaLite.Api.Web;

/// <summary>A true/false value written as text, as DRF's BooleanField reads it (forms and query strings alike).</summary>
public static class BooleanText
{
    private static readonly HashSet<string> True = new(StringComparer.OrdinalIgnoreCase) { "true", "t", "yes", "y", "on", "1" };
    private static readonly HashSet<string> False = new(StringComparer.OrdinalIgnoreCase) { "false", "f", "no", "n", "off", "0" };

    /// <summary>The value, or null when the text is neither true nor false.</summary>
    public static bool? Parse(string? text) =>
        text?.Trim() is not { } t ? null : True.Contains(t) ? true : False.Contains(t) ? false : null;
}
