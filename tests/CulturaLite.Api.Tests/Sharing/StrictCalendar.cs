using System.Text;

namespace CulturaLite.Api.Tests.Sharing;

/// <summary>
/// An independent, strict reader of RFC 5545 text, written here rather than taken from the library
/// that wrote it: CRLF line ends, physical lines of at most 75 octets, folding by a leading space,
/// NAME[;PARAMS]:VALUE lines, and only the escapes TEXT allows (\\ \; \, \n \N). Fails on anything else.
/// </summary>
public static class StrictCalendar
{
    public sealed record Component(string Name, List<(string Name, string Params, string Value)> Properties, List<Component> Children)
    {
        public string? Get(string name) => Properties.FirstOrDefault(p => p.Name == name).Value;

        public string Text(string name) => Unescape(Get(name) ?? throw new InvalidOperationException($"{name} is missing"));
    }

    public static Component Parse(string ics)
    {
        if (!ics.EndsWith("\r\n", StringComparison.Ordinal))
        {
            throw new FormatException("The last line does not end with CRLF.");
        }
        var physical = ics[..^2].Split("\r\n");
        var lines = new List<string>();
        foreach (var line in physical)
        {
            if (line.Contains('\n') || line.Contains('\r'))
            {
                throw new FormatException($"A bare LF or CR inside a line: {line}");
            }
            if (Encoding.UTF8.GetByteCount(line) > 75)
            {
                throw new FormatException($"A line longer than 75 octets: {line}");
            }
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                if (lines.Count == 0)
                {
                    throw new FormatException("A continuation line first.");
                }
                lines[^1] += line[1..];
            }
            else
            {
                lines.Add(line);
            }
        }
        var stack = new Stack<Component>();
        Component? root = null;
        foreach (var line in lines)
        {
            var colon = IndexOfValueColon(line);
            if (colon <= 0)
            {
                throw new FormatException($"Not a content line: {line}");
            }
            var head = line[..colon];
            var value = line[(colon + 1)..];
            var semicolon = head.IndexOf(';');
            var name = (semicolon < 0 ? head : head[..semicolon]).ToUpperInvariant();
            var parameters = semicolon < 0 ? "" : head[(semicolon + 1)..];
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                throw new FormatException($"A bad property name: {line}");
            }
            if (name == "BEGIN")
            {
                var component = new Component(value, [], []);
                if (stack.Count > 0)
                {
                    stack.Peek().Children.Add(component);
                }
                else
                {
                    root = component;
                }
                stack.Push(component);
            }
            else if (name == "END")
            {
                if (stack.Count == 0 || stack.Pop().Name != value)
                {
                    throw new FormatException($"END without its BEGIN: {line}");
                }
            }
            else
            {
                if (stack.Count == 0)
                {
                    throw new FormatException($"A property outside any component: {line}");
                }
                stack.Peek().Properties.Add((name, parameters, value));
            }
        }
        if (stack.Count != 0 || root is null || root.Name != "VCALENDAR")
        {
            throw new FormatException("Not one complete VCALENDAR.");
        }
        return root;
    }

    /// <summary>A TEXT value with its escapes undone; an unknown escape or an unescaped ; or , is an error.</summary>
    public static string Unescape(string value)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (i + 1 >= value.Length)
                {
                    throw new FormatException($"A trailing backslash: {value}");
                }
                var next = value[++i];
                sb.Append(next switch
                {
                    '\\' => '\\',
                    ';' => ';',
                    ',' => ',',
                    'n' or 'N' => '\n',
                    _ => throw new FormatException($"An unknown escape \\{next}: {value}"),
                });
            }
            else if (c is ';' or ',')
            {
                throw new FormatException($"An unescaped '{c}' in TEXT: {value}");
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>The colon that ends the name and parameters (a quoted parameter value may hold colons).</summary>
    private static int IndexOfValueColon(string line)
    {
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                quoted = !quoted;
            }
            else if (line[i] == ':' && !quoted)
            {
                return i;
            }
        }
        return -1;
    }
}
