using System.Globalization;
using CulturaLite.Api.Web;

namespace CulturaLite.Api.Events;

/// <summary>
/// The list filters on an event's facts (API.md "Event facts"), declared as every <see cref="EventFilter"/> is and
/// listed in <see cref="EventFilter.All"/>. None is served by the compiled plain-page query (none declares
/// <c>Compiled</c>): a request with one goes to the general query.
/// </summary>
public static class FactFilters
{
    /// <summary>`is_free=true`: free events only; `false`: events that say they are not free.</summary>
    public static readonly EventFilter<bool?> IsFree = new()
    {
        Name = "is_free",
        Parse = (query, errors, _) => Bool(query, "is_free", errors),
        Filter = (events, free, _) => free == true ? events.Where(e => e.IsFree == true) : events.Where(e => e.IsFree == false),
        CountKey = (free, _) => free == true ? "1" : "0",
    };

    /// <summary>`price_max=N`: free events and those whose lowest price is at most N.</summary>
    public static readonly EventFilter<long?> PriceMax = new()
    {
        Name = "price_max",
        Parse = (query, errors, _) =>
        {
            var raw = QueryText.Read(query, "price_max", errors);
            if (raw is null)
            {
                return null;
            }
            if (!decimal.TryParse(raw, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) || amount > EventPrice.MaxMinor / 100)
            {
                errors.Add("price_max", $"Enter a number from 0 to {EventPrice.MaxMinor / 100:0}.");
                return null;
            }
            // A bound between two paise includes the lower one.
            return (long)decimal.Floor(amount * 100);
        },
        Filter = (events, max, _) => events.Where(e => e.IsFree == true || e.PriceMinMinor <= max!.Value),
        CountKey = (max, _) => max!.Value.ToString(CultureInfo.InvariantCulture),
    };

    public static readonly EventFilter<string> AttendanceMode = new()
    {
        Name = "attendance_mode",
        Parse = (query, errors, _) =>
        {
            var mode = QueryText.Read(query, "attendance_mode", errors)?.ToLowerInvariant();
            if (mode is not null && !AttendanceModes.All.Contains(mode))
            {
                errors.Add("attendance_mode", $"Select a valid choice: {string.Join(", ", AttendanceModes.All)}.");
                return null;
            }
            return mode;
        },
        Filter = (events, mode, _) => events.Where(e => e.AttendanceMode == mode),
        CountKey = (mode, _) => mode,
    };

    /// <summary>`age=N`: events whose age range holds N (an open bound holds every age on its side).</summary>
    public static readonly EventFilter<int?> Age = new()
    {
        Name = "age",
        Parse = (query, errors, _) =>
        {
            var raw = QueryText.Read(query, "age", errors);
            if (raw is null)
            {
                return null;
            }
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age > AgeRange.Oldest)
            {
                errors.Add("age", $"Enter a whole number of years from 0 to {AgeRange.Oldest}.");
                return null;
            }
            return age;
        },
        Filter = (events, age, _) => events.Where(e => (e.AgeMin == null || e.AgeMin <= age!.Value) && (e.AgeMax == null || e.AgeMax >= age!.Value)),
        CountKey = (age, _) => age!.Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>`accessibility=a,b`: events that offer every one of them.</summary>
    public static readonly EventFilter<int?> Accessibility = new()
    {
        Name = "accessibility",
        Parse = (query, errors, _) =>
        {
            var raw = QueryText.Read(query, "accessibility", errors);
            if (raw is null)
            {
                return null;
            }
            var codes = raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => c.ToLowerInvariant());
            if (AccessibilityCodes.Flags(codes) is not { } flags)
            {
                errors.Add("accessibility", $"Use the codes {string.Join(", ", AccessibilityCodes.All)}, separated by commas.");
                return null;
            }
            return flags == 0 ? null : flags;
        },
        Filter = (events, flags, _) => events.Where(e => (e.AccessibilityFlags & flags!.Value) == flags!.Value),
        CountKey = (flags, _) => flags!.Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>`performance_language=hi`: events performed (spoken or sung) in that language.</summary>
    public static readonly EventFilter<string> PerformanceLanguage = new()
    {
        Name = "performance_language",
        Parse = (query, errors, _) =>
        {
            var code = QueryText.Read(query, "performance_language", errors)?.ToLowerInvariant();
            if (code is not null && !LanguageList.IsCode(code))
            {
                errors.Add("performance_language", "Enter a language code (ISO 639, such as hi, ta, en).");
                return null;
            }
            return code;
        },
        Filter = (events, code, _) =>
        {
            var needle = LanguageList.Needle(code);
            return events.Where(e => e.PerformanceLanguages.Contains(needle));
        },
        CountKey = (code, _) => code,
    };

