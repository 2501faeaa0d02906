using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Host;

/// <summary>
/// The replaced system's admin API returned password hashes. Here no response schema in the OpenAPI document may
/// even have a field that looks like a credential, except the two shown-once setup values, by name.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ResponseSecretsTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    private static readonly string[] Forbidden =
        ["passwordhash", "securitystamp", "concurrencystamp", "tokenhash", "codehash", "totpsecret", "secretprotected", "hash", "stamp", "password"];

    private static readonly HashSet<string> ShownOnceByDesign = ["TotpSetupResponse.secret", "RecoveryCodesResponse.recoveryCodes"];

    [Fact]
    public async Task NoResponseSchema_HasACredentialField()
    {
        using var client = app.CreateClient();
        var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var responseSchemas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("responses", out var responses))
                {
                    continue;
                }

                foreach (var response in responses.EnumerateObject())
                {
                    CollectRefs(response.Value, responseSchemas);
                }
            }
        }

        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(responseSchemas);
        while (pending.TryDequeue(out var name))
        {
            if (!reachable.Add(name) || !schemas.TryGetProperty(name, out var schema))
            {
                continue;
            }

            var nested = new HashSet<string>(StringComparer.Ordinal);
            CollectRefs(schema, nested);
            foreach (var child in nested)
            {
                pending.Enqueue(child);
            }
        }

        Assert.Contains("UserProfile", reachable);
        Assert.Contains("AdminUserResponse", reachable);
        var offenders = new List<string>();
        foreach (var name in reachable)
        {
            if (!schemas.TryGetProperty(name, out var schema) || !schema.TryGetProperty("properties", out var properties))
            {
                continue;
            }

            foreach (var property in properties.EnumerateObject())
            {
                var field = property.Name.ToLowerInvariant();
                // A yes/no flag such as passwordResetRequired cannot carry a secret.
                var isFlag = property.Value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "boolean";
                if (isFlag || ShownOnceByDesign.Contains($"{name}.{property.Name}"))
                {
                    continue;
                }

                if (Forbidden.Any(f => field.Contains(f, StringComparison.Ordinal)) || field.EndsWith("secret", StringComparison.Ordinal)
                    || field is "code" or "token" or "refreshcode")
                {
                    offenders.Add($"{name}.{property.Name}");
                }
            }
        }

        // The sign-in response carries tokens by design (that is its purpose); everything else must not.
        offenders.RemoveAll(o => o.StartsWith("LoginResponse.", StringComparison.Ordinal)
                                 && o is "LoginResponse.accessToken" or "LoginResponse.refreshToken" or "LoginResponse.mfaToken");
        Assert.True(offenders.Count == 0, "Response fields that look like credentials: " + string.Join(", ", offenders));
    }

    private static void CollectRefs(JsonElement element, HashSet<string> names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name == "$ref" && property.Value.GetString() is { } reference)
                    {
                        names.Add(reference[(reference.LastIndexOf('/') + 1)..]);
                    }
                    else
                    {
                        CollectRefs(property.Value, names);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectRefs(item, names);
                }

                break;
        }
    }
}
