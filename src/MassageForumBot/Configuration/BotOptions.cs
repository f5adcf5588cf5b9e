using System.ComponentModel.DataAnnotations;

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

/// <summary>The "Notes" section: where evidence notes are published.</summary>
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

    /// <summary>Where the bot serves the notes itself when no BaseUrl is set.</summary>
    public Uri ListenUrl { get; set; } = new("http://127.0.0.1:5080/");
}

/// <summary>The "Discord" section. The token comes from the environment (Discord__Token) or user secrets, never appsettings.json.</summary>
public sealed class DiscordOptions : IValidatableObject
{
    public const string Section = "Discord";

    public string? Token { get; set; }

    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    public Uri? GatewayUrl { get; set; }

    /// <summary>This process's shard. A large network runs one process per shard, all sharing one database.</summary>
    [Range(0, 4095, ErrorMessage = "Discord:ShardId must be between 0 and 4095.")]
    public int ShardId { get; set; }

    [Range(1, 4096, ErrorMessage = "Discord:ShardCount must be between 1 and 4096.")]
    public int ShardCount { get; set; } = 1;

    public bool HasToken => !string.IsNullOrWhiteSpace(Token);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ShardId >= ShardCount)
            yield return new ValidationResult($"Discord:ShardId ({ShardId}) must be less than Discord:ShardCount ({ShardCount}).", [nameof(ShardId)]);
    }

    public override string ToString() => $"DiscordOptions {{ Token = {(HasToken ? "[set]" : "[none]")}, ApiBaseUrl = {ApiBaseUrl}, GatewayUrl = {GatewayUrl} }}";
}
