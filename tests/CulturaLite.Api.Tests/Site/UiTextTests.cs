using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CulturaLite.Api.Events;
using CulturaLite.Api.Site;
using CulturaLite.Api.Tests.Infrastructure;

namespace CulturaLite.Api.Tests.Site;

/// <summary>
/// The interface text: every key a page or page model asks for is in the English file and translated in the Hindi one
/// (so no English string is left in the Hindi interface), and dates and money read as people in India write them.
/// </summary>
public sealed partial class UiTextTests
{
    private static readonly string Source = Path.Combine(Repository.Root(), "src", "CulturaLite.Api");

    private static Dictionary<string, string> Resource(string name) =>
        XDocument.Load(Path.Combine(Source, "Site", name)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    /// <summary>The keys the pages use: literal ones (`T["..."]`, `Text["..."]`, `DoneThen("...")`) and those made from a code (`T["status:" + s]`).</summary>
    public static IEnumerable<string> UsedKeys()
    {
        var files = Directory.EnumerateFiles(Source, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(Path.Combine(Source, "Portal"), "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Path.Combine(Source, "Site"), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Moderation{Path.DirectorySeparatorChar}Console", StringComparison.Ordinal));
        var literal = files.SelectMany(f => Key().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value.Replace("\\\"", "\"")));
        var computed = EventStatus.All.Concat(EventLifecycle.All).Select(s => "status:" + s)
            .Concat(AccessibilityCodes.All.Select(c => "access:" + c))
            .Concat(AttendanceModes.All.Select(m => "mode:" + m))
            .Concat(EventStatusActions.All.Select(a => "done:" + a));
        return literal.Concat(computed).Where(k => k is not ("status:" or "access:" or "mode:" or "done:")).Distinct();
    }

    /// <summary>The English interface text whose translation differs (what a Hindi page must not show).</summary>
    public static IEnumerable<string> EnglishTexts()
    {
        var hindi = Resource("UiText.hi.resx");
        return Resource("UiText.resx").Where(kv => hindi.GetValueOrDefault(kv.Key) != kv.Value)
            .SelectMany(kv => kv.Value.Split(["{0}", "{1}"], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Where(t => t.Length > 0).Distinct();
    }

    [Fact]
    public void Every_key_the_pages_use_is_in_english_and_translated_into_hindi()
    {
        var english = Resource("UiText.resx");
        var hindi = Resource("UiText.hi.resx");
        var used = UsedKeys().ToList();

        Assert.True(used.Count > 150, $"only {used.Count} keys found: the scan is broken");
        Assert.Equal([], used.Where(k => !english.ContainsKey(k)).ToArray());
        Assert.Equal([], used.Where(k => !hindi.TryGetValue(k, out var text) || string.IsNullOrWhiteSpace(text)).ToArray());
        // A translation that is the English text again is an untranslated key (names and codes written the same in both aside).
        Assert.Empty(hindi.Where(kv => kv.Value == english.GetValueOrDefault(kv.Key) && !Regex.IsMatch(kv.Value, "^[A-Z]{2,}|^\\{0\\}$")).Select(kv => kv.Key));
        // Both files hold the same keys: another language is one more file of the same shape.
        Assert.Equal(english.Keys.Order(StringComparer.Ordinal), hindi.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Placeholders_are_kept_in_every_translation()
    {
        var hindi = Resource("UiText.hi.resx");
        foreach (var (key, english) in Resource("UiText.resx"))
        {
            var wanted = Placeholder().Matches(english).Select(m => m.Value).Order().ToList();
            Assert.True(wanted.SequenceEqual(Placeholder().Matches(hindi[key]).Select(m => m.Value).Order()), $"{key}: placeholders differ");
        }
    }

    [Theory]
    [InlineData("en-IN", "2027-03-13T13:30:00Z", "Sat, 13 Mar 2027, 7:00 pm")]
    [InlineData("en-IN", "2027-03-14T04:05:00Z", "Sun, 14 Mar 2027, 9:35 am")]
    [InlineData("en-IN", "2027-03-14T18:30:00Z", "Mon, 15 Mar 2027, 12:00 am")]
    public void Times_are_written_for_people_in_india_time(string culture, string utc, string expected)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata");
            Assert.Equal(expected, IndianFormat.When(DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), zone, new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc)));
            Assert.Equal(expected.Replace(" 2027", ""), IndianFormat.When(DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), zone, new DateTime(2027, 1, 7, 0, 0, 0, DateTimeKind.Utc)));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(1500, "INR", "₹1,500")]
    [InlineData(100000, "INR", "₹1,00,000")]
    [InlineData(12345678.5, "INR", "₹1,23,45,678.50")]
    [InlineData(20, "USD", "USD 20")]
    public void Amounts_use_the_indian_grouping(decimal amount, string currency, string expected)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("hi-IN");
        try
        {
            Assert.Equal(expected, IndianFormat.Money(amount, currency));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [GeneratedRegex("(?:\\b(?:T|Text)\\[|\\bDoneThen\\()\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Key();

    [GeneratedRegex("\\{\\d+\\}")]
    private static partial Regex Placeholder();
}
