using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Tests.Common;

public sealed class IdsTests
{
    [Fact]
    public void NewV7_IsAVersion7Id_ThatStartsWithItsMillisecond()
    {
        var at = new DateTimeOffset(2026, 12, 4, 17, 0, 0, 123, TimeSpan.Zero);

        var id = Ids.NewV7(at);
        var text = id.ToString("N");

        Assert.Equal(7, id.Version);
        Assert.InRange(id.Variant, 0x8, 0xB);
        Assert.Equal(at.ToUnixTimeMilliseconds().ToString("x12", System.Globalization.CultureInfo.InvariantCulture), text[..12]);
    }

    [Fact]
    public void NewV7_SortsByTime_AndDoesNotRepeat_AcrossThreads()
    {
        var earlier = Ids.NewV7(DateTimeOffset.UtcNow.AddSeconds(-1));
        var ids = new System.Collections.Concurrent.ConcurrentBag<Guid>();

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                ids.Add(Ids.NewV7());
            }
        });

        Assert.Equal(40_000, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(earlier.CompareTo(id) < 0 && string.CompareOrdinal(earlier.ToString(), id.ToString()) < 0));
    }
}
