using System.Text;

namespace CulturaLite.Api.Events;

/// <summary>How a typed city name is tidied and compared: the one rule for every name, known or not.</summary>
public static partial class CityNames
{
    /// <summary>Trimmed, inner runs of spaces made one, composed (NFC): how a typed city is kept.</summary>
    public static string Tidy(string name)
    {
        var sb = new StringBuilder(name.Length);
        var space = false;
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space)
            {
                sb.Append(' ');
                space = false;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>What makes two spellings the same city: tidied and lower-cased.</summary>
    public static string Fold(string name) => Tidy(name).ToLowerInvariant();
}
