namespace CulturaLite.Api.Alerts;

/// <summary>How often a subscription's digest goes out, and when the next one is due.</summary>
public static class DigestFrequency
{
    public const string Weekly = "weekly";
    public const string Daily = "daily";

    public static readonly string[] All = [Weekly, Daily];

    /// <summary>
    /// The first moment after <paramref name="afterUtc"/> at the frequency's local time (`Alerts:WeeklyAt`,
    /// `Alerts:DailyAt`) in <paramref name="zone"/>, in UTC.
    /// </summary>
    public static DateTime NextDue(string frequency, DateTime afterUtc, AlertOptions options, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), zone);
        var day = DateOnly.FromDateTime(local);
        for (var i = 0; i <= 8; i++)
        {
            var candidate = day.AddDays(i);
            TimeOnly time;
            if (frequency == Weekly)
            {
                var (weekday, at) = options.Weekly!.Value;
                if (candidate.DayOfWeek != weekday)
                {
                    continue;
                }
                time = at;
            }
            else
            {
                time = options.Daily!.Value;
            }
            var wall = candidate.ToDateTime(time, DateTimeKind.Unspecified);
            // A wall-clock time that a change of offset skips is taken an hour later (India has none, other zones do).
            if (zone.IsInvalidTime(wall))
            {
                wall = wall.AddHours(1);
            }
            var utc = TimeZoneInfo.ConvertTimeToUtc(wall, zone);
            if (utc > afterUtc)
            {
                return utc;
            }
        }
        throw new InvalidOperationException("No due time within eight days.");
    }
}
