using System.Diagnostics;
using System.Globalization;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using CulturaLite.Api.Events;
using CulturaLite.Api.Media;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Commands;

/// <summary>
/// `seed-demo [--events N] [--vendors N]`: demo vendors and events in every status, in Indian cities,
/// spread over a year, for trying the API and for benchmarks. Inserts in large batches.
/// </summary>
public static class SeedDemoCommand
{
    public const string DemoPassword = "DemoPass2026";
    public const string DemoAdminEmail = "admin@demo.culturalite.in";

    /// <summary>The address of the <paramref name="number"/>th demo vendor (from 1).</summary>
    public static string DemoVendorEmail(int number) => $"vendor{number.ToString(CultureInfo.InvariantCulture)}@demo.culturalite.in";

    /// <summary>
    /// The demo accounts the database holds (the admin and the first demo vendors), as the banner names them;
    /// null when it holds none.
    /// </summary>
    public static async Task<string?> LoginsAsync(AppDbContext db, CancellationToken ct)
    {
        var wanted = new[] { DemoAdminEmail, DemoVendorEmail(1), DemoVendorEmail(2) };
        var found = await db.Users.AsNoTracking().Where(u => wanted.Contains(u.NormalizedEmail) && u.IsActive)
            .Select(u => new { u.Email, u.Role }).ToListAsync(ct);
        return found.Count == 0
            ? null
            : $"Demo logins (password {DemoPassword}): " + string.Join(", ", found.OrderBy(u => Array.IndexOf(wanted, u.Email)).Select(u => $"{u.Email} ({u.Role})"));
    }

    private static readonly string[] Cities =
    [
        "Mumbai", "Delhi", "Bengaluru", "Chennai", "Kolkata", "Hyderabad", "Pune", "Jaipur", "Ahmedabad", "Kochi",
        "Lucknow", "Chandigarh", "Goa", "Mysuru", "Varanasi", "Udaipur", "Amritsar", "Bhopal", "Indore", "Shillong",
    ];

    /// <summary>The themes in Hindi: a third of the demo events carry a Hindi translation.</summary>
    private static readonly (string Title, string Description)[] HindiThemes =
    [
        ("होली उत्सव", "वसंत के स्वागत में रंग, संगीत और स्ट्रीट फ़ूड।"),
        ("कर्नाटक संगीत संध्या", "वायलिन और मृदंगम के साथ कर्नाटक शास्त्रीय संगीत।"),
        ("कथक प्रस्तुति", "लाइव तबला और सितार के साथ शास्त्रीय कथक नृत्य।"),
        ("बॉलीवुड रेट्रो नाइट", "हिंदी सिनेमा के सुनहरे गीतों पर नृत्य।"),
        ("स्टैंड-अप कॉमेडी", "हिंदी और अंग्रेज़ी में स्टैंड-अप की एक शाम।"),
        ("स्ट्रीट फ़ूड वॉक", "शहर के मशहूर स्ट्रीट फ़ूड का गाइडेड स्वाद।"),
        ("मुशायरा", "प्रसिद्ध शायरों द्वारा उर्दू और हिंदी शायरी।"),
        ("मधुबनी चित्रकला कार्यशाला", "मिथिला की लोक कला उस्तादों से सीखें।"),
        ("इंडी फ़िल्म स्क्रीनिंग", "पुरस्कृत स्वतंत्र फ़िल्में और निर्देशक से बातचीत।"),
        ("सूफ़ी नाइट", "सितारों के नीचे क़व्वाली।"),
        ("दिवाली मेला", "रोशनी, शिल्प, मिठाइयाँ और पूरे परिवार के लिए कार्यक्रम।"),
        ("नाटक: तुग़लक़", "गिरीश कर्नाड का क्लासिक नाटक।"),
    ];

