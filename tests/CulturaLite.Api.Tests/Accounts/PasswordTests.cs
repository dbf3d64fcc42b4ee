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
}
