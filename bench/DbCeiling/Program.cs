// Usage: DbCeiling "<Npgsql connection string>" --urls http://127.0.0.1:PORT
// Answers GET /api/events/?city=C&date_from=YYYY-MM-DD&page=N as the app does (approved events of an active
// vendor, not cancelled, that city, from that India day, by date then id, 20 a page, the same JSON shape: image
// variants without their storage keys, the facts and status, language and available_languages, share_url and the
// organizer), with one prepared query per
// request and counts cached per (city, date_from) as the app caches them.
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Npgsql;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var csb = new NpgsqlConnectionStringBuilder(args[0]) { MaxAutoPrepare = 8, AutoPrepareMinUsages = 2 };
await using var source = NpgsqlDataSource.Create(csb.ConnectionString);
var counts = new ConcurrentDictionary<(string, DateTime), int>();
var india = TimeSpan.FromHours(5.5);
const int size = 20;
const string where = """
    FROM events_event e JOIN users_user u ON u.id = e.vendor_id
    WHERE e.status = 'approved' AND u.is_active AND e.event_status <> 'cancelled' AND e.city_key = $1 AND e.event_date >= $2
    """;

app.Run(async http =>
{
    var q = http.Request.Query;
    var city = q["city"].ToString().Trim().ToLowerInvariant();
    var from = DateOnly.TryParseExact(q["date_from"], "yyyy-MM-dd", out var day)
        ? new DateTime(day.ToDateTime(TimeOnly.MinValue).Ticks - india.Ticks, DateTimeKind.Utc)
        : DateTime.UtcNow;
    var page = int.TryParse(q["page"], out var p) && p > 0 ? p : 1;
    await using var conn = await source.OpenConnectionAsync();
    if (!counts.TryGetValue((city, from), out var count))
    {
        await using var c = new NpgsqlCommand("SELECT count(*)::int " + where, conn) { Parameters = { new() { Value = city }, new() { Value = from } } };
        count = (int)(await c.ExecuteScalarAsync())!;
        counts[(city, from)] = count;
    }
    await using var cmd = new NpgsqlCommand($"""
        SELECT e.id, e.title, e.description, e.city, e.event_date, e.image_url, e.thumbnail_url, c.id, c.name, c.slug,
               e.end_date, e.venue_name, e.venue_address, e.locality, e.pin_code, e.latitude, e.longitude,
               e.images, e.language, e.translations,
               e.is_free, e.price_min_minor, e.price_max_minor, e.currency, e.ticket_url, e.age_min, e.age_max, e.accessibility_flags,
               e.attendance_mode, e.online_url, e.performance_languages, e.performers, e.event_status, e.status_reason, e.previous_start_dates,
               v.id, CASE WHEN v.organization_name <> '' THEN v.organization_name ELSE v.name END, v.slug
        FROM events_event e JOIN events_category c ON c.id = e.category_id JOIN users_user v ON v.id = e.vendor_id
        WHERE e.id IN (SELECT e.id {where} ORDER BY e.event_date, e.id LIMIT {size} OFFSET $3)
        ORDER BY e.event_date, e.id
        """, conn)
    { Parameters = { new() { Value = city }, new() { Value = from }, new() { Value = (page - 1) * size } } };
    await using var reader = await cmd.ExecuteReaderAsync();
    http.Response.ContentType = "application/json; charset=utf-8";
    var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}/api/events/?city={Uri.EscapeDataString(q["city"].ToString())}&date_from={q["date_from"]}&page=";
    var last = Math.Max(1, (count + size - 1) / size);
    await using var json = new Utf8JsonWriter(http.Response.BodyWriter, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    json.WriteStartObject();
    json.WriteNumber("count", count);
    if (page < last) { json.WriteString("next", baseUrl + (page + 1)); } else { json.WriteNull("next"); }
    // As DRF: the link back to page 1 leaves `page` out.
    if (page > 2) { json.WriteString("previous", baseUrl + (page - 1)); }
    else if (page == 2) { json.WriteString("previous", baseUrl[..^"&page=".Length]); }
    else { json.WriteNull("previous"); }
    json.WriteStartArray("results");
    while (await reader.ReadAsync())
    {
        json.WriteStartObject();
        json.WriteNumber("id", reader.GetInt32(0));
        json.WriteString("title", reader.GetString(1));
        json.WriteString("description", reader.GetString(2));
        json.WriteString("city", reader.GetString(3));
        json.WriteString("event_date", reader.GetDateTime(4).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("image_url", reader.GetString(5));
        if (reader.IsDBNull(6)) { json.WriteNull("thumbnail_url"); } else { json.WriteString("thumbnail_url", reader.GetString(6)); }
        json.WriteStartObject("category");
        json.WriteNumber("id", reader.GetInt32(7));
        json.WriteString("name", reader.GetString(8));
        json.WriteString("slug", reader.GetString(9));
        json.WriteEndObject();
        if (reader.IsDBNull(10)) { json.WriteNull("end_date"); } else { json.WriteString("end_date", reader.GetDateTime(10).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)); }
        foreach (var (i, name) in new[] { (11, "venue_name"), (12, "venue_address"), (13, "locality"), (14, "pin_code") })
        {
            if (reader.IsDBNull(i)) { json.WriteNull(name); } else { json.WriteString(name, reader.GetString(i)); }
        }
        foreach (var (i, name) in new[] { (15, "latitude"), (16, "longitude") })
        {
            if (reader.IsDBNull(i)) { json.WriteNull(name); } else { json.WriteNumber(name, reader.GetDouble(i)); }
        }
        WriteFacts(json, reader);
        if (reader.IsDBNull(17)) { json.WriteNull("images"); } else { WriteImages(json, reader.GetString(17)); }
        var language = reader.GetString(18);
        json.WriteString("language", language);
        json.WriteStartArray("available_languages");
        json.WriteStringValue(language);
        using (var translations = JsonDocument.Parse(reader.GetString(19)))
        {
            foreach (var name in translations.RootElement.EnumerateObject().Select(p => p.Name).Where(n => n != language).Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(name);
            }
        }
        json.WriteEndArray();
        json.WriteString("share_url", $"{http.Request.Scheme}://{http.Request.Host}/e/{reader.GetInt32(0)}");
        json.WriteStartObject("organizer");
        json.WriteNumber("id", reader.GetInt32(35));
        json.WriteString("name", reader.GetString(36));
        json.WriteString("slug", reader.GetString(37));
        json.WriteString("url", $"{http.Request.Scheme}://{http.Request.Host}/o/{reader.GetString(37)}");
        json.WriteEndObject();
        json.WriteEndObject();
    }
    json.WriteEndArray();
    json.WriteEndObject();
    await json.FlushAsync();
});
await app.RunAsync();

