using System.Net;

namespace PersonalAssistant.Server.Tests.Infrastructure;

/// <summary>Reads the Prometheus scrape at <c>/metrics</c>.</summary>
internal static class MetricsScrape
{
    /// <summary>
    /// Scrapes until every name appears, for up to ten seconds: the exporter caches a scrape for 300 ms (another test may
    /// have taken it first) and some measurements are recorded as a request ends, after the client has its answer.
    /// </summary>
    public static async Task<string> UntilAsync(HttpClient client, params string[] names)
    {
        var text = string.Empty;
        for (var attempt = 0; attempt < 50 && !names.All(name => text.Contains(name, StringComparison.Ordinal)); attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(200);
            }

            using var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            text = await response.Content.ReadAsStringAsync();
        }

        return text;
    }
}
