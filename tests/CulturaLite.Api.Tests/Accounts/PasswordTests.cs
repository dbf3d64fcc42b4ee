using CulturaLite.Api.Accounts;
using Microsoft.AspNetCore.Identity;

namespace CulturaLite.Api.Tests.Accounts;

public sealed class PasswordTests
{
    private static readonly Passwords Hasher = new();

    [Fact]
    public void Hashes_use_pbkdf2_sha512_with_at_least_210000_iterations()
    {
        var hash = Convert.FromBase64String(Hasher.Hash("Sunset-Raga-42"));

        Assert.Equal(0x01, hash[0]); // Identity v3 format
        var prf = (hash[1] << 24) | (hash[2] << 16) | (hash[3] << 8) | hash[4];
        var iterations = (hash[5] << 24) | (hash[6] << 16) | (hash[7] << 8) | hash[8];
        Assert.Equal(2, prf); // HMACSHA512
        Assert.True(iterations >= 210_000);
    }

    [Fact]
    public void A_weaker_identity_hash_verifies_and_asks_to_be_rehashed()
    {
        var weak = new PasswordHasher<User>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }))
            .HashPassword(null!, "Sunset-Raga-42");

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Hasher.Verify(weak, "Sunset-Raga-42"));
        Assert.Equal(PasswordVerificationResult.Success, Hasher.Verify(Hasher.Hash("Sunset-Raga-42"), "Sunset-Raga-42"));
        Assert.Equal(PasswordVerificationResult.Failed, Hasher.Verify(weak, "wrong"));
        Assert.Equal(PasswordVerificationResult.Failed, Hasher.Verify("not a hash", "wrong"));
    }

    [Theory]
    // Made as Django's BCryptSHA256PasswordHasher, Argon2PasswordHasher and BCryptPasswordHasher make them
    // (the bcrypt and argon2-cffi libraries they call, Django's default parameters) for "Vendor-Pass-2025".
    [InlineData("bcrypt_sha256$$2b$12$abcdefghijklmnopqrstuuHCzsh7hAd8YcgFE2XPNTHj9BuOa6M6y")]
    [InlineData("argon2$argon2id$v=19$m=102400,t=2,p=8$WnEzY044cEwyeFl3UTc$SONrHGMGdIW6KzRy2yV3p4f8Xo1oloto7hYKjliQdD0")]
    public void Djangos_argon2_and_bcrypt_formats_verify_and_ask_to_be_rehashed(string hash)
    {
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Hasher.Verify(hash, "Vendor-Pass-2025"));
        Assert.Equal(PasswordVerificationResult.Failed, Hasher.Verify(hash, "vendor-pass-2025"));
    }

    [Theory]
    // Valid argon2-cffi hashes of "Vendor-Pass-2025" that ask for more than one check may take (256 MiB + 256 KiB;
    // 11 passes): refused unchecked, so an imported hash cannot make a login allocate or spin without bound.
    [InlineData("argon2$argon2id$v=19$m=262400,t=1,p=1$WnEzY044cEwyeFl3UTc$jWXerS0yZ4WhXxj8CZRP5Y3yESImGY3H2lXDAIKDGCA")]
    [InlineData("argon2$argon2id$v=19$m=8192,t=11,p=1$WnEzY044cEwyeFl3UTc$sjY8X/Fe2zFSHboZDbEBhlBpQKP4tgeXTBtjUl6xiAc")]
    [InlineData("argon2$argon2id$v=19$m=999999999,t=2,p=8$c2FsdA$aGFzaA")]
    [InlineData("argon2$argon2x$v=19$m=1024,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g")]
    [InlineData("argon2$argon2id$v=19$m=1024$c2FsdA$aGFzaA")]
    [InlineData("argon2$argon2id$v=19$m=1024,t=2,p=1$%%%$aGFzaA")]
    [InlineData("bcrypt_sha256$$2b$12$short")]
    [InlineData("bcrypt$not-a-hash")]
    [InlineData("argon2$argon2id$v=19$m=1024,m=2048,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g")]
    // The bcrypt_sha256 hash above with its cost raised from 12 to 31 (2^31 rounds: more than a day per check).
    [InlineData("bcrypt_sha256$$2b$31$abcdefghijklmnopqrstuuHCzsh7hAd8YcgFE2XPNTHj9BuOa6M6y")]
    [InlineData("bcrypt$$2b$17$abcdefghijklmnopqrstuuHCzsh7hAd8YcgFE2XPNTHj9BuOa6M6y")]
    public void A_malformed_django_hash_matches_nothing(string hash) =>
        Assert.Equal(PasswordVerificationResult.Failed, Hasher.Verify(hash, "Vendor-Pass-2025"));

    [Fact]
    public void Djangos_pbkdf2_sha256_format_verifies()
    {
        // Made by Django 3.2 itself: make_password("correct horse", salt="saltsaltsalt") with PBKDF2PasswordHasher.
        const string hash = "pbkdf2_sha256$260000$saltsaltsalt$X4SDJeWnmFVRlHEu5vvCbHFockCo2swhL6ydvLQlIsA=";

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Hasher.Verify(hash, "correct horse"));
        Assert.Equal(PasswordVerificationResult.Failed, Hasher.Verify(hash, "correct horsf"));
        Assert.Equal(PasswordVerificationResult.Failed, Hasher.Verify("pbkdf2_sha256$x$y$z", "correct horse"));
    }

    [Fact]
    public void The_common_password_list_has_at_least_10000_entries()
    {
        Assert.True(PasswordRules.CommonCount >= 10_000);
        Assert.Contains("This password is too common.", PasswordRules.Check("Qwerty123", null, null, null).Concat(PasswordRules.Check("Password1", null, null, null)));
    }

    [Theory]
    [InlineData("abc", "abc", 1.0)]
    [InlineData("abcd", "bcde", 0.75)]
    [InlineData("abc", "xyz", 0.0)]
    public void Similarity_matches_pythons_sequence_matcher_ratio(string a, string b, double ratio) =>
        Assert.Equal(ratio, PasswordRules.Similarity(a, b), 3);

    [Fact]
    public void A_good_password_passes_every_rule()
    {
        Assert.Empty(PasswordRules.Check("Sunset-Raga-42", "asha@example.com", "Asha", "Rao"));
    }

    /// <summary>
    /// An imported PBKDF2 hash cannot make a login spend without bound: at most 2,000,000 iterations
    /// (twice Django 5.2's default) and exactly Django's 32-byte digest, as Argon2 and bcrypt are capped.
    /// </summary>
    [Theory]
    [InlineData(2_000_001, 32)]
    [InlineData(1_000, 4096)]
    [InlineData(1_000, 16)]
    public void A_django_pbkdf2_hash_beyond_the_caps_matches_nothing_even_with_the_right_password(int iterations, int digestBytes)
    {
        // A correct hash of the password, so only the caps can refuse it.
        var digest = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("correct horse"u8.ToArray(), "saltsaltsalt"u8.ToArray(),
            iterations, System.Security.Cryptography.HashAlgorithmName.SHA256, digestBytes);
        var hash = $"pbkdf2_sha256${iterations}$saltsaltsalt${Convert.ToBase64String(digest)}";

        Assert.Equal(PasswordVerificationResult.Failed, Hasher.Verify(hash, "correct horse"));
    }

    [Fact]
    public void A_django_pbkdf2_hash_within_the_caps_still_verifies()
    {
        var digest = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2("correct horse"u8.ToArray(), "saltsaltsalt"u8.ToArray(),
            1_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32);

        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Hasher.Verify($"pbkdf2_sha256$1000$saltsaltsalt${Convert.ToBase64String(digest)}", "correct horse"));
    }
}
