using System.Text.Json;

namespace MassageForumBot.Discord.Testing;

/// <summary>One REST request the fake server received.</summary>
/// <param name="Method">Upper-case HTTP method.</param>
/// <param name="Path">Path relative to the API base, e.g. "/channels/1/messages" (the "/api/v10" prefix removed).</param>
/// <param name="Query">The query string including "?", or "".</param>
/// <param name="Headers">Request headers (case-insensitive names; repeated values joined with ", ").</param>
/// <param name="Body">The JSON body, or null when there was none or it was not JSON.</param>
/// <param name="RawBody">The body text.</param>
/// <param name="ResponseStatus">What the fake answered.</param>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    JsonElement? Body,
    string RawBody,
    int ResponseStatus)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"{Method} {Path} -> {ResponseStatus}";
}

/// <summary>A scripted answer for the next request whose method matches and whose path starts with the prefix.</summary>
public sealed record ScriptedResponse(
    string Method,
    string PathPrefix,
    int Status,
    string? Body,
    IReadOnlyDictionary<string, string> Headers,
    bool ProcessRequest);
