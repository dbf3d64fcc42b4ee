using System.Text.Json.Nodes;
using CulturaLite.Api.Events;

namespace CulturaLite.Api.Tests.Events;

/// <summary>
/// The two JSON columns of an event (`images`, `translations`) as the database keeps them: every public
/// list row reads both, so they are read and written by hand, and must keep reading what earlier
/// releases wrote.
/// </summary>
public sealed class JsonColumnTests
{
    private static readonly EventImages Images = new(1600, 1200, "data:image/webp;base64,UklGRg==",
    [
        new EventImageVariant("https://cdn.example.com/a-320.webp", 320, 240, "webp", "events/variants/a-320.webp"),
        new EventImageVariant("https://cdn.example.com/\"odd\" \u0928\u093e\u092e.jpg", 320, 240, "jpeg", null),
    ]);

    private static string Store(EventImages images) => (string)new EventImages.Converter().ConvertToProvider(images)!;

    private static EventImages Load(string column) => (EventImages)new EventImages.Converter().ConvertFromProvider(column)!;

    [Fact]
    public void The_images_column_keeps_the_variants_and_their_storage_keys_and_nothing_computed()
    {
        var column = JsonNode.Parse(Store(Images))!.AsObject();
        Assert.Equal(["width", "height", "placeholder", "variants"], column.Select(m => m.Key));
        var variants = column["variants"]!.AsArray();
        Assert.Equal(["url", "width", "height", "format", "key"], variants[0]!.AsObject().Select(m => m.Key));
        Assert.Equal(["url", "width", "height", "format"], variants[1]!.AsObject().Select(m => m.Key));
        Assert.Equal("events/variants/a-320.webp", (string)variants[0]!["key"]!);
    }

    [Fact]
    public void The_images_column_reads_back_what_it_wrote_and_what_earlier_releases_wrote()
    {
        AssertSame(Images, Load(Store(Images)));
        // An earlier release also wrote the computed key list, and a later one may add members.
        var earlier = """
            {"width":1600,"height":1200,"placeholder":"data:image/webp;base64,UklGRg==","extra":{"a":[1,{"b":2}]},
             "variants":[{"url":"https://cdn.example.com/a-320.webp","width":320,"height":240,"format":"webp","key":"events/variants/a-320.webp","dpr":1},
                         {"url":"https://cdn.example.com/\"odd\" \u0928\u093e\u092e.jpg","width":320,"height":240,"format":"jpeg","key":null}],
             "keys":["events/variants/a-320.webp"]}
            """;
        AssertSame(Images, Load(earlier));
        Assert.Equal(["events/variants/a-320.webp"], Load(earlier).Keys);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"width\":\"wide\"}")]
    [InlineData("{\"variants\":{}}")]
    [InlineData("{\"width\":1")]
    public void A_damaged_images_column_is_an_error_not_a_guess(string column) =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Load(column));

    [Fact]
    public void The_translations_column_reads_back_what_it_wrote()
    {
        var converter = new EventTranslations.Converter();
        IReadOnlyDictionary<string, EventText> translations = new Dictionary<string, EventText>
        {
            ["hi"] = new("\u0939\u094b\u0932\u0940", "\u0930\u0902\u0917"),
            ["ta"] = new("Holi \"2026\"", "line\nbreak"),
        };
        var column = (string)converter.ConvertToProvider(translations)!;
        Assert.Equal(["title", "description"], JsonNode.Parse(column)!["hi"]!.AsObject().Select(m => m.Key));
        var back = (IReadOnlyDictionary<string, EventText>)converter.ConvertFromProvider(column)!;
        Assert.Equal(translations.OrderBy(t => t.Key), back.OrderBy(t => t.Key));
        Assert.Empty((IReadOnlyDictionary<string, EventText>)converter.ConvertFromProvider("{}")!);
    }

    private static void AssertSame(EventImages expected, EventImages actual)
    {
        Assert.Equal((expected.Width, expected.Height, expected.Placeholder), (actual.Width, actual.Height, actual.Placeholder));
        Assert.Equal(expected.Variants, actual.Variants);
    }
}
