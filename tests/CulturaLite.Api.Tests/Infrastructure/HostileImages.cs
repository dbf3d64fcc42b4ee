using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace CulturaLite.Api.Tests.Infrastructure;

/// <summary>Malformed and bomb images, for the hostile-input corpus.</summary>
public static class HostileImages
{
    public static readonly byte[][] All =
    [
        TestImages.Make(SKEncodedImageFormat.Png),
        TestImages.Make(SKEncodedImageFormat.Png)[..40],
        TestImages.Make(SKEncodedImageFormat.Jpeg)[..60],
        [0xFF, 0xD8, 0xFF, 0xE0, 0, 0, 0, 0],
        PngHeader(100_000, 100_000),
        PngHeader(0, 10),
        PngHeader(int.MaxValue, 1),
        Gif(65535, 65535),
        "RIFF\0\0\0\0WEBPVP8 garbage"u8.ToArray(),
        "GIF89a"u8.ToArray(),
        Encoding.ASCII.GetBytes("<svg xmlns='http://www.w3.org/2000/svg'/>"),
        [],
    ];

    /// <summary>A multipart form (boundary `img`) with valid fields and the given bytes as `image`, base64 for transport in a string.</summary>
    public static string Multipart(byte[] image)
    {
        var head = Encoding.ASCII.GetBytes(string.Concat(
            Field("title", "Hostile image"), Field("description", "d"), Field("city", "Pune"),
            Field("event_date", DateTime.UtcNow.AddDays(9).ToString("O")), Field("category", "music"),
            "--img\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.png\"\r\nContent-Type: image/png\r\n\r\n"));
        var tail = "\r\n--img--\r\n"u8.ToArray();
        return Convert.ToBase64String([.. head, .. image, .. tail]);
    }

    private static string Field(string name, string value) =>
        $"--img\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";

    /// <summary>A PNG signature and a well-formed IHDR (right CRC) declaring the given size, then a tiny IDAT: a decompression bomb's header.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // RGBA
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", ihdr), .. Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var chunk = new byte[4 + typed.Length + 4];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typed.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typed.Length), Crc32(typed));
        return chunk;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }

    /// <summary>A GIF whose logical screen claims the given size, with no image data.</summary>
    private static byte[] Gif(ushort width, ushort height)
    {
        var bytes = new List<byte>("GIF89a"u8.ToArray());
        bytes.AddRange(BitConverter.GetBytes(width));
        bytes.AddRange(BitConverter.GetBytes(height));
        bytes.AddRange(new byte[] { 0, 0, 0, 0x3B });
        return [.. bytes];
    }
}
