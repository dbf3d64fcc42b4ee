using System.Globalization;
using System.Text;

namespace CulturaLite.Api.Events;

/// <summary>
/// Words as search sees them, made the same way for what is indexed and for what a visitor types,
/// on both databases: lower case, accents of Latin letters removed ("Café" -> "cafe"), split at
/// anything that is not a letter, digit or mark. Marks stay: in Devanagari, Tamil and the other
/// Indian scripts the vowel signs and viramas are part of the word ("दिवाली", "கச்சேரி").
/// The database only indexes these words (SQLite FTS5, PostgreSQL GIN over a tsvector made of
/// them), so both answer a search identically.
/// </summary>
public static class SearchWords
{
    /// <summary>The version of this folding; rows indexed by an older one are re-indexed at start-up.</summary>
    public const int Format = 1;

    /// <summary>Longer runs are cut: no real word is this long, and both indexes limit a word's size.</summary>
    public const int MaxWordLength = 60;

    /// <summary>The distinct words of the given texts, space-separated, ready to be indexed.</summary>
    public static string Index(params string?[] texts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var sb = new StringBuilder();
        foreach (var text in texts)
        {
            foreach (var word in Split(text))
            {
                if (seen.Add(word))
                {
                    if (sb.Length > 0)
                    {
                        sb.Append(' ');
                    }
                    sb.Append(word);
                }
            }
        }
        return sb.ToString();
    }

    /// <summary>The folded words of <paramref name="text"/>, in order, repeats included.</summary>
    public static IEnumerable<string> Split(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var word = new StringBuilder();
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (IsLatinAccent(rune) || IsInvisibleJoiner(rune))
            {
                continue;
            }
            if (IsWordRune(rune))
            {
                if (word.Length < MaxWordLength)
                {
                    word.Append(Rune.ToLowerInvariant(rune).ToString());
                }
                continue;
            }
            if (word.Length > 0)
            {
                yield return Finish(word);
            }
        }
        if (word.Length > 0)
        {
            yield return Finish(word);
        }
    }

    private static string Finish(StringBuilder word)
    {
        var s = word.ToString().Normalize(NormalizationForm.FormC);
        word.Clear();
        return s;
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    /// <summary>Combining accents of the Latin, Greek and Cyrillic letters (not the marks of Indian scripts).</summary>
    private static bool IsLatinAccent(Rune rune) => rune.Value is (>= 0x0300 and <= 0x036F) or (>= 0x1AB0 and <= 0x1AFF)
        or (>= 0x1DC0 and <= 0x1DFF) or (>= 0x20D0 and <= 0x20FF) or (>= 0xFE20 and <= 0xFE2F);

    /// <summary>Zero-width (non-)joiners and soft hyphens change how a word is drawn, not which word it is.</summary>
    private static bool IsInvisibleJoiner(Rune rune) => rune.Value is 0x200B or 0x200C or 0x200D or 0x00AD or 0x2060 or 0xFEFF;
}
