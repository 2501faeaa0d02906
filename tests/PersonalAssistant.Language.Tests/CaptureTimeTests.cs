using static PersonalAssistant.Language.Tests.Parsing;

namespace PersonalAssistant.Language.Tests;

/// <summary>Recurrences, morning-or-evening, clock changes and vague days, in both languages (issue 15).</summary>
public sealed class CaptureTimeTests
{
    private const string Now = "2026-11-18T14:00:00"; // a Wednesday

    [Theory]
    [InlineData("remind me to take vitamins every morning at 7", "en", "FREQ=DAILY;BYHOUR=7;BYMINUTE=0")]
    [InlineData("remind me to water plants every evening at 6", "en", "FREQ=DAILY;BYHOUR=18;BYMINUTE=0")]
    [InlineData("tous les matins a 7h30 prendre les médicaments", "fr", "FREQ=DAILY;BYHOUR=7;BYMINUTE=30")]
    [InlineData("standup every weekday at 9am", "en", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0")]
    [InlineData("yoga du lundi au vendredi à 7h30", "fr", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=7;BYMINUTE=30")]
    [InlineData("yoga on the second tuesday of every month at 6pm", "en", "FREQ=MONTHLY;BYDAY=2TU;BYHOUR=18;BYMINUTE=0")]
    [InlineData("yoga le deuxième mardi de chaque mois à 18h", "fr", "FREQ=MONTHLY;BYDAY=2TU;BYHOUR=18;BYMINUTE=0")]
    [InlineData("choir the first thursday of each month at 7pm", "en", "FREQ=MONTHLY;BYDAY=1TH;BYHOUR=19;BYMINUTE=0")]
    [InlineData("arroser les plantes un jeudi sur deux à 18h", "fr", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH;BYHOUR=18;BYMINUTE=0")]
    [InlineData("sortir le recyclage une semaine sur deux", "fr", "FREQ=WEEKLY;INTERVAL=2")]
    [InlineData("remind me to stretch every 3 hours", "en", "FREQ=DAILY;BYHOUR=8,11,14,17,20;BYMINUTE=0")]
    [InlineData("rappelle-moi de m'étirer toutes les 3 heures", "fr", "FREQ=DAILY;BYHOUR=8,11,14,17,20;BYMINUTE=0")]
    public void Recurrences_AreRules_WithoutAskingMorningOrEvening(string text, string language, string rule)
    {
        var action = First(text, Now, "Europe/Paris", language);

        Assert.Equal(rule, action.RRule);
        Assert.False(action.Ambiguous);
    }

    [Fact]
    public void TheNthWeekday_StartsOnItsFirstOccurrence()
    {
        Assert.Equal("2026-12-08T18:00:00+01:00", First("yoga le deuxième mardi de chaque mois à 18h", Now, "Europe/Paris", "fr").When?.ToString());
        Assert.Equal("sortir les poubelles", First("sortir les poubelles un mardi sur deux à 19h", Now, "Europe/Paris", "fr").Title);
    }

    [Theory]
    [InlineData("rappelle-moi d'appeler Paul à 4 heures")]
    [InlineData("rappelle-moi à 7h de sortir le chien")]
    [InlineData("rappelle moi a 3h de rappeler la banque")]
    [InlineData("remind me to call grandma at 4")]
    public void AnHourThatCouldBeMorningOrEvening_Asks_InBothLanguages(string text)
    {
        var action = First(text, Now, "Europe/Paris", language: null);

        Assert.True(action.Ambiguous);
        Assert.Equal(2, action.Alternatives.Count);
    }

    [Theory]
    [InlineData("rappelle-moi à 17h d'appeler Paul", "2026-11-18T17:00:00+01:00")]
    [InlineData("rappelle-moi à 6h du matin de partir", "2026-11-19T06:00:00+01:00")]
    [InlineData("rappelle-moi à 5 heures du soir d'appeler Paul", "2026-11-18T17:00:00+01:00")]
    [InlineData("rappelle-moi ce soir à 9h de fermer le garage", "2026-11-18T21:00:00+01:00")]
    [InlineData("rappelle-moi ce soir à 8h de fermer les volets", "2026-11-18T20:00:00+01:00")]
    [InlineData("rappelle-moi à 10h d'appeler Paul", "2026-11-19T10:00:00+01:00")]
    [InlineData("rappelle-moi de payer la cantine demain à 8h", "2026-11-19T08:00:00+01:00")]
    [InlineData("payer l'abonnement internet le 10 de chaque mois à 8h", "2026-12-10T08:00:00+01:00")]
    [InlineData("dîner demain soir à 8h30", "2026-11-19T20:30:00+01:00")]
    public void AnHourThatSaysItsHalfOfTheDay_DoesNotAsk(string text, string when)
    {
        var action = First(text, Now, "Europe/Paris", "fr");

        Assert.False(action.Ambiguous);
        Assert.Equal(when, action.When?.ToString());
    }

    [Theory]
    [InlineData("remind me on march 14 at 2:30am to check the heater", "en", "America/New_York", "2027-03-14T02:30")]
    [InlineData("remind me to take my pills at 1:15am on march 28", "en", "Europe/London", "2027-03-28T01:15")]
    [InlineData("rappelle-moi le 28 mars à 2h30 de vérifier le serveur", "fr", "Europe/Paris", "2027-03-28T02:30")]
    public void ATimeSkippedByTheClockChange_IsReported(string text, string language, string zone, string said)
    {
        var action = First(text, Now, zone, language);

        Assert.Equal(said, action.SkippedTime?.ToString("uuuu-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(action.When?.Instant?.LocalDateTime > action.SkippedTime);
    }

    [Theory]
    [InlineData("my flight is november 7 at 1:30am", "flight", "2027-11-07T01:30:00-04:00")]
    [InlineData("my flight home is november 7 at 1:45am", "flight home", "2027-11-07T01:45:00-04:00")]
    [InlineData("my dentist appointment is november 7 at 1:15am", "dentist appointment", "2027-11-07T01:15:00-04:00")]
    public void ARepeatedTime_TakesTheFirst_AndTheTitleLosesMyAndIs(string text, string title, string when)
    {
        var action = First(text, Now, "America/New_York");

        Assert.Equal((title, when), (action.Title, action.When?.ToString()));
        Assert.Null(action.SkippedTime);
    }

    [Theory]
    [InlineData("book a massage sometime next week", "en", "2026-11-23")]
    [InlineData("la semaine prochaine, réserver le restaurant", "fr", "2026-11-23")]
    [InlineData("ce matin je dois appeler la banque", "fr", "2026-11-18")]
    [InlineData("demain soir, penser à sortir les poubelles", "fr", "2026-11-19")]
    [InlineData("ce soir je dois rappeler Léa", "fr", "2026-11-18")]
    public void VagueDays_AreCaptured_OnTheirDay(string text, string language, string day)
    {
        var action = First(text, Now, "Europe/Paris", language);

        Assert.NotEqual(Intents.Chat, action.Intent);
        Assert.Equal(day, action.When?.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("week", action.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("semaine", action.Title, StringComparison.Ordinal);
    }
}
