using PersonalAssistant.Language;
using PersonalAssistant.Server.Common;

namespace PersonalAssistant.Server.Features.Tasks;

/// <summary>
/// Offline task breakdown: a library of concrete steps per kind of task, chosen from the task's words, in English
/// or French. The first step of every kind takes about two minutes, so starting is easy. A task that matches no
/// kind gets a starter sequence built around its own title, never a fixed list.
/// </summary>
internal static class StepLibrary
{
    private sealed record Kind(string Name, (string En, string Fr, int Minutes)[] Steps)
    {
        /// <summary>The words that suggest this kind, from the lexicons (Lexicon.TaskKindWords), folded.</summary>
        public IReadOnlyList<string> Words => LanguageEngine.DefaultKeywords.TaskKindWords[Name];
    }

    private static readonly Kind[] Kinds =
    [
        new("cleaning",
        [
            ("Set a 2-minute timer and put away five things you can see", "Mets un minuteur de 2 minutes et range cinq choses que tu vois", 2),
            ("Get a bag for trash and a box for things that live elsewhere", "Prends un sac pour les déchets et une boîte pour ce qui va ailleurs", 5),
            ("Clear one surface completely", "Libère complètement une seule surface", 10),
            ("Wipe or vacuum just that area", "Essuie ou passe l'aspirateur sur cette zone seulement", 10),
            ("Take the trash out and the box to where its things belong", "Sors le sac et rapporte la boîte là où vont ses objets", 10),
        ]),
        new("paperwork",
        [
            ("Find the form or the website and open it", "Trouve le formulaire ou le site et ouvre-le", 2),
            ("List the documents and numbers it asks for", "Note les documents et numéros demandés", 5),
            ("Gather those documents in one folder", "Rassemble ces documents dans un seul dossier", 15),
            ("Fill in the easy parts first", "Remplis d'abord les parties faciles", 15),
            ("Fill in the rest, then check the dates and amounts", "Remplis le reste, puis vérifie les dates et les montants", 15),
            ("Submit it and save the confirmation", "Envoie-le et garde la confirmation", 5),
        ]),
        new("email",
        [
            ("Open the email thread or a blank message", "Ouvre le fil de discussion ou un nouveau message", 2),
            ("Write one sentence that says what you need", "Écris une phrase qui dit ce dont tu as besoin", 3),
            ("Add the details or answers they need", "Ajoute les détails ou réponses nécessaires", 10),
            ("Read it once, fix what matters, not everything", "Relis une fois, corrige l'essentiel, pas tout", 3),
            ("Send it", "Envoie-le", 1),
        ]),
        new("call",
        [
            ("Find the phone number and put it on screen", "Trouve le numéro et affiche-le", 2),
            ("Write the two things you need to say or ask", "Écris les deux choses à dire ou demander", 3),
            ("Have your calendar and any reference numbers ready", "Prépare ton agenda et les numéros de référence", 3),
            ("Make the call (voicemail counts)", "Passe l'appel (un message vocal compte)", 10),
            ("Write down what was decided", "Note ce qui a été décidé", 2),
        ]),
        new("writing",
        [
            ("Open a blank document and give it a title", "Ouvre un document vide et donne-lui un titre", 2),
            ("Write the three points you want to make, messy is fine", "Écris les trois idées principales, même en vrac", 10),
            ("Turn them into headings", "Transforme-les en intertitres", 5),
            ("Write the easiest section first", "Rédige d'abord la partie la plus facile", 25),
            ("Write the next section", "Rédige la partie suivante", 25),
            ("Read it through once and fix the big things", "Relis une fois et corrige les gros points", 15),
        ]),
        new("errands",
        [
            ("Write the list of what to get or drop off", "Écris la liste de ce qu'il faut prendre ou déposer", 2),
            ("Put the things to bring by the door", "Pose ce qu'il faut emporter près de la porte", 3),
            ("Check opening hours and plan the order of stops", "Vérifie les horaires et l'ordre des arrêts", 5),
            ("Go: first stop", "Vas-y : premier arrêt", 20),
            ("Put everything away when you get back", "Range tout en rentrant", 10),
        ]),
        new("studying",
        [
            ("Open the notes or book at the right page", "Ouvre les notes ou le livre à la bonne page", 2),
            ("Write down what the next session must cover", "Note ce que la prochaine séance doit couvrir", 5),
            ("Study for 20 minutes, phone in another room", "Travaille 20 minutes, téléphone dans une autre pièce", 20),
            ("Take a 5-minute break", "Fais une pause de 5 minutes", 5),
            ("Test yourself on three questions", "Teste-toi sur trois questions", 10),
        ]),
        new("cooking",
        [
            ("Pick the recipe and open it", "Choisis la recette et ouvre-la", 2),
            ("Check what you have and what is missing", "Vérifie ce que tu as et ce qui manque", 5),
            ("Get out the pans and the ingredients", "Sors les casseroles et les ingrédients", 5),
            ("Prep: wash, chop, measure", "Prépare : lave, coupe, mesure", 15),
            ("Cook, with a timer on", "Cuisine, avec un minuteur", 25),
            ("Soak or load the dishes right away", "Fais tremper ou mets la vaisselle en machine tout de suite", 5),
        ]),
        new("moving",
        [
            ("Label one box with the room it belongs to", "Étiquette un carton avec sa pièce", 2),
            ("Fill that box with things you won't need this week", "Remplis ce carton de choses inutiles cette semaine", 15),
            ("List the rooms and the big jobs left", "Liste les pièces et les gros travaux restants", 10),
            ("Book or confirm the help and the dates", "Réserve ou confirme l'aide et les dates", 10),
            ("Pack one more box, then stop for today", "Remplis un autre carton, puis arrête pour aujourd'hui", 15),
        ]),
        new("money",
        [
            ("Log in to the bank or open the bill", "Connecte-toi à la banque ou ouvre la facture", 2),
            ("Check the amount and the due date", "Vérifie le montant et l'échéance", 3),
            ("Make the payment or the transfer", "Fais le paiement ou le virement", 5),
            ("Save the receipt where you'll find it", "Garde le reçu là où tu le retrouveras", 3),
        ]),
    ];

