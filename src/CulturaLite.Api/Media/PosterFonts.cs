using System.Text;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace CulturaLite.Api.Media;

/// <summary>
/// The fonts that posters and link previews draw with, shipped inside the application (Media/Fonts: Noto,
/// SIL OFL 1.1) so that no host font is needed: Latin first, then one for each script of the configured
/// languages (Devanagari, Bengali and Assamese, Tamil, Telugu, Kannada, Malayalam, Gujarati, Gurmukhi,
/// Odia, and Arabic for Urdu). Text is split into runs, each drawn by the first font that has its
/// characters, and shaped by HarfBuzz (conjuncts, vowel signs, right-to-left joining).
/// </summary>
public static class PosterFonts
{
    private static readonly string[] Files =
    [
        "NotoSans-Bold", "NotoSansDevanagari-Bold", "NotoSansBengali-Bold", "NotoSansTamil-Bold", "NotoSansTelugu-Bold",
        "NotoSansKannada-Bold", "NotoSansMalayalam-Bold", "NotoSansGujarati-Bold", "NotoSansGurmukhi-Bold",
        "NotoSansOriya-Bold", "NotoNaskhArabic-Bold",
    ];

    private sealed record Face(SKTypeface Typeface, SKShaper Shaper, SKFont Glyphs)
    {
        public bool Has(int codepoint) => Glyphs.GetGlyph(codepoint) != 0;
    }

    private static readonly Lazy<Face[]> Faces = new(() => Files.Select(Load).ToArray());

    private static Face Load(string name)
    {
        using var stream = typeof(PosterFonts).Assembly.GetManifestResourceStream($"CulturaLite.Api.Media.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The font {name} is missing from the build.");
        var typeface = SKTypeface.FromStream(stream) ?? throw new InvalidOperationException($"The font {name} could not be read.");
        return new Face(typeface, new SKShaper(typeface), new SKFont(typeface));
    }

    /// <summary>A part of a text that one font draws.</summary>
    public sealed record Run(string Text, SKTypeface Typeface);

    /// <summary>
    /// The text cut where the font must change. Spaces, digits and punctuation stay with the run they are
    /// in when its font has them; a character no shipped font has stays in the current run.
    /// </summary>
    public static IReadOnlyList<Run> Runs(string text)
    {
        var faces = Faces.Value;
        var runs = new List<Run>();
        var current = new StringBuilder();
        Face? face = null;
        foreach (var rune in text.EnumerateRunes())
        {
            var has = face is not null && face.Has(rune.Value);
            if (!has && (Rune.GetUnicodeCategory(rune) is not (System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark) || face is null))
            {
                var other = faces.FirstOrDefault(f => f.Has(rune.Value)) ?? face ?? faces[0];
                if (other != face && current.Length > 0)
                {
                    runs.Add(new Run(current.ToString(), face!.Typeface));
                    current.Clear();
                }
                face = other;
            }
            current.Append(rune.ToString());
        }
        if (current.Length > 0)
        {
            runs.Add(new Run(current.ToString(), face!.Typeface));
        }
        return runs;
    }

    /// <summary>How wide <paramref name="text"/> is at <paramref name="size"/> pixels, shaped.</summary>
    public static float Measure(string text, float size) =>
        Runs(text).Sum(run => Shape(run, size, (face, font) => face.Shaper.Shape(run.Text, font).Width));

    /// <summary>Draws <paramref name="text"/> from (<paramref name="x"/>, <paramref name="y"/>), run by run; returns where it ends.</summary>
    public static float Draw(SKCanvas canvas, string text, float x, float y, float size, SKPaint paint)
    {
        foreach (var run in Runs(text))
        {
            x += Shape(run, size, (face, font) =>
            {
                canvas.DrawShapedText(face.Shaper, run.Text, x, y, SKTextAlign.Left, font, paint);
                return face.Shaper.Shape(run.Text, font).Width;
            });
        }
        return x;
    }

    private static float Shape(Run run, float size, Func<Face, SKFont, float> work)
    {
        var face = Faces.Value.First(f => f.Typeface == run.Typeface);
        using var font = new SKFont(face.Typeface, size);
        // A shaper's HarfBuzz font is shared; shaping is rare (previews are cached), so one at a time per font.
        lock (face)
        {
            return work(face, font);
        }
    }
}
