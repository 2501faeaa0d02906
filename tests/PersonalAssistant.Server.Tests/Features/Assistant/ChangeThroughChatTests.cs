using System.Net;
using System.Text.Json;
using PersonalAssistant.Server.Tests.Infrastructure;
using static PersonalAssistant.Server.Tests.Features.Assistant.Chat;

namespace PersonalAssistant.Server.Tests.Features.Assistant;

/// <summary>
/// Issue 15, through the real chat with the offline engine: a message that changes something changes the existing
/// item (moved, deleted after a yes, completed, snoozed), never creates a new one titled "move the dentist". The
/// account is in Toronto; the test clock is Wednesday 2026-11-18 9:00 there.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ChangeThroughChatTests(AssistantApp app) : IClassFixture<AssistantApp>
{
    [Theory]
    [InlineData("dentist", "tuesday at 2:30pm", "move the dentist to friday", "2026-11-20T14:30")]
    [InlineData("dentist", "tuesday at 2:30pm", "can you reschedule my dentist to thursday please", "2026-11-19T14:30")]
    [InlineData("dentist", "tuesday at 2:30pm", "move dentist to friday at 4pm", "2026-11-20T16:00")]
    [InlineData("dentsit appointment", "tuesday at 2:30pm", "push the dentist appointment to monday", "2026-11-23T14:30")]
    [InlineData("team lunch", "friday at noon", "the team lunch got pushed back an hour", "2026-11-20T13:00")]
    [InlineData("team lunch", "friday at noon", "team lunch was moved to 1pm", "2026-11-20T13:00")]
    [InlineData("team lunch", "friday at noon", "move the team lunch 30 minutes earlier", "2026-11-20T11:30")]
    [InlineData("coiffeur", "mardi à 10h", "décale le coiffeur à jeudi", "2026-11-19T10:00")]
    [InlineData("coiffeur", "mardi à 10h", "tu peux déplacer le coiffeur à vendredi stp", "2026-11-20T10:00")]
    [InlineData("coiffeur", "mardi à 10h", "deplace coiffeur a jeudi 15h", "2026-11-19T15:00")]
    [InlineData("dîner chez Paul", "samedi à 20h", "le dîner chez Paul est décalé à 21h", "2026-11-21T21:00")]
    [InlineData("dîner chez Paul", "samedi à 20h", "le diner chez paul a été repoussé d'une heure", "2026-11-21T21:00")]
    [InlineData("dîner chez Paul", "samedi à 20h", "avance le dîner chez Paul à 19h", "2026-11-21T19:00")]
    public async Task AnEvent_IsMoved_NotCreated(string title, string start, string message, string expected)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "events", new { title, start });

        var reply = await SayAsync(client, conversation, message);

        var item = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}");
        Assert.StartsWith(expected, item.GetProperty("start").GetString(), StringComparison.Ordinal);
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2026-11-01T00:00:00Z&to=2026-12-31T00:00:00Z")).EnumerateArray());
        Assert.Contains(title, Text(reply), StringComparison.Ordinal);
        Assert.Contains("item.updated", Actions(reply).Select(a => a.Kind));
    }

    [Theory]
    [InlineData("call mom", "push call mom to tomorrow", "2026-11-19")]
    [InlineData("call mom", "move the call mom task to friday", "2026-11-20")]
    [InlineData("call mom", "postpone calling mom until monday", "2026-11-23")]
    [InlineData("appeler la banque", "reporte l'appel à la banque à demain", "2026-11-19")]
    [InlineData("appeler la banque", "décale appeler la banque à vendredi", "2026-11-20")]
    [InlineData("appeler la banque", "repousse la tâche appeler la banque à lundi", "2026-11-23")]
    public async Task ATaskDue_IsMoved(string title, string message, string expected)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "tasks", new { title, due = "2026-11-18" });

        await SayAsync(client, conversation, message);

        var task = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}");
        Assert.Equal(expected, task.GetProperty("dueDate").GetString());
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("water the plants", "change the plants reminder to 11am", "11:00")]
    [InlineData("water the plants", "move the watering plants reminder to 11", "11:00")]
    [InlineData("water the plants", "can you change the reminder for the plants to 10:30am", "10:30")]
    [InlineData("prendre rdv chez le vétérinaire", "avance le rappel du vétérinaire à 8h", "08:00")]
    [InlineData("prendre rdv chez le vétérinaire", "décale le rappel pour le vétérinaire à 11h", "11:00")]
    [InlineData("prendre rdv chez le vétérinaire", "change le rappel du veterinaire pour 8h30", "08:30")]
    public async Task AReminder_KeepsItsDay_WhenOnlyATimeIsSaid(string text, string message, string expected)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "reminders", new { text, when = "2026-11-19T09:00" });

        await SayAsync(client, conversation, message);

        var reminder = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{id}");
        Assert.StartsWith("2026-11-19T" + expected, reminder.GetProperty("when").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("remind me to call the pharmacy tomorrow at 3pm", "actually make it 4pm instead", "2026-11-19T16:00")]
    [InlineData("remind me to call Alex tomorrow", "make it 10am", "2026-11-19T10:00")]
    [InlineData("remind me to call Alex tomorrow at 9am", "change it to 11", "2026-11-19T11:00")]
    [InlineData("remind me to call Alex tomorrow at 9am", "no wait, friday", "2026-11-20T09:00")]
    [InlineData("rappelle-moi d'appeler la mairie demain à 10h", "finalement mets plutôt 11h", "2026-11-19T11:00")]
    [InlineData("rappelle-moi d'appeler Léa demain", "plutôt à 18h", "2026-11-19T18:00")]
    [InlineData("rappelle-moi d'appeler Léa demain à 9h", "en fait mets-le vendredi", "2026-11-20T09:00")]
    [InlineData("rappelle moi d'appeler Léa demain a 9h", "non plutot 10h", "2026-11-19T10:00")]
    public async Task ACorrection_ChangesTheReminderJustCreated(string first, string correction, string expected)
    {
        var (client, conversation) = await StartAsync();
        await SayAsync(client, conversation, first);

        await SayAsync(client, conversation, correction);

        var reminders = (await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("items").EnumerateArray().ToList();
        var reminder = Assert.Single(reminders);
        Assert.StartsWith(expected, reminder.GetProperty("when").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dentist thursday at 2pm", "actually move it to 3", "2026-11-19T15:00")]
    [InlineData("dentist thursday at 2pm", "make it 4pm", "2026-11-19T16:00")]
    [InlineData("dentist thursday at 2pm", "move it to friday", "2026-11-20T14:00")]
    [InlineData("j'ai un rdv chez l'ostéo mardi à 10h", "mets-le à 11h", "2026-11-24T11:00")]
    [InlineData("j'ai un rdv chez l'ostéo mardi à 10h", "décale-le à jeudi", "2026-11-19T10:00")]
    [InlineData("rdv chez l'ostéo mardi à 10h", "finalement plutôt 9h", "2026-11-24T09:00")]
    public async Task ACorrection_ChangesTheEventJustCreated(string first, string correction, string expected)
    {
        var (client, conversation) = await StartAsync();
        await SayAsync(client, conversation, first);

        await SayAsync(client, conversation, correction);

        var events = (await client.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2026-11-01T00:00:00Z&to=2026-12-31T00:00:00Z")).EnumerateArray().ToList();
        Assert.StartsWith(expected, Assert.Single(events).GetProperty("start").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("buy a birthday gift for Sam", "it's due friday", "2026-11-20")]
    [InlineData("buy a birthday gift for Sam", "due monday", "2026-11-23")]
    [InlineData("acheter un cadeau pour Sam", "c'est pour vendredi", "2026-11-20")]
    public async Task ADueDate_IsGivenToTheTaskJustCreated(string first, string correction, string expected)
    {
        var (client, conversation) = await StartAsync();
        await SayAsync(client, conversation, first);

        await SayAsync(client, conversation, correction);

        var task = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(expected, task.GetProperty("dueDate").GetString());
    }

    [Theory]
    [InlineData("tasks", "call mom", "delete the call mom task", "yes", "Delete the task \"call mom\"? (yes/no)")]
    [InlineData("tasks", "call mom", "please remove call mom from my tasks", "yes please", "Delete the task \"call mom\"? (yes/no)")]
    [InlineData("tasks", "call mom", "get rid of the call mom task", "ok", "Delete the task \"call mom\"? (yes/no)")]
    [InlineData("tasks", "appeler la banque", "supprime la tâche appeler la banque", "oui", "Supprimer la tâche « appeler la banque » ? (oui/non)")]
    [InlineData("tasks", "ranger la cave", "enlève ranger la cave de mes tâches", "ouais vas-y", "Supprimer la tâche « ranger la cave » ? (oui/non)")]
    [InlineData("tasks", "ranger la cave", "efface la tache ranger la cave", "oui stp", "Supprimer la tâche « ranger la cave » ? (oui/non)")]
    [InlineData("notes", "idées cadeaux", "efface la note idées cadeaux", "oui", "Supprimer la note « idées cadeaux » ? (oui/non)")]
    [InlineData("notes", "gift ideas", "delete my gift ideas note", "yes", "Delete the note \"gift ideas\"? (yes/no)")]
    public async Task ADelete_AsksNamingTheItem_AndYesDeletesIt(string feature, string title, string message, string yes, string question)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, feature, feature == "notes" ? new { title, body = "a book" } : new { title });
        await CreateAsync(client, feature, feature == "notes" ? new { title = "wifi", body = "on the router" } : new { title = "buy stamps" });

        var asked = await SayAsync(client, conversation, message);
        Assert.Equal(question, Text(asked));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/{feature}/{id}")).StatusCode);

        await SayAsync(client, conversation, yes);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/{feature}/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("clean the garage", "remove the clean the garage task", "no")]
    [InlineData("clean the garage", "delete clean the garage", "no thanks")]
    [InlineData("nettoyer le garage", "supprime nettoyer le garage", "non")]
    [InlineData("nettoyer le garage", "enlève la tâche nettoyer le garage", "non merci")]
    public async Task ADelete_AnsweredNo_KeepsTheItem(string title, string message, string no)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "tasks", new { title });

        await SayAsync(client, conversation, message);
        await SayAsync(client, conversation, no);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/tasks/{id}")).StatusCode);
        Assert.Equal(1, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("dentist appointment", "cancel my dentist appointment", "yes please")]
    [InlineData("dentist appointment", "delete the dentist appointment from my calendar", "yes")]
    [InlineData("rendez-vous chez le dentiste", "annule le rendez-vous chez le dentiste", "oui")]
    [InlineData("rendez-vous chez le dentiste", "supprime mon rdv chez le dentiste", "oui")]
    public async Task AnEvent_IsCancelled_AfterAYes(string title, string message, string yes)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "events", new { title, start = "saturday at 10am" });
        var other = await CreateAsync(client, "events", new { title = "yoga class", start = "saturday at 6pm" });

        await SayAsync(client, conversation, message);
        await SayAsync(client, conversation, yes);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/events/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/events/{other}")).StatusCode);
    }

    [Theory]
    [InlineData("take the meds", "stop reminding me about the meds", "yes")]
    [InlineData("take the meds", "stop reminding me to take the meds", "yep")]
    [InlineData("prendre les médicaments", "arrête de me rappeler de prendre les médicaments", "oui")]
    [InlineData("prendre les médicaments", "ne me rappelle plus les médicaments", "ouais")]
    public async Task ARepeatingReminder_IsStopped_AfterAYes(string text, string message, string yes)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "reminders", new { text, when = "2026-11-19T08:00", rrule = "FREQ=DAILY" });

        await SayAsync(client, conversation, message);
        await SayAsync(client, conversation, yes);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/reminders/{id}")).StatusCode);
    }

    [Fact]
    public async Task Undo_PutsBackAMovedAndADeletedItem()
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "events", new { title = "dentist", start = "tuesday at 2:30pm" });

        await SayAsync(client, conversation, "move the dentist to friday");
        Assert.StartsWith("Undone", Text(await SayAsync(client, conversation, "undo")), StringComparison.Ordinal);
        var item = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{id}");
        Assert.StartsWith("2026-11-24T14:30", item.GetProperty("start").GetString(), StringComparison.Ordinal);

        await SayAsync(client, conversation, "delete the dentist");
        await SayAsync(client, conversation, "yes");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/events/{id}")).StatusCode);
        await SayAsync(client, conversation, "undo");
        var back = (await client.GetFromJsonAsync<JsonElement>("/api/v1/events?from=2026-11-01T00:00:00Z&to=2026-12-31T00:00:00Z")).EnumerateArray().ToList();
        Assert.Equal("dentist", Assert.Single(back).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("dentist", "move the dentist to friday", "the second one", "2026-11-20T09:00")]
    [InlineData("dentist", "move the dentist to friday", "2", "2026-11-20T09:00")]
    [InlineData("dentiste", "décale le dentiste à vendredi", "le deuxième", "2026-11-20T09:00")]
    public async Task TwoItemsThatFit_AreOfferedByNumber(string title, string message, string answer, string expected)
    {
        var (client, conversation) = await StartAsync();
        await CreateAsync(client, "events", new { title = title + " Sam", start = "tuesday at 2:30pm" });
        var second = await CreateAsync(client, "events", new { title = title + " Léa", start = "2026-11-26T09:00" });

        var asked = await SayAsync(client, conversation, message);
        Assert.Contains("1. ", Text(asked), StringComparison.Ordinal);
        Assert.Contains("2. ", Text(asked), StringComparison.Ordinal);

        await SayAsync(client, conversation, answer);
        var item = await client.GetFromJsonAsync<JsonElement>($"/api/v1/events/{second}");
        Assert.StartsWith(expected, item.GetProperty("start").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("do the laundry", "done with the laundry")]
    [InlineData("call the landlord", "called the landlord, that's done")]
    [InlineData("call the landlord", "just called the landlord ✅")]
    [InlineData("finish the report", "just finished the report!!")]
    [InlineData("finish the report", "report finished, that's done")]
    [InlineData("faire la lessive", "c'est bon j'ai fini la lessive")]
    [InlineData("faire la lessive", "lessive faite ✅")]
    [InlineData("payer le loyer", "loyer payé ✅")]
    [InlineData("payer le loyer", "j'ai payé le loyer, c'est fait")]
    [InlineData("envoyer le dossier CAF", "marque le dossier CAF comme fait")]
    [InlineData("envoyer le dossier CAF", "dossier caf envoyé ✔")]
    [InlineData("sortir le chien", "c'est fait, j'ai sorti le chien")]
    public async Task ATaskToldDone_IsCompleted_NotAnother(string title, string message)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "tasks", new { title });
        var other = await CreateAsync(client, "tasks", new { title = "appeler la CAF" });

        await SayAsync(client, conversation, message);

        Assert.Equal("done", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}")).GetProperty("status").GetString());
        Assert.Equal("open", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{other}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("what should I do now?", "I finished it")]
    [InlineData("what should I do now?", "done!")]
    [InlineData("je fais quoi maintenant ?", "j'ai fini")]
    [InlineData("je fais quoi maintenant ?", "c'est fait")]
    public async Task TheSuggestedTask_IsCompletedByReference(string ask, string done)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "tasks", new { title = "water the plants", due = "2026-11-18" });

        await SayAsync(client, conversation, ask);
        await SayAsync(client, conversation, done);

        Assert.Equal("done", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{id}")).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("snooze that 10 minutes", null, 10)]
    [InlineData("remind me again in 15 minutes", null, 15)]
    [InlineData("snooze the stretch reminder for half an hour", "stretch", 30)]
    [InlineData("reporte ça de 10 minutes", null, 10)]
    [InlineData("rappelle-le-moi dans 15 minutes", null, 15)]
    [InlineData("repousse le rappel des étirements d'une demi-heure", "stretch", 30)]
    public async Task AReminderDueNow_IsSnoozed(string message, string? named, int minutes)
    {
        var (client, conversation) = await StartAsync();
        var id = await CreateAsync(client, "reminders", new { text = named is null ? "take the laundry out" : "stretch étirements", when = "in 1 minute" });
        await CreateAsync(client, "reminders", new { text = "call the bank", when = "2026-11-19T10:00" });

        await SayAsync(client, conversation, message);

        var reminder = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reminders/{id}");
        var at = reminder.GetProperty("nextAt").GetDateTimeOffset();
        var expected = app.Clock.GetUtcNow().AddMinutes(minutes);
        Assert.InRange(at, expected.AddMinutes(-1), expected.AddMinutes(2));
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("add milk to the grocery list", "and eggs too", "eggs")]
    [InlineData("add milk to the grocery list", "oh and bread as well", "bread")]
    [InlineData("ajoute du beurre à la liste de courses", "et de la farine aussi", "farine")]
    [InlineData("ajoute du beurre à la liste de courses", "et du sucre aussi stp", "sucre")]
    public async Task AnAddition_GoesOnTheListJustUsed(string first, string more, string item)
    {
        var (client, conversation) = await StartAsync();
        await SayAsync(client, conversation, first);

        var reply = await SayAsync(client, conversation, more);

        Assert.Contains(item, Text(reply), StringComparison.Ordinal);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("move the dentist to friday")]
    [InlineData("make it 10am")]
    [InlineData("décale le coiffeur à jeudi")]
    [InlineData("mets-le à 11h")]
    [InlineData("delete the call mom task")]
    public async Task AChangeOfNothing_CreatesNothing(string message)
    {
        var (client, conversation) = await StartAsync();

        var reply = await SayAsync(client, conversation, message);

        Assert.Empty(Actions(reply));
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/tasks")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/v1/reminders")).GetProperty("total").GetInt32());
    }

    private async Task<(HttpClient Client, Guid Conversation)> StartAsync()
    {
        var user = await Accounts.RegisterAndLoginAsync(app);
        var client = user.Client(app);
        return (client, await Chat.StartAsync(client));
    }

    private static async Task<Guid> CreateAsync(HttpClient client, string feature, object body)
    {
        using var created = await client.PostAsJsonAsync($"/api/v1/{feature}", body);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