    /// <summary>Each demo city's centre, so "near me" has something to find.</summary>
    private static readonly (double Lat, double Lon)[] Centres =
    [
        (19.0760, 72.8777), (28.6139, 77.2090), (12.9716, 77.5946), (13.0827, 80.2707), (22.5726, 88.3639),
        (17.3850, 78.4867), (18.5204, 73.8567), (26.9124, 75.7873), (23.0225, 72.5714), (9.9312, 76.2673),
        (26.8467, 80.9462), (30.7333, 76.7794), (15.4909, 73.8278), (12.2958, 76.6394), (25.3176, 82.9739),
        (24.5854, 73.7125), (31.6340, 74.8723), (23.2599, 77.4126), (22.7196, 75.8577), (25.5788, 91.8933),
    ];

    private static readonly string[] Venues =
    [
        "Town Hall", "Open-air Amphitheatre", "Cultural Centre", "Heritage Haveli", "Art Gallery", "Riverside Ghat",
        "Community Hall", "Rangmanch Theatre",
    ];

    /// <summary>Each theme with the category its events are filed under, so a poster never contradicts its event.</summary>
    private static readonly (string Title, string Description, string Category)[] Themes =
    [
        ("Holi Festival", "Colours, music and street food to welcome spring.", "Festivals"),
        ("Carnatic Music Evening", "A concert of Carnatic classics with violin and mridangam.", "Music"),
        ("Kathak Recital", "Classical Kathak dance with live tabla and sitar.", "Dance"),
        ("Bollywood Retro Night", "Dance to the golden hits of Hindi cinema.", "Music"),
        ("Stand-up Comedy Special", "An evening of stand-up in Hindi and English.", "Comedy"),
        ("Street Food Walk", "Guided tasting of the city's famous street food.", "Food & Drink"),
        ("Poetry Mushaira", "Urdu and Hindi poetry recited by renowned poets.", "Literature"),
        ("Madhubani Painting Workshop", "Learn the folk art of Mithila from master artists.", "Workshops"),
        ("Indie Film Screening", "Award-winning independent films followed by a director Q&A.", "Film"),
        ("Sufi Night", "Qawwali under the stars with a celebrated ensemble.", "Music"),
        ("Diwali Mela", "Lights, crafts, sweets and performances for the whole family.", "Festivals"),
        ("Theatre: Tughlaq", "Girish Karnad's classic play staged by a repertory company.", "Theatre"),
    ];

    /// <summary>
    /// What a theme's poster shows: its title, its category, and a footer that names no city (the theme's
    /// events are in many cities). The events of the theme carry exactly this title and category.
    /// </summary>
    public static (string Title, string Category, string Footer) PosterFor(int theme) =>
        (Themes[theme].Title, Themes[theme].Category, "A CulturaLite demo event");

