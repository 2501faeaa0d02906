using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Tests.Common;

public sealed class TextKeysTests
{
    [Theory]
    [InlineData("Œufs, bio!", "oeufs bio")]
    [InlineData("  Call MOM -- tomorrow  ", "call mom tomorrow")]
    [InlineData("Réunion à l'école", "reunion a l ecole")]
    [InlineData("...", "")]
    [InlineData("", "")]
    public void Fold_LowersAndDropsAccentsAndPunctuation(string text, string folded) =>
        Assert.Equal(folded, TextKeys.Fold(text));
}
