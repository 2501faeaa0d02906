using static PersonalAssistant.Language.Text.Phrases;

namespace PersonalAssistant.Language.Lexicons;

/// <summary>The French words for changing what exists.</summary>
internal static partial class French
{
    private static ChangeLexicon ChangeWords() => new()
    {
        UpdateVerbs = Groups(
            (0, ["décale", "décaler", "déplace", "déplacer", "change", "changer", "modifie", "modifier", "bouge", "renomme", "tu peux décaler", "peux tu décaler", "tu peux déplacer", "peux tu déplacer",
                "déplace moi", "décale moi"]),
            (1, ["reporte", "reporter", "repousse", "repousser", "recule", "reculer", "retarde", "retarder", "tu peux reporter",
                "peux tu reporter", "reporte moi", "repousse moi"]),
            (-1, ["avance", "avancer", "tu peux avancer", "peux tu avancer"])),
        PassiveChanges = Groups(
            (0, ["est décalé", "est décalée", "a été décalé", "a été décalée", "est déplacé", "est déplacée", "a été déplacé",
                "a été déplacée", "est changé", "est changée", "a changé", "change", "est maintenant", "passe", "est modifié",
                "est modifiée", "a été modifié", "a été modifiée", "décalé", "décalée", "déplacé", "déplacée"]),
            (1, ["est reporté", "est reportée", "a été reporté", "a été reportée", "est repoussé", "est repoussée",
                "a été repoussé", "a été repoussée", "est retardé", "est retardée", "a été retardé", "a été retardée", "reporté",
                "reportée", "repoussé", "repoussée"]),
            (-1, ["est avancé", "est avancée", "a été avancé", "a été avancée", "avancé", "avancée"])),
        Directions = Groups((1, ["plus tard", "en arrière"]), (-1, ["plus tôt", "en avant"])),
        CorrectionCues = Of("plutôt", "finalement", "en fait", "non", "pardon", "je voulais dire", "mets plutôt", "mets", "mets le",
            "mets la", "change pour", "c'est pour", "c'est à", "c'est", "ce sera", "ça sera", "fais plutôt", "fais le", "fais la",
            "disons", "à rendre", "pour", "c'est prévu", "elle est pour", "il est pour", "met", "met le", "met la", "oups"),
        DeleteVerbs = Groups<string?>(
            (null, ["supprime", "supprimer", "efface", "effacer", "annule", "annuler", "enlève", "enlever", "retire", "retirer",
                "vire", "virer", "tu peux supprimer", "peux tu supprimer", "tu peux annuler", "peux tu annuler", "tu peux effacer",
                "tu peux enlever", "supprime moi", "annule moi", "efface moi"]),
            ("reminder", ["arrête de me rappeler", "arrête de me rappeler de", "arrête de me rappeler d'", "ne me rappelle plus",
                "ne me rappelle plus de", "ne me rappelle plus d'", "plus besoin de me rappeler", "plus besoin de me rappeler de",
                "plus besoin de me rappeler d'", "arrête le rappel", "arrête le rappel de", "arrête le rappel pour",
                "stoppe le rappel", "coupe le rappel"])),
        KindWords = Groups(
            ("task", ["tâche", "tâches", "de mes tâches", "de ma liste de tâches", "de la liste de tâches", "de mes trucs à faire",
                "de ma to do", "de ma todo", "de ma liste", "la tâche", "ma tâche"]),
            ("reminder", ["rappel", "rappels", "alarme", "le rappel", "mon rappel"]),
            ("event", ["événement", "évènement", "de mon agenda", "de l'agenda", "du calendrier", "de mon calendrier"]),
            ("note", ["note", "notes", "la note", "ma note"])),
        SnoozeReferences = Of("rappelle le moi", "rappelle la moi", "rappelle moi ça", "redis le moi",
            "rappelle moi encore", "rappelle moi à nouveau", "rappelle moi de nouveau", "relance moi"),
        AlsoStarts = Of("et", "et aussi", "aussi", "ajoute", "rajoute", "plus", "ah et", "oh et"),
        AlsoEnds = Of("aussi", "également", "stp", "svp", "en plus"),
        NewTimeMarkers = Of("à", "a", "pour", "vers"),
        HaveOpeners = Of("j'ai", "j'ai un", "j'ai une", "j'ai mon", "j'ai ma", "on a", "on a un", "on a une", "il y a", "il y a un", "il y a une"),
        ShiftMarkers = Of("de", "d'", "encore", "d'encore"),
        DoneMarks = Of("✅", "✔", "☑", "✓"),
        DoneTails = Of("comme fait", "comme faite", "comme terminé", "comme terminée", "comme fini", "comme finie", "c'est fait", "c'est bon", "ça y est", "c'est réglé", "réglé", "fait", "faite", "enfin"),
        TargetNoise = Of("le", "la", "les", "l'", "mon", "ma", "mes", "un", "une", "du", "des", "de", "d'", "ce", "cette",
            "à", "a", "au", "aux", "pour", "stp", "svp", "ça", "ca", "moi", "en", "et", "dans"),
        MatchStopWords = ["le", "la", "les", "l", "un", "une", "de", "des", "du", "d", "mon", "ma", "mes", "et", "a", "au",
            "aux", "pour", "avec", "chez", "en", "sur", "ce", "cette", "ton", "ta", "tes", "j", "ai", "est", "c", "je", "viens", "enfin"],
        Lemmas = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["fait"] = "faire", ["faite"] = "faire", ["faits"] = "faire", ["fini"] = "finir", ["finie"] = "finir",
            ["sorti"] = "sortir", ["sortie"] = "sortir", ["pris"] = "prendre", ["prise"] = "prendre", ["mis"] = "mettre",
            ["mise"] = "mettre", ["ecrit"] = "ecrire", ["lu"] = "lire", ["rendu"] = "rendre", ["vu"] = "voir", ["repondu"] = "repondre",
            ["parti"] = "partir", ["dit"] = "dire", ["bu"] = "boire", ["recu"] = "recevoir", ["descendu"] = "descendre",
            ["vendu"] = "vendre", ["attendu"] = "attendre", ["ouvert"] = "ouvrir", ["offert"] = "offrir", ["rempli"] = "remplir",
            ["choisi"] = "choisir", ["nourri"] = "nourrir", ["couru"] = "courir", ["eu"] = "avoir", ["ete"] = "etre",
            ["appel"] = "appeler", ["achat"] = "acheter", ["paiement"] = "payer", ["envoi"] = "envoyer", ["lavage"] = "laver",
            ["menage"] = "menage", ["rdv"] = "rendez vous",
        },
        Endings = ["ees", "ee", "es", "er", "ir", "re", "ie", "is", "e", "i", "s"],
        ThirdAnswers = ["troisième", "le troisième", "la troisième", "3e", "3ème"],
        Courtesies = ["stp", "svp", "merci", "vas y", "vas-y", "supprime", "supprime la", "supprime le", "c'est ça", "fais le",
            "allez", "carrément", "bien sûr"],
    };
}
