using PersonalAssistant.Server.Features.Notes;

namespace PersonalAssistant.Server.Tests.Features.Resources;

public sealed class NoteRankingTests
{
    [Fact]
    public void NoteRanking_KeepsNotesWithEveryWordAsAPrefix_BestFirst()
    {
        var once = new Note { Title = "Boiler", Body = "The plumber came about the valve." };
        var often = new Note { Title = "Plumber", Body = "Plumber again, plumbing and the valve." };
        var without = new Note { Title = "Valve", Body = "Nothing else." };
        var ranking = new NoteRanking(["plumb", "valve"]);
        foreach (var note in new[] { once, often, without })
        {
            ranking.Add(note);
        }

        Assert.Equal([often, once], ranking.Ranked());
    }
}
