using NodaTime;
using static PersonalAssistant.Language.Text.Phrases;

namespace PersonalAssistant.Language.Lexicons;

/// <summary>The French tables (France and Québec usage). Accents are optional: tables and messages are folded alike.</summary>
internal static class French
{
    public static Lexicon Create() => new()
    {
        Code = "fr",
        DayFirstNumericDates = true,
        DecimalComma = true,
        TwelveHourClock = false,
        NumberWords = Groups(
            (1, ["un", "une"]), (2, ["deux"]), (3, ["trois", "quelques"]), (4, ["quatre"]), (5, ["cinq"]), (6, ["six"]),
            (7, ["sept"]), (8, ["huit"]), (9, ["neuf"]), (10, ["dix"]), (11, ["onze"]), (12, ["douze"]),
            (15, ["quinze"]), (20, ["vingt"]), (25, ["vingt cinq"]), (30, ["trente"]), (40, ["quarante"]),
            (45, ["quarante cinq"]), (50, ["cinquante"]), (60, ["soixante"])),
        Ordinals = Groups(
            (1, ["premier", "première", "1er", "1re", "1ère"]), (2, ["deux", "deuxième", "second"]), (3, ["trois", "troisième"]),
            (4, ["quatre"]), (5, ["cinq"]), (6, ["six"]), (7, ["sept"]), (8, ["huit"]), (9, ["neuf"]), (10, ["dix"]),
            (11, ["onze"]), (12, ["douze"]), (13, ["treize"]), (14, ["quatorze"]), (15, ["quinze"]), (16, ["seize"]),
            (20, ["vingt"]), (30, ["trente"]), (31, ["trente et un"])),
        OrdinalSuffixes = Of("er", "re", "ère", "e", "eme", "ème"),

        Weekdays = Groups(
            (IsoDayOfWeek.Monday, ["lundi", "lundis"]), (IsoDayOfWeek.Tuesday, ["mardi", "mardis"]),
            (IsoDayOfWeek.Wednesday, ["mercredi", "mercredis"]), (IsoDayOfWeek.Thursday, ["jeudi", "jeudis"]),
            (IsoDayOfWeek.Friday, ["vendredi", "vendredis"]), (IsoDayOfWeek.Saturday, ["samedi", "samedis"]),
            (IsoDayOfWeek.Sunday, ["dimanche", "dimanches"])),
        WeekdayAbbreviations = Groups(
            (IsoDayOfWeek.Monday, ["lun"]), (IsoDayOfWeek.Tuesday, ["mar"]), (IsoDayOfWeek.Wednesday, ["mer"]),
            (IsoDayOfWeek.Thursday, ["jeu"]), (IsoDayOfWeek.Friday, ["ven"]), (IsoDayOfWeek.Saturday, ["sam"]),
            (IsoDayOfWeek.Sunday, ["dim"])),
        WeekdayGroups = Groups(
            (Workweek, ["jours de semaine", "jours de la semaine", "jours ouvrables", "jours ouvrés", "en semaine",
                "jour de semaine", "jours de travail"]),
            (Weekend, ["week end", "week ends", "weekend", "weekends", "fins de semaine"])),
        Months = Groups(
            (1, ["janvier", "janv"]), (2, ["février", "fév", "fevr"]), (3, ["mars"]), (4, ["avril", "avr"]), (5, ["mai"]),
            (6, ["juin"]), (7, ["juillet", "juil"]), (8, ["août", "aout"]), (9, ["septembre", "sept"]),
            (10, ["octobre", "oct"]), (11, ["novembre", "nov"]), (12, ["décembre", "déc"])),
        DayWords = Groups(
            (new DayWord(0), ["aujourd'hui", "auj", "aujourdhui", "plus tard aujourd'hui", "dans la journée"]),
            (new DayWord(0, DayPart.Tonight), ["ce soir", "cette nuit", "ce soir même"]),
            (new DayWord(0, DayPart.Morning), ["ce matin"]),
            (new DayWord(0, DayPart.Afternoon), ["cet après midi", "cet aprem", "cet aprèm"]),
            (new DayWord(1), ["demain", "dmain", "dem1"]),
            (new DayWord(1, DayPart.Tonight), ["demain soir"]),
            (new DayWord(2), ["après demain", "apres demain", "apres-demain"])),
        SpecialDates = Groups(
            (SpecialDate.NextWeek, ["la semaine prochaine", "semaine prochaine", "la semaine pro"]),
            (SpecialDate.ThisWeekend, ["ce week end", "le week end", "ce weekend", "le weekend", "cette fin de semaine",
                "la fin de semaine"]),
            (SpecialDate.NextWeekend, ["le week end prochain", "le weekend prochain", "la fin de semaine prochaine"]),
            (SpecialDate.EndOfWeek, ["la fin de la semaine", "fin de la semaine", "en fin de semaine"]),
            (SpecialDate.EndOfMonth, ["la fin du mois", "fin du mois", "fin de mois", "en fin de mois"]),
            (SpecialDate.NextMonth, ["le mois prochain", "mois prochain"]),
            (SpecialDate.EndOfYear, ["la fin de l'année", "fin de l'année", "fin d'année"])),
        Next = Of("prochain", "prochaine", "qui vient"),
        This = Of("ce", "cet", "cette"),
        DayOfMonthArticles = Of("le"),
        Of = Of("de", "d'"),

        DayParts = Groups(
            (DayPart.Morning, ["matin", "matins", "le matin", "dans la matinée", "en matinée", "matinée", "au matin"]),
            (DayPart.Afternoon, ["après midi", "l'après midi", "dans l'après midi", "en après midi", "aprem", "aprèm"]),
            (DayPart.Evening, ["soir", "soirs", "le soir", "en soirée", "dans la soirée", "soirée"]),
            (DayPart.Tonight, ["la nuit", "nuit"]),
            (DayPart.EndOfDay, ["en fin de journée", "fin de journée", "la fin de la journée", "fin de la journée",
                "la fin de journée"])),
        NamedTimes = Groups(
            (new LocalTime(12, 0), ["midi", "l'heure du déjeuner", "l'heure du midi"]),
            (LocalTime.Midnight, ["minuit"])),
        Meridiems = Groups(
            (Meridiem.Am, ["du matin"]),
            (Meridiem.Pm, ["de l'après midi", "du soir", "de l'aprem"])),
        HourMarkers = Of("h", "heure", "heures", "hr"),

        Units = Groups(
            (TimeUnit.Minute, ["minute", "minutes", "min", "mins", "mn"]),
            (TimeUnit.Hour, ["heure", "heures", "h", "hr", "hrs"]),
            (TimeUnit.Day, ["jour", "jours", "journée", "journées"]),
            (TimeUnit.Week, ["semaine", "semaines", "sem"]),
            (TimeUnit.Month, ["mois"])),
        FixedDurations = Groups(
            (30, ["une demi heure", "demi heure", "une demie heure", "demie heure"]),
            (15, ["un quart d'heure", "quart d'heure"]),
            (45, ["trois quarts d'heure", "trois quart d'heure"])),
        HalfSuffix = Of("et demie", "et demi"),
        DurationFillers = Of("de plus", "supplémentaires", "de rab"),
        And = Of("et", ",", "&", "plus"),

        TimePrepositions = Of("à", "a", "vers", "pour", "avant", "après", "dès", "@", "sur les"),
        ClockPrepositions = Of("à", "a", "vers", "@", "sur les"),
        DatePrepositions = Of("pour", "d'ici", "avant", "au plus tard", "d'ici à", "jusqu'à", "prévu", "pour le", "avant le",
            "d'ici le", "dès", "à partir de"),
        RelativeMarkers = Of("dans", "d'ici", "sous"),
        ForMarkers = Of("pendant", "durant", "pour"),
        RangeStarts = Of("de", "du", "entre", "depuis"),
        RangeEnds = Of("à", "a", "au", "jusqu'à", "jusqu'au", "et"),

        Every = Of("tous les", "toutes les", "chaque", "tout les"),
        Other = Of("autre"),
        Alternating = Groups(
            ((TimeUnit.Day, 2), ["un jour sur deux", "tous les deux jours", "un jour sur 2"]),
            ((TimeUnit.Week, 2), ["une semaine sur deux", "toutes les deux semaines", "une semaine sur 2"])),
        FrequencyWords = Groups(
            (TimeUnit.Day, ["quotidiennement", "chaque jour", "tous les jours", "journellement", "au quotidien"]),
            (TimeUnit.Week, ["chaque semaine", "toutes les semaines", "hebdomadairement"]),
            (TimeUnit.Month, ["chaque mois", "tous les mois", "mensuellement"])),
        MonthlyMarkers = Of("de chaque mois", "de tous les mois", "du mois", "chaque mois", "tous les mois", "de chaque mois-ci"),

        Politeness = Of("salut", "bonjour", "hey", "peux tu", "tu peux", "pourrais tu", "est ce que tu peux", "stp", "svp",
            "s'il te plaît", "s'il vous plaît", "merci de", "ok", "alors", "euh"),
        ReminderCues = Of("rappelle moi", "rappelle moi de", "rappelle moi d'", "rappelles moi", "rappelle moi à",
            "fais moi penser à", "fais moi penser", "fait moi penser", "rappel", "rappel :", "mets un rappel",
            "mets un rappel pour", "ajoute un rappel", "crée un rappel", "n'oublie pas de me rappeler", "pense à me rappeler",
            "préviens moi", "envoie moi un rappel", "rappelez moi", "n'oublie pas de", "oublie pas de"),
        SnoozeCues = Of("plus tard", "pas maintenant", "repousse", "repousse de", "reporte", "reporte de", "encore",
            "rappelle moi plus tard", "décale", "décale de", "laisse moi", "snooze", "dans un moment"),
        MemoryCues = Of("souviens toi que", "souviens toi", "rappelle toi que", "retiens que", "retiens", "n'oublie pas que",
            "oublie pas que", "garde en tête que", "garde en mémoire que", "sache que", "mémorise que", "mémorise",
            "pour info"),
        MemoryToReminder = Of("de", "d'"),
        NoteCues = Of("note", "note :", "prends note", "prends note que", "prendre note", "note que", "nouvelle note",
            "écris", "écris ça", "note ça", "mémo", "pense bête", "ajoute une note", "crée une note", "note bien"),
        ExpenseCues = Of("j'ai dépensé", "dépensé", "j'ai payé", "payé", "dépense", "dépenses", "ça m'a coûté", "coûté",
            "j'ai acheté", "achat", "ça a coûté"),
        CurrencyWords = Groups<string?>(
            ("EUR", ["euro", "euros", "eur", "balles"]), (null, ["dollar", "dollars", "piasses", "piastres"]),
            ("USD", ["usd", "dollars américains", "dollars us"]), ("CAD", ["cad", "dollars canadiens"]),
            ("GBP", ["livres", "livre sterling", "gbp"]), ("CHF", ["francs suisses", "chf"]), ("JPY", ["yens", "jpy"]),
            ("AUD", ["aud"])),
        GroceryLists = Of("liste de courses", "liste des courses", "liste d'épicerie", "liste de l'épicerie", "courses",
            "l'épicerie", "épicerie", "liste d'achats", "la liste de courses", "à la liste de courses", "à la liste d'épicerie",
            "aux courses", "à la liste des courses", "sur la liste de courses", "sur la liste d'épicerie",
            "dans la liste de courses", "à ma liste de courses", "à l'épicerie", "pour les courses"),
        GroceryNeeds = Of("il nous faut", "on a besoin de", "on a besoin d'", "on n'a plus de", "on n'a plus d'",
            "il nous manque", "on manque de"),
        GroceryPrefixes = Of("ajoute", "mets", "rajoute", "et", "aussi"),
        CalendarCues = Of("à mon agenda", "dans mon agenda", "à mon calendrier", "dans mon calendrier", "agenda",
            "calendrier", "mon agenda", "mon calendrier", "à l'agenda", "dans l'agenda", "au calendrier"),
        EventVerbs = Of("planifie", "programme", "prévois", "organise", "cale", "nouvel événement", "événement",
            "ajoute un événement", "agenda", "calendrier"),
        EventNouns = Of("rendez vous", "rdv", "réunion", "dentiste", "médecin", "docteur", "dîner avec", "déjeuner avec",
            "dîner chez", "déjeuner chez", "appel avec", "cours", "concert", "fête", "soirée", "entretien", "séance",
            "visio", "ostéo", "kiné", "psy", "match", "répétition", "vol", "mariage", "anniversaire", "apéro"),
        TaskCues = Of("ajoute", "mets", "rajoute", "nouvelle tâche", "tâche", "à faire", "je dois", "il faut que je",
            "faut que je", "je devrais", "j'ai à", "ajoute une tâche", "crée une tâche", "ajoute la tâche", "todo"),
        TaskLists = Of("à ma liste", "à mes tâches", "sur ma liste", "à ma liste de tâches", "dans mes tâches",
            "dans ma liste", "à ma todo", "à ma liste de choses à faire", "à la liste", "à ma to do"),
        TaskListQueries = Of("qu'est ce que j'ai à faire", "qu'est ce que j'ai", "j'ai quoi à faire", "j'ai quoi",
            "c'est quoi mon programme", "mon programme", "quel est mon programme", "montre moi mes tâches",
            "liste mes tâches", "qu'est ce qui est en retard", "qu'est ce que j'ai en retard",
            "quoi de prévu", "qu'est ce qui est prévu", "qu'est ce que j'ai de prévu",
            "qu'est ce qui reste", "il me reste quoi"),
        ListRanges = Groups(
            ("today", ["aujourd'hui", "ce matin", "ce soir", "du jour"]),
            ("tomorrow", ["demain"]),
            ("week", ["semaine", "de la semaine", "cette semaine"]),
            ("overdue", ["en retard", "retard", "oublié", "manqué"])),
        SuggestCues = Of("je fais quoi", "qu'est ce que je fais", "je m'attaque à quoi", "quoi faire", "que faire",
            "qu'est ce que je peux faire", "je commence par quoi", "par quoi je commence", "une tâche facile",
            "quelque chose de facile", "propose moi", "suggère moi", "je devrais faire quoi", "que dois je faire"),
        EnergyWords = Groups(
            ("low", ["pas d'énergie", "peu d'énergie", "plus d'énergie", "fatigué", "fatiguée", "crevé", "crevée",
                "épuisé", "épuisée", "vidé", "vidée", "naze", "hs", "à plat", "quelque chose de facile", "facile"]),
            ("medium", ["un peu d'énergie", "énergie moyenne", "moyennement", "moyen", "bof"]),
            ("high", ["plein d'énergie", "pleine d'énergie", "beaucoup d'énergie", "en forme", "motivé", "motivée",
                "à fond", "au top", "boosté", "boostée"])),
        BreakdownCues = Of("découpe", "décompose", "trop gros", "trop gros pour moi", "aide moi à commencer",
            "aide moi à démarrer", "en petites étapes", "en étapes", "petites étapes", "je bloque sur", "je suis bloqué sur",
            "je suis bloquée sur", "divise", "par où commencer", "je sais pas par où commencer"),
        BreakdownNoise = Of("c'est trop gros", "c'est trop", "trop gros", "découpe le", "découpe la", "découpe",
            "décompose le", "décompose la", "décompose", "divise le", "divise", "en petites étapes", "en étapes",
            "petites étapes", "étapes", "aide moi à commencer", "aide moi à démarrer", "aide moi", "pour moi", "stp", "svp",
            "je bloque sur", "je suis bloqué sur", "je suis bloquée sur", "je sais pas par où commencer", "je ne sais pas par où commencer",
            "par où commencer"),
        CompleteCues = Of("fini", "finie", "j'ai fini", "terminé", "terminée", "j'ai terminé", "c'est fait",
            "j'ai fait", "est fait", "sont faits", "est fini", "coche"),
        CompleteNoise = Of("j'ai fini", "j'ai terminé", "j'ai fait", "fini", "finie", "terminé", "terminée", "c'est fait",
            "c'est bon", "est fait", "est faite", "sont faits", "sont faites", "est fini", "est finie", "coche", "comme fait",
            "comme terminé", "marque", "ça y est", "enfin"),
        Priorities = Groups(
            ("high", ["urgent", "c'est urgent", "priorité haute", "haute priorité", "priorité élevée", "prioritaire",
                "très important", "asap", "au plus vite", "urgente", "c'est urgent !"]),
            ("medium", ["priorité moyenne", "priorité normale", "moyenne priorité"]),
            ("low", ["priorité basse", "basse priorité", "faible priorité", "pas urgent", "pas pressé", "rien ne presse"])),
        Pronouns = Of("le", "la", "ça", "ca", "ce truc", "cette tâche", "cela"),
        LeadingFillers = Of("de", "d'", "à", "a", "pour", "que", "qu'", "et", "puis", "moi", "me", "m'", "stp", "svp", "aussi",
            "la tâche", "tâche", "alors"),
        TrailingFillers = Of("et", "stp", "svp", "s'il te plaît", "s'il vous plaît", "merci", "puis", "pour", "à", "de",
            "d'", "pour le", "ok"),
        ItemPrefixes = Of("du", "de la", "de l'", "des", "d'", "de", "le", "la", "les", "l'", "un", "une", "et", "aussi",
            "encore"),
        TodoVerbs = Of("appeler", "acheter", "payer", "envoyer", "prendre", "réserver", "nettoyer", "ranger", "finir",
            "faire", "aller", "vérifier", "renouveler", "annuler", "écrire", "lire", "rendre", "récupérer", "chercher",
            "laver", "sortir", "répondre", "rappeler", "passer", "commander", "préparer", "envoyer", "arroser",
            "téléphoner", "contacter", "déposer", "remplir", "imprimer", "signer", "poster", "trier", "vider", "réparer"),
        MarkerWords = Of("le", "la", "les", "de", "du", "des", "à", "et", "moi", "mon", "ma", "mes", "je", "j'", "demain",
            "un", "une", "pour", "avec", "est", "que", "d'", "l'", "qu'", "ce", "c'est", "quoi", "dans", "il", "on", "nous",
            "tu", "ajoute", "rappelle", "ça", "pas", "aujourd'hui", "soir", "au", "aux", "chez", "sur", "en", "fini", "resto",
            "courses", "euros", "merci", "bonjour", "salut", "oui", "non", "annule", "encore", "stp", "svp", "plus tard"),
    };

    private static readonly IsoDayOfWeek[] Workweek =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly IsoDayOfWeek[] Weekend = [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];
}
