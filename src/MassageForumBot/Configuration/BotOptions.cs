using System.ComponentModel.DataAnnotations;
using MassageForumBot.Discord;
using Microsoft.Extensions.Options;

namespace MassageForumBot.Configuration;

public enum BotMode
{
    /// <summary>Never posts publicly: logs the would-be reply and posts it to the moderators' log channel when one is set.</summary>
    Shadow,

    /// <summary>Replies in the channel.</summary>
    Live,
}

/// <summary>The "Bot" section: where and how the bot answers. Defaults are safe: shadow mode.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>Text or forum channels to watch; empty watches every channel the bot can read.</summary>
    public List<ulong> Channels { get; set; } = [];

    public BotMode Mode { get; set; } = BotMode.Shadow;

    /// <summary>Where shadow-mode drafts and red-flag notices go.</summary>
    public ulong? ModLogChannel { get; set; }

    /// <summary>Overrides the shipped model's calibrated threshold when set.</summary>
    [Range(0.0, 1.0, ErrorMessage = "Bot:ReplyThreshold must be between 0 and 1.")]
    public double? ReplyThreshold { get; set; }

    /// <summary>brief (default, fits a phone screen) or full.</summary>
    [RegularExpression("(?i)^(brief|full)$", ErrorMessage = "Bot:Tone must be 'brief' or 'full'.")]
    public string Tone { get; set; } = "brief";

    /// <summary>How many handlers run at once; classification is CPU work, so about one per core.</summary>
    [Range(1, 64, ErrorMessage = "Bot:Concurrency must be between 1 and 64.")]
    public int Concurrency { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Events waiting or being handled at most; when full, reading from the gateway waits (nothing is dropped).</summary>
    [Range(1, 1_000_000, ErrorMessage = "Bot:QueueCapacity must be between 1 and 1000000.")]
    public int QueueCapacity { get; set; } = 10_000;
}

/// <summary>The "Storage" section.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    /// <summary>sqlite (the embedded default: one process) or postgres (shard processes sharing one database).</summary>
    [RegularExpression("(?i)^(sqlite|postgres)$", ErrorMessage = "Storage:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = Sqlite;

    /// <summary>A SQLite connection string, or for postgres an Npgsql one (Host=...;Database=...;Username=...).</summary>
    [Required(ErrorMessage = "Storage:ConnectionString is required.")]
    public string ConnectionString { get; set; } = "Data Source=massageforumbot.db";

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    [Range(1, 3650, ErrorMessage = "Storage:RetentionDays must be between 1 and 3650.")]
    public int RetentionDays { get; set; } = 90;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsPostgres) yield break;
        string? problem;
        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
            problem = string.IsNullOrWhiteSpace(builder.Host) ? "it names no Host" : null;
        }
        catch (ArgumentException e)
        {
            problem = e.Message;
        }
        if (problem is not null)
            yield return new ValidationResult(
                $"Storage:ConnectionString is not an Npgsql connection string for Storage:Provider=postgres ({problem}); for example Host=db.internal;Database=massageforumbot;Username=bot.",
                [nameof(ConnectionString)]);
    }
}

/// <summary>The "Classifier" section.</summary>
public sealed class ClassifierOptions
{
    public const string Section = "Classifier";

    [Required(ErrorMessage = "Classifier:ModelPath is required.")]
    public string ModelPath { get; set; } = Cli.ProjectPaths.DefaultModel;

    [Required(ErrorMessage = "Classifier:TopicsPath is required.")]
    public string TopicsPath { get; set; } = Cli.ProjectPaths.DefaultTopics;
}

/// <summary>The "Notes" section: where evidence notes are published for members. The web console always serves them
/// for operators at {Web:ListenUrl}/notes.</summary>
public sealed class NotesOptions : IValidatableObject
{
    public const string Section = "Notes";

    /// <summary>
    /// Where the notes are published for members (for example the repository folder on a code host); each link is
    /// BaseUrl + file name. Must be https on a public host. Unset, replies link no notes: Discord shows evidence
    /// buttons and plain text lists the sources.
    /// </summary>
    public Uri? BaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is not null && Replies.MemberLinks.PublicHttpsProblem(BaseUrl) is { } problem)
            yield return new ValidationResult(
                $"Notes:BaseUrl {problem} ('{BaseUrl}'); members open these links on their own devices. Publish the notes at a public https address, or unset Notes:BaseUrl to answer with evidence buttons and source links.",
                [nameof(BaseUrl)]);
    }

}

/// <summary>
/// The "Discord" section binds the Discord library's own <see cref="DiscordClientOptions"/> (one class per section);
/// this checks it at host start, naming the keys. The token comes from the environment (Discord__Token) or user
/// secrets, never appsettings.json; without one the bot runs the console channel.
/// </summary>
public sealed class DiscordSettingsValidator : IValidateOptions<DiscordClientOptions>
{
    public const string Section = "Discord";

    public static bool HasToken(DiscordClientOptions options) => !string.IsNullOrWhiteSpace(options.Token);

    /// <summary>The Discord library's own checks, named by configuration key; the host runs without a token (console channel).</summary>
    public ValidateOptionsResult Validate(string? name, DiscordClientOptions options)
    {
        var failures = options.Problems(keyPrefix: Section + ":", requireToken: false);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