    public static async Task<int> RunAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        var baseUrl = options.GetValueOrDefault("base-url") ?? "http://localhost:8000";
        var summary = await SeedAsync(services, ReadInt(options, "events", 200), options.ContainsKey("vendors") ? ReadInt(options, "vendors", 5) : null, baseUrl);
        Console.WriteLine(summary);
        return 0;
    }

    /// <summary>Seeds the demo; returns a line saying what was seeded and how to log in.</summary>
    /// <param name="services">The app's services.</param>
    /// <param name="eventCount">How many events.</param>
    /// <param name="vendorOverride">How many vendors (default: one per 50 events, 5 to 200).</param>
    /// <param name="baseUrl">The server's public origin, for the stored posters' URLs.</param>
    public static async Task<string> SeedAsync(IServiceProvider services, int eventCount, int? vendorOverride, string baseUrl)
    {
        var vendorCount = vendorOverride ?? Math.Clamp(eventCount / 50, 5, 200);
        var watch = Stopwatch.StartNew();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<Passwords>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        // One hash for every demo account: hashing is deliberately slow.
        var hash = hasher.Hash(DemoPassword);
        var admin = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == DemoAdminEmail);
        if (admin is null)
        {
            admin = User.RegisterVendor(DemoAdminEmail, "Demo", "Admin", "CulturaLite", now);
            admin.SetPasswordHash(hash);
            admin.PromoteToAdmin();
            admin.MarkEmailVerified();
            db.Users.Add(admin);
            await db.SaveChangesAsync();
        }
        // Stable addresses (vendor1@..., vendor2@...): the banner and the docs can name them. A second seeding
        // gives its events to the vendors that exist and adds only the missing ones.
        var emails = Enumerable.Range(1, vendorCount).Select(DemoVendorEmail).ToList();
        var existing = await db.Users.Where(u => emails.Contains(u.NormalizedEmail)).ToDictionaryAsync(u => u.NormalizedEmail);
        var vendors = new List<User>();
        for (var i = 1; i <= vendorCount; i++)
        {
            if (existing.TryGetValue(DemoVendorEmail(i), out var known))
            {
                vendors.Add(known);
                continue;
            }
            var vendor = User.RegisterVendor(DemoVendorEmail(i), "Vendor", i.ToString(CultureInfo.InvariantCulture),
                $"{Cities[i % Cities.Length]} Arts Collective {i}", now);
            vendor.SetPasswordHash(hash);
            vendor.MarkEmailVerified();
            vendors.Add(vendor);
            db.Users.Add(vendor);
        }
        await db.SaveChangesAsync();

        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.Name }).ToListAsync();
        // Each theme's own category (by name; any category when an admin renamed it away).
        var themeCategories = Themes.Select((theme, t) => categories.FirstOrDefault(c => c.Name == theme.Category) ?? categories[t % categories.Count]).ToArray();
        var cityLookup = await CityResolver.LoadAsync(db, CancellationToken.None);
        // One poster per theme, drawn here and stored like an upload: the demo needs nothing remote.
        var images = scope.ServiceProvider.GetRequiredService<Media.ImageProcessor>();
        var storage = scope.ServiceProvider.GetRequiredService<Media.IImageStorage>();
        var posters = new List<(string Url, string Thumbnail, EventImages Images)>();
        for (var t = 0; t < Themes.Length; t++)
        {
            var (title, _, footer) = PosterFor(t);
            var poster = Posters.Draw(title, footer, themeCategories[t].Name, t);
            posters.Add(await StorePosterAsync(images, storage, poster, baseUrl));
        }
        var random = new Random(2026);
        // The facts draw from a generator of their own, so the rest of the demo (cities, dates, statuses) stays as it was.
        var facts = new Random(7);
        const int batchSize = 5000;
        for (var done = 0; done < eventCount; done += batchSize)
        {
            var batch = new List<Event>();
            for (var i = done; i < Math.Min(eventCount, done + batchSize); i++)
            {
                var themeIndex = random.Next(Themes.Length);
                var theme = Themes[themeIndex];
                var cityIndex = random.Next(Cities.Length);
                var city = cityLookup.Resolve(Cities[cityIndex]);
                var date = now.Date.AddDays(random.Next(-60, 305)).AddHours(random.Next(10, 22));
                var category = themeCategories[themeIndex];
                // Most demo events have a venue with a position a few km around the city's centre.
                var venue = random.Next(10) < 8
                    ? new EventVenue($"{city.Name} {Venues[random.Next(Venues.Length)]}", null, null, null,
                        Math.Round(Centres[cityIndex].Lat + ((random.NextDouble() - 0.5) * 0.1), 5),
                        Math.Round(Centres[cityIndex].Lon + ((random.NextDouble() - 0.5) * 0.1), 5))
                    : EventVenue.None;
                var e = Event.Submit(vendors[random.Next(vendors.Count)].Id, new EventDetails(
                    $"{theme.Title} {date.Year} #{i + 1}", $"{theme.Description} Join us in {city.Name}.", city.Name, date,
                    category.Id, posters[themeIndex].Url, posters[themeIndex].Thumbnail, null)
                {
                    Images = posters[themeIndex].Images,
                    Translations = i % 3 == 0
                        ? new Dictionary<string, EventText> { ["hi"] = new($"{HindiThemes[themeIndex].Title} {date.Year} #{i + 1}", HindiThemes[themeIndex].Description) }
                        : EventTranslations.None,
                    Venue = venue,
                    Facts = DemoFacts(facts, i),
                    EndDate = date.AddHours(3),
                    IndexTerms = SearchIndex.Terms(city, category.Name),
                }, now);
                var roll = random.Next(100);
                if (roll < 80)
                {
                    e.Approve(admin.Id, now);
                    // A few approved events did not go as announced.
                    var turn = facts.Next(100);
                    if (turn < 2)
                    {
                        e.Cancel("The artist is unwell.", now);
                    }
                    else if (turn < 3)
                    {
                        e.Postpone("Heavy rain is forecast.", now);
                    }
                }
                else if (roll < 90)
                {
                    e.Reject(admin.Id, "Please add the venue and ticket details.", now);
                }
                batch.Add(e);
            }
            db.Events.AddRange(batch);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        return $"Seeded {vendorCount} vendors and {eventCount} events in {watch.Elapsed.TotalSeconds:F1} s.\n"
               + $"Demo logins (password {DemoPassword}): {DemoAdminEmail} (admin), {vendors[0].Email} (vendor).";
    }

    private static readonly string[] DemoLanguages = ["hi", "en", "ta", "bn", "mr", "kn", "te", "ml"];

    private static readonly string[] DemoPerformers = ["Kaushiki Chakraborty", "T. M. Krishna", "Bombay Jayashri", "Rahul Sharma", "Shovana Narayan", "Ustad Amjad Ali Khan"];

    /// <summary>
    /// Facts as organizers give them: a third free, half priced (some with tickets online), some age ranges, access
    /// codes, a tenth online or mixed, the languages performed in, performers.
    /// </summary>
    private static EventFacts DemoFacts(Random r, int i)
    {
        var priceRoll = r.Next(10);
        EventPrice? price = priceRoll switch
        {
            < 3 => new EventPrice(true, null, null, EventPrice.DefaultCurrency),
            < 8 => (r.Next(1, 21) * 100m) is var min ? new EventPrice(false, min, r.Next(2) == 0 ? min * 3 : null, EventPrice.DefaultCurrency) : null,
            _ => null,
        };
        var ageRoll = r.Next(10);
        AgeRange? ages = ageRoll switch { 0 => new AgeRange(5, 12), 1 => new AgeRange(18, null), _ => null };
        var accessibility = new List<string>();
        if (r.Next(4) == 0)
        {
            accessibility.Add("wheelchair");
        }
        if (r.Next(10) == 0)
        {
            accessibility.Add("step_free");
        }
        if (r.Next(20) == 0)
        {
            accessibility.Add("sign_language");
        }
        var modeRoll = r.Next(100);
        var mode = modeRoll < 90 ? AttendanceModes.Offline : modeRoll < 96 ? AttendanceModes.Online : AttendanceModes.Mixed;
        var languages = r.Next(10) < 6 ? DemoLanguages.OrderBy(_ => r.Next()).Take(r.Next(1, 3)).ToList() : [];
        var performers = r.Next(10) < 3 ? DemoPerformers.OrderBy(_ => r.Next()).Take(r.Next(1, 3)).ToList() : [];
        return new EventFacts(price, price is { IsFree: false } ? $"https://tickets.example.in/demo/{i + 1}" : null, ages,
            [.. AccessibilityCodes.All.Where(accessibility.Contains)], mode, mode == AttendanceModes.Offline ? null : $"https://live.example.in/demo/{i + 1}",
            languages, performers);
    }

    /// <summary>
    /// Processes and stores a poster like an upload, with its responsive copies; many demo events share
    /// one poster, so no event owns (or deletes) its files.
    /// </summary>
    private static async Task<(string Url, string Thumbnail, EventImages Images)> StorePosterAsync(
        ImageProcessor images, IImageStorage storage, byte[] poster, string baseUrl)
    {
        var (processed, error) = images.Process(poster);
        if (processed is null)
        {
            throw new InvalidOperationException("A demo poster could not be processed: " + error);
        }
        using (processed)
        {
            var stored = await EventImageStore.StoreAsync(storage, processed, "events/demo", owned: false, baseUrl, CancellationToken.None);
            return (stored.Url, stored.ThumbnailUrl, stored.Variants);
        }
    }

    private static int ReadInt(Dictionary<string, string> options, string key, int fallback)
    {
        if (!options.TryGetValue(key, out var text))
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 0 || value > 10_000_000)
        {
            throw new CommandException($"--{key} must be a whole number from 0 to 10000000.");
        }
        return value;
    }
}
