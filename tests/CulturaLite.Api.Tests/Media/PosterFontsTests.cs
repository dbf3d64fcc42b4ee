using CulturaLite.Api.Media;

namespace CulturaLite.Api.Tests.Media;

/// <summary>
/// Titles in every script of the configured languages are drawn with real glyphs (the shipped Noto fonts),
/// not the missing-glyph box: link previews of Tamil or Hindi events showed empty boxes.
/// </summary>
public sealed class PosterFontsTests
{
    public static TheoryData<string, string> Titles => new()
    {
        { "hi", "दिवाली मेला" },
        { "mr", "लावणी महोत्सव" },
        { "bn", "দুর্গা পূজা" },
        { "as", "ৰঙালী বিহু" },
        { "ta", "கச்சேரி இரவு" },
        { "te", "సంగీత సభ" },
        { "kn", "ಯಕ್ಷಗಾನ ಪ್ರದರ್ಶನ" },
        { "ml", "കഥകളി രാത്രി" },
        { "gu", "ગરબા રાત" },
        { "pa", "ਭੰਗੜਾ ਸ਼ਾਮ" },
        { "or", "ଓଡ଼ିଶୀ ନୃତ୍ୟ" },
        { "ur", "محفلِ مشاعرہ" },
        { "en", "Kathak & Jazz: 2026" },
    };

    /// <summary>The same text with every character but spaces replaced by one no font has (U+FFFF): all boxes.</summary>
    private static string Boxes(string text) =>
        string.Concat(text.EnumerateRunes().Select(r => r.Value == ' ' ? " " : "\uFFFF"));

    [Theory]
    [MemberData(nameof(Titles))]
    public void A_title_in_each_script_is_drawn_with_glyphs_not_missing_boxes(string language, string title)
    {
        var drawn = Posters.Draw(title, "Pune", "Music", 1, 600, 400);
        var boxes = Posters.Draw(Boxes(title), "Pune", "Music", 1, 600, 400);

        Assert.False(drawn.AsSpan().SequenceEqual(boxes), $"{language}: the title drew as missing-glyph boxes");
    }

    [Theory]
    [MemberData(nameof(Titles))]
    public void Every_character_of_a_title_has_a_glyph_in_the_font_chosen_for_it(string language, string title)
    {
        foreach (var run in PosterFonts.Runs(title))
        {
            using var font = new SkiaSharp.SKFont(run.Typeface);
            foreach (var rune in run.Text.EnumerateRunes())
            {
                Assert.True(font.GetGlyph(rune.Value) != 0, $"{language}: U+{rune.Value:X4} has no glyph in {run.Typeface.FamilyName}");
            }
        }
    }

    [Fact]
    public void A_mixed_title_is_split_into_runs_by_script()
    {
        var runs = PosterFonts.Runs("Diwali दिवाली 2026");

        Assert.Equal("Noto Sans", runs[0].Typeface.FamilyName);
        Assert.Equal("Noto Sans Devanagari", runs.Single(r => r.Text.Contains("दिवाली", StringComparison.Ordinal)).Typeface.FamilyName);
        Assert.Equal("Diwali दिवाली 2026", string.Concat(runs.Select(r => r.Text)));
    }
}
