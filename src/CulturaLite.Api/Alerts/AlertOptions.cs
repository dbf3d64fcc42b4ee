using System.Globalization;

namespace CulturaLite.Api.Alerts;

/// <summary>`Alerts:*`: when digests go out (in `Site:TimeZone`) and how many subscriptions an address may hold.</summary>
public sealed class AlertOptions
{
    /// <summary>The weekly digest's day and time, `Friday 18:00`.</summary>
    public string WeeklyAt { get; set; } = "Friday 18:00";

    /// <summary>The daily digest's time, `07:00`.</summary>
    public string DailyAt { get; set; } = "07:00";

    /// <summary>Subscriptions one address may hold (pending or confirmed).</summary>
    public int MaxPerAddress { get; set; } = 10;

    /// <summary>Confirmation and "manage" emails one address may be sent per hour: a flood of requests for one address sends no more.</summary>
    public int EmailsPerAddressPerHour { get; set; } = 3;

    /// <summary>How often the digest worker looks for due digests and notices.</summary>
    public double PollSeconds { get; set; } = 60;

    /// <summary>Subscriptions built and committed per transaction: no transaction holds more.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>How long a confirmation link works.</summary>
    public int ConfirmTokenHours { get; set; } = 72;

    public (DayOfWeek Day, TimeOnly Time)? Weekly => ParseWeekly(WeeklyAt);

    public TimeOnly? Daily => TimeOnly.TryParseExact(DailyAt?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    public bool IsValid => Weekly is not null && Daily is not null && MaxPerAddress is > 0 and <= 1000
        && EmailsPerAddressPerHour is > 0 and <= 100 && PollSeconds > 0 && BatchSize is > 0 and <= 10_000 && ConfirmTokenHours is > 0 and <= 24 * 30;

    private static (DayOfWeek, TimeOnly)? ParseWeekly(string? text)
    {
        var parts = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && Enum.TryParse<DayOfWeek>(parts[0], ignoreCase: true, out var day) && Enum.IsDefined(day) && !int.TryParse(parts[0], out _)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? (day, time) : null;
    }
}
