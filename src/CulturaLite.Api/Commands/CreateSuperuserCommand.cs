using System.Text;
using CulturaLite.Api.Accounts;
using CulturaLite.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace CulturaLite.Api.Commands;

/// <summary>`createsuperuser`: creates an admin, or promotes an existing account (its password is then reset).</summary>
public static class CreateSuperuserCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, Dictionary<string, string> options)
    {
        var email = options.GetValueOrDefault("email") ?? Prompt("Email: ", secret: false);
        var password = options.GetValueOrDefault("password");
        if (password is null)
        {
            password = Prompt("Password: ", secret: true);
            var again = Prompt("Password (again): ", secret: true);
            if (again != password)
            {
                throw new CommandException("Error: Your passwords didn't match.");
            }
        }
        var name = options.GetValueOrDefault("name") ?? "";
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@'))
        {
            throw new CommandException("Error: a valid --email is required.");
        }
        if (string.IsNullOrEmpty(password))
        {
            throw new CommandException("Error: a password is required.");
        }
        // The same rules as registration, whether the password came from a flag or a prompt.
        var nameParts = name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var problems = PasswordRules.Check(password, email, nameParts.ElementAtOrDefault(0), nameParts.ElementAtOrDefault(1));
        if (problems.Count > 0)
        {
            throw new CommandException("Error: " + string.Join(" ", problems));
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<Passwords>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == User.NormalizeEmail(email));
        var created = user is null;
        if (user is null)
        {
            var parts = name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            user = User.RegisterVendor(email, parts.ElementAtOrDefault(0) ?? "", parts.ElementAtOrDefault(1) ?? "", null, clock.GetUtcNow().UtcDateTime);
            db.Users.Add(user);
        }
        else if (name.Length > 0)
        {
            var parts = name.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            user.UpdateProfile(parts.ElementAtOrDefault(0) ?? "", parts.ElementAtOrDefault(1) ?? "", null);
        }
        user.ChangePassword(hasher.Hash(password));
        user.PromoteToAdmin();
        user.MarkEmailVerified();
        await db.SaveChangesAsync();
        // A new role and password end every session opened before: an old refresh token must
        // never obtain an access token with the admin role.
        await scope.ServiceProvider.GetRequiredService<RefreshTokenFamily>().RevokeAllForUserAsync(user.Id, CancellationToken.None);
        scope.ServiceProvider.GetRequiredService<UserStatusCache>().Forget(user.Id);
        Console.WriteLine(created ? $"Superuser {user.Email} created." : $"User {user.Email} promoted to admin.");
        return 0;
    }

    private static string Prompt(string label, bool secret)
    {
        if (Console.IsInputRedirected && !secret)
        {
            Console.Write(label);
            return Console.ReadLine()?.Trim() ?? throw new CommandException("Error: no input.");
        }
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine() ?? throw new CommandException("Error: no input.");
        }
        Console.Write(label);
        if (!secret)
        {
            return Console.ReadLine()?.Trim() ?? "";
        }
        var sb = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return sb.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (sb.Length > 0)
                {
                    sb.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                sb.Append(key.KeyChar);
            }
        }
    }
}
