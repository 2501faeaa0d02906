using PersonalAssistant.Language.Understanding.Statistical;

namespace PersonalAssistant.Language.Lexicons;

/// <summary>The French sentences the statistical intent layer is trained on (ADR 0013).</summary>
internal static class FrenchTemplates
{
    public static IntentTemplates Create() => new()
    {
        Templates = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [IntentLabels.Reminder] =
            [
                "rappelle-moi de {todo} {when}", "rappelle-moi {when} de {todo}", "{when} rappelle-moi de {todo}", "rappel : {todo} {when}",
                "mets un rappel pour {todo} {when}", "fais-moi penser à {todo} {when}", "n'oublie pas de me rappeler de {todo}",
                "rappelle-moi dans {number} minutes de {todo}", "rappelle-moi de {todo} dans {number} minutes", "préviens-moi {when} pour {thing}",
                "rappelle-moi {thing} {when}", "tu peux me rappeler de {todo} {when}", "rappelle-moi tous les {weekday} de {todo}",
                "rappelle-moi de {todo} tous les {daypart}", "alerte-moi {when} pour {todo}", "rappelle-moi de {todo}",
                "peux-tu me rappeler de {todo} {when}",
            ],
            [IntentLabels.Task] =
            [
                "je dois {todo}", "il faut que je {todosubj}", "faut que je {todosubj}", "faut {todo} {day}", "ajoute {todo} à ma liste de tâches",
                "à faire : {todo}", "tâche : {todo}", "mets {todo} dans mes tâches", "ajoute une tâche {todo}", "nouvelle tâche {todo}",
                "je dois {todo} avant {weekday}", "{todo} avant {weekday}", "{todo} {day}", "urgent : {todo}", "priorité haute {todo}",
                "penser à {todo}", "je devrais {todo} cette semaine", "{todo} d'ici {weekday}", "{todo}",
            ],
            [IntentLabels.Event] =
            [
                "{thing} {day} à {hour24}h", "{thing} {weekday} à {hour24}h{minute}", "rdv {thing} {day} {hour24}h",
                "planifie {thing} {day} à {hour24}h", "mets {thing} dans mon agenda {day} à {hour24}h", "réserve {thing} pour {weekday} {hour24}h",
                "{thing} avec {person} {day} à {hour24}h", "réunion avec {person} {weekday} de {hour24}h à {hour24}h",
                "j'ai {thing} {day} à {hour24}h", "{thing} {weekday} {hour24}h{minute}", "déjeuner avec {person} {weekday}",
                "dîner avec {person} {day} à {hour24}h", "ajoute {thing} à mon agenda {weekday} à {hour24}h", "rendez-vous {thing} {weekday} {hour24}h",
            ],
            [IntentLabels.Note] =
            [
                "note : {fact}", "note que {fact}", "prends note : {fact}", "écris que {fact}", "note pour moi : {fact}",
                "note à moi-même {fact}", "fais une note : {fact}", "enregistre une note {fact}",
            ],
            [IntentLabels.Grocery] =
            [
                "ajoute {item} à la liste de courses", "ajoute {item} et {item} à ma liste de courses", "il nous faut {item}",
                "on n'a plus de {itembare}", "besoin de {itembare} et de {itembare}", "mets {item} sur la liste", "liste de courses : {itembare}, {itembare}, {itembare}",
                "acheter {item} au supermarché", "courses : {itembare} {itembare}", "ajoute {item} aux courses", "il reste plus de {itembare}",
                "prendre {item} au magasin", "{item} et {item} pour les courses",
            ],
            [IntentLabels.Expense] =
            [
                "dépensé {amount} pour {purchase}", "payé {amount} pour {purchase}", "{amount} {purchase}", "{purchase} {amount}",
                "{purchase} : {amount}", "{purchase} m'a coûté {amount}", "j'ai dépensé {amount} chez {shop}", "j'ai claqué {amount} en {purchase}",
                "dépense : {purchase} {amount}", "note {amount} de {purchase}", "{amount} chez {shop} {dayword}",
            ],
            [IntentLabels.Memory] =
            [
                "souviens-toi que {fact}", "retiens que {fact}", "{fact}, retiens-le", "garde en tête que {fact}", "n'oublie pas que {fact}",
                "pour info {fact}", "rappelle-toi que {fact}", "retiens que mon {possession} est {code}", "ma {relative} s'appelle {person}, retiens-le",
                "l'anniversaire de ma {relative} est le {number} {month}",
            ],
            [IntentLabels.Question] =
            [
                "qu'est-ce qu'il y a sur la liste de courses", "c'est quoi ma liste de courses ?", "qu'est-ce que j'ai {day}", "j'ai quoi {weekday} ?",
                "j'ai quelque chose {day}", "c'est quand mon {thing}", "c'est quand {thing} ?", "à quelle heure est {thing}", "c'est quand l'anniversaire de ma {relative}",
                "combien j'ai dépensé en {topic} {period}", "combien j'ai dépensé {period}", "c'est quoi le {secret} ?", "quel est mon {possession}",
                "qu'est-ce que j'ai au programme {day}", "je suis libre {day} ?", "qu'est-ce qui reste sur ma liste", "il fallait acheter quoi ?",
                "où j'ai mis {thing}", "y a quelque chose {weekday}", "c'est quoi mes tâches {day}", "c'est quoi le numéro de {person}",
                "combien a coûté {purchase}", "qu'est-ce qui est prévu {day}", "des plans {day} ?", "quel est mon planning {day}",
            ],
            [IntentLabels.Change] =
            [
                "déplace {thing} à {day}", "déplace {thing} à {hour24}h", "décale {todo} à {day}", "reporte {thing} à {weekday}",
                "mets-le plutôt à {hour24}h", "change pour {day}", "finalement mets-le {weekday}", "supprime {thing}", "annule {thing}",
                "annule mon {thing} {day}", "enlève {item} de la liste", "retire {item} de la liste de courses", "arrête de me rappeler {thing}",
                "renomme {todo} en {todo}", "repousse {thing} à {day}", "recule-le d'une heure", "mets-le à {hour24}h", "vide la liste de courses",
                "rappelle-le moi dans {number} minutes", "supprime le rappel pour {thing}", "décale {thing} à {weekday}", "change {thing} à {hour24}h{minute}",
            ],
            [IntentLabels.Complete] =
            [
                "j'ai fini de {todo}", "fini pour {thing}", "j'ai déjà {past}", "marque {todo} comme fait", "{todo} c'est fait", "c'est fait : {todo}",
                "j'ai {past}", "je viens de {todo}", "coche {todo}", "terminé {todo}", "j'en ai fini avec {thing}", "c'est bon j'ai {past}",
            ],
            [IntentLabels.Chat] =
            [
                "{smalltalk}", "{smalltalk} !", "{feeling}", "je suis {mood}", "pff {feeling}", "je me sens {mood}", "journée {judgement}",
                "c'était {judgement}", "mdr", "haha ok", "laisse tomber", "bof", "raconte-moi une blague", "il fait quel temps", "qui t'a créé",
                "j'arrive pas à {struggle}", "je sais pas par où commencer", "trop de trucs à faire", "je suis trop {mood} aujourd'hui", "c'est {judgement}",
                "tu sais faire quoi", "t'es un robot ?", "bonne nuit", "à plus", "hmm", "peu importe", "tant pis",
            ],
        },
        Slots = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["todo"] = ["appeler maman", "payer le loyer", "écrire au propriétaire", "prendre mes médicaments", "arroser les plantes",
                "récupérer les enfants", "réserver un vol", "renouveler mon passeport", "nettoyer la cuisine", "réparer l'évier",
                "envoyer un texto à julie", "acheter un cadeau pour papa", "sortir les poubelles", "promener le chien", "envoyer la facture",
                "appeler le dentiste", "faire la lessive", "faire ma déclaration d'impôts", "rendre les livres", "faire la vidange",
                "répondre à l'école", "prendre rdv chez le véto", "résilier la salle de sport", "commander de l'encre", "sauvegarder mon ordi",
                "laver la voiture", "rendre le rapport", "nourrir le chat", "appeler l'assurance", "finir les slides", "réviser l'examen",
                "ranger ma chambre", "préparer le dîner", "poster le colis", "appeler mamie"],
            ["todosubj"] = ["appelle maman", "paie le loyer", "écrive au propriétaire", "prenne mes médicaments", "arrose les plantes",
                "récupère les enfants", "réserve un vol", "renouvelle mon passeport", "nettoie la cuisine", "répare l'évier", "fasse la lessive",
                "finisse le rapport", "range ma chambre", "appelle l'assurance"],
            ["past"] = ["appelé maman", "payé le loyer", "écrit au propriétaire", "pris mes médicaments", "arrosé les plantes", "fait la lessive",
                "envoyé la facture", "réparé l'évier", "promené le chien", "sorti les poubelles", "réservé le vol", "fini le rapport"],
            ["thing"] = ["le dentiste", "dentiste", "la réunion", "le coiffeur", "déjeuner avec sam", "le rdv chez le véto", "le cours de yoga",
                "la réunion d'équipe", "le rendez-vous chez le médecin", "l'appel avec la banque", "la réunion parents-profs", "l'entretien",
                "le cours de piano", "le point d'équipe", "dîner chez les beaux-parents", "le club de lecture", "le plombier", "les poubelles",
                "le kiné", "la révision de la voiture", "l'entraînement de foot", "mon vol", "l'ophtalmo"],
            ["person"] = ["sam", "marie", "julie", "thomas", "le patron", "alex", "ma sœur", "karim", "nina", "le propriétaire"],
            ["relative"] = ["sœur", "mère", "femme", "fille", "cheffe", "copine", "tante", "voisine"],
            ["item"] = ["du lait", "des œufs", "du pain", "des bananes", "du café", "du riz", "du poulet", "des pommes", "du papier toilette",
                "du liquide vaisselle", "du beurre", "du fromage", "des pâtes", "des tomates", "des oignons", "du lait d'avoine", "des yaourts",
                "des céréales", "des croquettes", "de l'essuie-tout"],
            ["itembare"] = ["lait", "œufs", "pain", "bananes", "café", "riz", "poulet", "pommes", "papier toilette", "liquide vaisselle",
                "beurre", "fromage", "pâtes", "tomates", "oignons", "yaourts", "croquettes"],
            ["purchase"] = ["le déjeuner", "l'essence", "un café", "les courses", "le taxi", "le resto", "le cinéma", "le parking", "le coiffeur",
                "des livres", "la pharmacie", "le billet de train", "une pizza", "des verres", "le loyer"],
            ["shop"] = ["carrefour", "décathlon", "la pharmacie", "monoprix", "la station essence", "leclerc", "amazon"],
            ["amount"] = ["{number} €", "{number},{cents} €", "{number} euros", "{number} balles", "{number},{cents}", "{number} eur", "{number}€"],
            ["fact"] = ["le code du garage est 4417", "le code de mon casier est 12 34 07", "le mot de passe wifi est tournesol22",
                "le numéro du plombier est 06 12 34 56 78", "l'anniversaire de ma sœur est le 4 juin", "la poubelle jaune sort le mardi",
                "ma voiture est au niveau 3", "la clé de secours est sous le paillasson", "je chausse du 42", "lucas est allergique aux arachides",
                "la salle de réunion est la b12", "mon médecin c'est le docteur martin"],
            ["possession"] = ["code de casier", "mot de passe wifi", "numéro de passeport", "numéro de plaque", "code du portail", "numéro de compte"],
            ["code"] = ["4417", "12 34 07", "abc123", "7781", "tournesol22"],
            ["secret"] = ["mot de passe wifi", "code du garage", "code du portail", "digicode", "code de l'alarme"],
            ["topic"] = ["bouffe", "courses", "café", "essence", "transport", "resto", "sorties", "shopping"],
            ["period"] = ["cette semaine", "ce mois-ci", "la semaine dernière", "aujourd'hui", "le mois dernier", "jusqu'ici"],
            ["when"] = ["{dayword} à {hour24}h", "à {hour24}h{minute}", "{weekday} à {hour24}h", "dans {number} minutes", "à {hour24}h",
                "{dayword} {daypart}", "ce {daypart}", "{weekday}", "{dayword}", "à midi", "dans une heure", "{weekday} {daypart}"],
            ["day"] = ["{dayword}", "{weekday}", "{weekday} prochain", "ce week-end", "la semaine prochaine", "ce {weekday}"],
            ["feeling"] = ["journée horrible", "je suis crevé", "tout est trop", "je déteste les lundis", "je suis stressée", "dure journée"],
            ["mood"] = ["fatigué", "débordée", "stressé", "triste", "saoulé", "angoissée", "épuisé", "perdue", "content", "crevée"],
            ["judgement"] = ["horrible", "nulle", "le bazar", "super", "dure", "trop longue", "affreuse", "sympa"],
            ["struggle"] = ["me concentrer", "faire ça", "avancer", "dormir", "suivre", "m'y mettre"],
        },
        Openers = ["salut", "coucou", "ok", "bon", "alors", "stp", "s'il te plaît", "tu peux", "euh", "ah et", "aussi", "au fait"],
        Closers = ["stp", "s'il te plaît", "merci", "mci", "svp", "rapidement", "ok ?", "!"],
    };
}