    /// <summary>The kind of task its words say (cleaning, paperwork, ...), or "general".</summary>
    public static string KindOf(string title, string? notes) => Match(title, notes)?.Name ?? General;

    public static (string Kind, IReadOnlyList<BreakdownStep> Steps) StepsFor(string title, string? notes, string locale)
    {
        ArgumentNullException.ThrowIfNull(title);
        var french = string.Equals(locale, "fr", StringComparison.OrdinalIgnoreCase);
        if (Match(title, notes) is { } best)
        {
            return (best.Name, best.Steps.Select(s => new BreakdownStep(french ? s.Fr : s.En, s.Minutes)).ToList());
        }

        var subject = title.Trim().TrimEnd('.', '!');
        IReadOnlyList<BreakdownStep> starter = french
            ?
            [
                new($"Écris en une phrase à quoi ressemble « {subject} » une fois fini", 2),
                new("Rassemble ce qu'il te faut au même endroit", 5),
                new("Fais la toute première action concrète", 10),
                new("Avance 15 minutes, puis fais une pause", 15),
                new("Note où tu t'es arrêté et la prochaine action", 2),
            ]
            :
            [
                new($"Write one sentence on what \"{subject}\" looks like when it's done", 2),
                new("Gather what you need in one place", 5),
                new("Do the very first physical action", 10),
                new("Work on it for 15 minutes, then take a break", 15),
                new("Write down where you stopped and the next action", 2),
            ];
        return (General, starter);
    }

    private const string General = "general";

    /// <summary>The kind whose words the task uses most, if any.</summary>
    private static Kind? Match(string title, string? notes)
    {
        ArgumentNullException.ThrowIfNull(title);
        var text = " " + TextKeys.Fold(title + " " + notes) + " ";
        return Kinds
            .Select(kind => (kind, score: kind.Words.Count(word => text.Contains(" " + TextKeys.Fold(word) + " ", StringComparison.Ordinal))))
            .Where(x => x.score > 0)
            .OrderByDescending(x => x.score)
            .Select(x => x.kind)
            .FirstOrDefault();
    }
}