    /// <summary>`organizer=slug`: one organizer's events.</summary>
    public static readonly EventFilter<string> Organizer = new()
    {
        Name = "organizer",
        Parse = (query, errors, _) =>
        {
            var slug = QueryText.Read(query, "organizer", errors)?.ToLowerInvariant();
            if (slug is not null && (slug.Length > Accounts.User.SlugMaxLength || !slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
            {
                errors.Add("organizer", "Enter an organizer's slug (letters, digits and hyphens).");
                return null;
            }
            return slug;
        },
        // The slug is read once (a scalar subquery), so the list walks its date index comparing the vendor id it carries.
        Filter = (events, slug, scope) =>
        {
            var users = scope.Db.Users;
            return events.Where(e => e.VendorId == users.Where(u => u.Slug == slug).Select(u => (int?)u.Id).FirstOrDefault());
        },
        CountKey = (slug, _) => slug,
    };

    /// <summary>
    /// `event_status=` (scheduled, cancelled, ...) and `include_cancelled=true`. Where cancelled events are hidden by
    /// default (the public list: an old client must never show a cancelled event as on), they are listed only when asked for.
    /// </summary>
    public static readonly EventFilter<StandingChoice> Standing = new()
    {
        Name = "event_status",
        AlsoReads = ["include_cancelled"],
        Parse = (query, errors, _) =>
        {
            var status = QueryText.Read(query, "event_status", errors)?.ToLowerInvariant();
            if (status is not null && !EventLifecycle.All.Contains(status))
            {
                errors.Add("event_status", $"Select a valid choice: {string.Join(", ", EventLifecycle.All)}.");
                status = null;
            }
            var include = Bool(query, "include_cancelled", errors);
            return status is null && include is null ? null : new StandingChoice(status, include);
        },
        Filter = (events, choice, scope) => choice switch
        {
            { Status: { } status } => events.Where(e => e.Lifecycle == status),
            { IncludeCancelled: var include } when include == false || (include is null && scope.HidesCancelled) =>
                events.Where(e => e.Lifecycle != EventLifecycle.Cancelled),
            _ => events,
        },
        CountKey = (choice, scope) => $"{choice.Status}|{choice.IncludeCancelled ?? !scope.HidesCancelled}",
        Default = scope => scope.HidesCancelled ? StandingChoice.Default : null,
        // The compiled plain-page query lists every status but cancelled (what the public list shows by default).
        Compiled = (plain, choice, scope) =>
            choice.Status is null && (choice.IncludeCancelled == false || (choice.IncludeCancelled is null && scope.HidesCancelled)) ? plain : null,
    };

    private static bool? Bool(IQueryCollection query, string name, FieldErrors errors)
    {
        var raw = QueryText.Read(query, name, errors);
        var flag = BooleanText.Parse(raw);
        if (raw is not null && flag is null)
        {
            errors.Add(name, "Enter true or false.");
        }
        return flag;
    }
}

/// <summary>The `event_status` and `include_cancelled` a list was asked for (null: not said).</summary>
public sealed record StandingChoice(string? Status, bool? IncludeCancelled)
{
    /// <summary>Nothing said, where cancelled events are hidden unless asked for.</summary>
    public static readonly StandingChoice Default = new(null, null);
}
