using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace CulturaLite.Api.Site;

/// <summary>
/// The API's messages in the interface's language: a message is its own resource key, and a number in it
/// ("no more than 200 characters") stands as `{0}`, `{1}` ... in the key, so one entry covers every limit.
/// </summary>
public static partial class Messages
{
    public static string Translate(IStringLocalizer<UiText> text, string message)
    {
        var exact = text[message];
        if (!exact.ResourceNotFound)
        {
            return exact.Value;
        }
        var numbers = Number().Matches(message).Select(m => (object)m.Value).ToArray();
        if (numbers.Length > 0)
        {
            var index = 0;
            var pattern = text[Number().Replace(message, _ => "{" + index++ + "}"), numbers];
            if (!pattern.ResourceNotFound)
            {
                return pattern.Value;
            }
        }
        return message;
    }

    [GeneratedRegex(@"\d[\d,]*")]
    private static partial Regex Number();
}