// The facts and the status as items show them (columns 20 to 34).
static void WriteFacts(Utf8JsonWriter json, NpgsqlDataReader r)
{
    if (r.IsDBNull(20) && r.IsDBNull(21) && r.IsDBNull(22)) { json.WriteNull("price"); }
    else
    {
        json.WriteStartObject("price");
        json.WriteBoolean("is_free", !r.IsDBNull(20) && r.GetBoolean(20));
        foreach (var (i, name) in new[] { (21, "min"), (22, "max") })
        {
            if (r.IsDBNull(i)) { json.WriteNull(name); } else { json.WriteNumber(name, r.GetInt64(i) / 100m / 1.000000000000000000000000000000000m); }
        }
        json.WriteString("currency", r.IsDBNull(23) ? "INR" : r.GetString(23));
        json.WriteEndObject();
    }
    if (r.IsDBNull(24)) { json.WriteNull("ticket_url"); } else { json.WriteString("ticket_url", r.GetString(24)); }
    if (r.IsDBNull(25) && r.IsDBNull(26)) { json.WriteNull("age_range"); }
    else
    {
        json.WriteStartObject("age_range");
        foreach (var (i, name) in new[] { (25, "min"), (26, "max") })
        {
            if (r.IsDBNull(i)) { json.WriteNull(name); } else { json.WriteNumber(name, r.GetInt32(i)); }
        }
        json.WriteEndObject();
    }
    string[] codes = ["wheelchair", "accessible_toilet", "step_free", "seating", "sign_language", "captions", "audio_description", "hearing_loop", "quiet_space"];
    var flags = r.GetInt32(27);
    json.WriteStartArray("accessibility");
    for (var i = 0; i < codes.Length; i++) { if ((flags & (1 << i)) != 0) { json.WriteStringValue(codes[i]); } }
    json.WriteEndArray();
    json.WriteString("attendance_mode", r.GetString(28));
    if (r.IsDBNull(29)) { json.WriteNull("online_url"); } else { json.WriteString("online_url", r.GetString(29)); }
    json.WriteStartArray("performance_languages");
    foreach (var code in r.GetString(30).Split(',', StringSplitOptions.RemoveEmptyEntries)) { json.WriteStringValue(code); }
    json.WriteEndArray();
    json.WritePropertyName("performers");
    using (var performers = JsonDocument.Parse(r.GetString(31))) { performers.RootElement.WriteTo(json); }
    json.WriteString("event_status", r.GetString(32));
    if (r.IsDBNull(33)) { json.WriteNull("status_reason"); } else { json.WriteString("status_reason", r.GetString(33)); }
    json.WritePropertyName("previous_start_dates");
    using (var previous = JsonDocument.Parse(r.GetString(34))) { previous.RootElement.WriteTo(json); }
}

// The stored images column as items show it: size, placeholder and variants, without storage keys.
static void WriteImages(Utf8JsonWriter json, string stored)
{
    using var images = JsonDocument.Parse(stored);
    json.WriteStartObject("images");
    foreach (var member in images.RootElement.EnumerateObject())
    {
        if (member.Name is "width" or "height" or "placeholder")
        {
            member.WriteTo(json);
        }
        if (member.Name != "variants")
        {
            continue;
        }
        json.WriteStartArray("variants");
        foreach (var variant in member.Value.EnumerateArray())
        {
            json.WriteStartObject();
            foreach (var field in variant.EnumerateObject().Where(f => f.Name != "key"))
            {
                field.WriteTo(json);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
    json.WriteEndObject();
}
