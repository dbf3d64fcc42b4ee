namespace CulturaLite.Api.Notifications;

/// <summary>`Email:*` settings. Without an SMTP host, messages are written to the pickup folder.</summary>
public sealed class EmailOptions
{
    public SmtpOptions Smtp { get; set; } = new();
    public string From { get; set; } = "CulturaLite <no-reply@culturalite.local>";
    public string? PickupDirectory { get; set; }
    public double PollSeconds { get; set; } = 5;
    public double RetryBaseSeconds { get; set; } = 2;
    public int MaxAttempts { get; set; } = 25;

    public sealed class SmtpOptions
    {
        public string? Host { get; set; }
        public int Port { get; set; } = 25;
        public string? Username { get; set; }
        public string? Password { get; set; }
        /// <summary>`auto` (STARTTLS when offered), `starttls`, `ssl`, or `none`.</summary>
        public string Security { get; set; } = "auto";
        public int TimeoutSeconds { get; set; } = 15;
    }

    /// <summary>The domain for Message-IDs, from the sender address.</summary>
    public string Domain
    {
        get
        {
            var at = From.LastIndexOf('@');
            return at < 0 ? "culturalite.local" : From[(at + 1)..].TrimEnd('>', ' ');
        }
    }
}
