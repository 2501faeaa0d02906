using PersonalAssistant.Server.Audit;

namespace PersonalAssistant.Server.Tests.Audit;

/// <summary>Audit details are stored as a code and values, read back whole, and never cut in the middle of a value.</summary>
public sealed class AuditDetailTests
{
    [Fact]
    public void ADetail_IsStoredAsACodeAndValues_AndReadBack()
    {
        var stored = AuditDetail.Of(AuditDetails.Roles, "premium", "administrator").ToStored();

        Assert.Equal("""["roles","premium","administrator"]""", stored);
        var read = AuditDetail.FromStored(stored)!;
        Assert.Equal(AuditDetails.Roles, read.Kind);
        Assert.Equal(["premium", "administrator"], read.Values);
    }

    [Fact]
    public void ValuesThatDoNotFit_AreLeftOutWhole()
    {
        var values = Enumerable.Range(0, 40).Select(i => $"value-{i:D2}").ToList();

        var stored = AuditDetail.Of(AuditDetails.Changes, values).ToStored();

        Assert.True(stored.Length <= AuditDetail.MaxStoredLength, stored);
        var read = AuditDetail.FromStored(stored)!;
        Assert.Equal(values.Take(read.Values.Count), read.Values);
        Assert.InRange(read.Values.Count, 10, 39);
    }

    [Theory]
    [InlineData("wrong password")]
    [InlineData("[not json")]
    [InlineData("""["a code this version does not know"]""")]
    public void ARowWrittenBeforeCodes_ComesBackAsANoteWithItsText(string stored)
    {
        var read = AuditDetail.FromStored(stored)!;

        Assert.Equal(AuditDetails.Note, read.Kind);
        Assert.Equal([stored], read.Values);
    }

    [Fact]
    public void NoDetail_StaysNone() => Assert.Null(AuditDetail.FromStored(null));
}
