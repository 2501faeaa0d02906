using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;

namespace PersonalAssistant.Server.Tests.Features.Auth;

/// <summary>Only addresses mail servers deliver to, one account per normalised address.</summary>
[Trait("Category", "Integration")]
public sealed class EmailAddressTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Theory]
    [InlineData("a@b")]
    [InlineData("b\u043eb@b.test")]
    [InlineData("\"a\"@[127.0.0.1]")]
    [InlineData("\"a b\"@b.test")]
    [InlineData("a@[127.0.0.1]")]
    [InlineData("a@1.2.3.4")]
    [InlineData("a\u200b@b.test")]
    public async Task Register_RefusesAnAddressMailCannotSafelyReach_NamingEmail(string email)
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email, password = Accounts.StrongPassword, displayName = "Odd" });

        await ProblemAssertions.AssertFieldErrorAsync(response, "email");
    }

    [Fact]
    public async Task Register_AddressWithNul_IsRefusedAtTheEdge_NamingEmail()
    {
        using var client = app.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/v1/auth/register",
            new { email = "bob@b.test\u0000", password = Accounts.StrongPassword, displayName = "Odd" });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("$.email", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_IdnDomain_IsStoredInAsciiForm_AsOneAccount()
    {
        var local = $"idn-{Guid.NewGuid():N}";
        var user = await Accounts.RegisterAndLoginAsync(app, $"{local}@bücher.test", confirmEmail: false);

        using var client = user.Client(app);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/users/me");
        Assert.Equal($"{local}@xn--bcher-kva.test", me.GetProperty("email").GetString());

        using var anonymous = app.CreateClient();
        using var again = await anonymous.PostAsJsonAsync("/api/v1/auth/register",
            new { email = $"{local}@XN--BCHER-KVA.test", password = "another fresh phrase 12", displayName = "Twin" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("tried to create an account", await Accounts.LatestOutboxBodyAsync(app, $"{local}@xn--bcher-kva.test"), StringComparison.Ordinal);
        await Accounts.LoginAsync(app, $"{local}@xn--bcher-kva.test", user.Password, user.Id);
    }
}
