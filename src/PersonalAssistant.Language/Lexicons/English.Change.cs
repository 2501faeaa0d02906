using static PersonalAssistant.Language.Text.Phrases;

namespace PersonalAssistant.Language.Lexicons;

/// <summary>The English words for changing what exists.</summary>
internal static partial class English
{
    private static ChangeLexicon ChangeWords() => new()
    {
        UpdateVerbs = Groups(
            (0, ["move", "reschedule", "change", "switch", "shift", "bump", "rename", "can you move", "could you move",
                "please move", "move back", "moving"]),
            (1, ["push", "push back", "postpone", "delay", "put off", "pushback"]),
            (-1, ["bring forward", "pull forward", "move up", "bring it forward", "move it up"])),
        PassiveChanges = Groups(
            (0, ["got moved", "was moved", "is moved", "has been moved", "has moved", "moved", "got rescheduled", "was rescheduled",
                "is rescheduled", "has been rescheduled", "rescheduled", "got changed", "was changed", "has been changed", "changed",
                "got shifted", "was shifted", "is now", "has been switched", "got switched", "was switched"]),
            (1, ["got pushed back", "got pushed", "was pushed back", "was pushed", "is pushed back", "has been pushed back",
                "has been pushed", "pushed back", "got postponed", "was postponed", "is postponed", "has been postponed", "postponed",
                "got delayed", "was delayed", "is delayed", "has been delayed", "delayed", "got bumped", "was bumped", "is running late",
                "running late", "is late"]),
            (-1, ["got brought forward", "was brought forward", "has been brought forward", "is brought forward", "got moved up",
                "was moved up", "has been moved up"])),
        Directions = Groups((1, ["back", "later"]), (-1, ["earlier", "forward", "up", "sooner"])),
        CorrectionCues = Of("actually", "instead", "make it", "make that", "change it to", "change that to", "no wait", "wait",
            "sorry", "i meant", "i mean", "it's due", "its due", "it is due", "due", "rather", "oops", "no", "not", "let's say",
            "lets say", "it's", "it is", "it's on", "it's at", "that's", "move it", "push it", "put it", "set it"),
        DeleteVerbs = Groups<string?>(
            (null, ["delete", "remove", "cancel", "erase", "get rid of", "scrap", "drop", "trash", "bin", "clear", "take off",
                "please delete", "please remove", "please cancel", "can you delete", "can you remove", "can you cancel",
                "could you delete", "could you cancel", "could you remove"]),
            ("reminder", ["stop reminding me", "stop reminding me to", "stop reminding me about", "stop reminding me of",
                "don't remind me", "dont remind me", "don't remind me about", "no more reminders for", "no more reminders about",
                "stop the reminder", "stop the reminder for", "turn off the reminder", "turn off the reminder for"])),
        KindWords = Groups(
            ("task", ["task", "tasks", "to do", "todo", "to-do", "from my tasks", "from my to do list", "from my todo list",
                "off my list", "off my to do list", "from my list", "task list", "from the task list"]),
            ("reminder", ["reminder", "reminders", "alarm"]),
            ("event", ["event", "calendar event", "from my calendar", "from the calendar", "in my calendar", "on my calendar"]),
            ("note", ["note", "notes"])),
        SnoozeReferences = Of("remind me again", "remind me of it again", "remind me about it again", "ask me again",
            "ping me again", "tell me again"),
        AlsoStarts = Of("and", "also", "oh and", "plus", "add", "and also"),
        AlsoEnds = Of("too", "as well", "also", "please", "pls"),
        NewTimeMarkers = Of("to", "for", "at", "till", "until"),
        HaveOpeners = Of("i have", "i have a", "i have an", "i've got", "i've got a", "ive got a", "i got a", "i have my", "we have a", "there's a", "i've got my"),
        ShiftMarkers = Of("by", "by an", "by a", "another", "an extra", "a further"),
        DoneMarks = Of("✅", "✔", "☑", "✓"),
        DoneTails = Of("that's done", "thats done", "that is done", "it's done", "its done", "done now", "all done", "as done", "as complete", "as completed", "as finished", "that's finished", "finally", "done and dusted", "checked off", "sorted"),
        TargetNoise = Of("the", "my", "a", "an", "this", "that", "to", "for", "of", "about", "on", "at", "by", "from", "with",
            "please", "pls", "it", "back", "forward", "and", "again", "till", "until", "s", "'s", "by an", "by a", "in"),
        MatchStopWords = ["the", "my", "a", "an", "of", "to", "for", "and", "with", "at", "on", "in", "this", "that", "about",
            "from", "it", "me", "your", "our", "i", "just", "have", "has", "ve", "been", "im"],
        Lemmas = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["did"] = "do", ["done"] = "do", ["made"] = "make", ["bought"] = "buy", ["paid"] = "pay", ["sent"] = "send",
            ["took"] = "take", ["taken"] = "take", ["wrote"] = "write", ["written"] = "write", ["went"] = "go", ["gone"] = "go",
            ["got"] = "get", ["gotten"] = "get", ["rang"] = "ring", ["rung"] = "ring", ["brought"] = "bring", ["ate"] = "eat",
            ["gave"] = "give", ["given"] = "give", ["found"] = "find", ["told"] = "tell", ["sold"] = "sell", ["threw"] = "throw",
            ["thrown"] = "throw", ["ran"] = "run", ["fed"] = "feed", ["swept"] = "sweep", ["spoke"] = "speak", ["met"] = "meet",
            ["left"] = "leave", ["hung"] = "hang", ["put"] = "put", ["set"] = "set", ["cut"] = "cut", ["read"] = "read",
            ["picked"] = "pick", ["emptied"] = "empty", ["tidied"] = "tidy", ["replied"] = "reply", ["applied"] = "apply",
            ["dried"] = "dry", ["carried"] = "carry", ["drove"] = "drive", ["driven"] = "drive", ["chose"] = "choose",
            ["booked"] = "book", ["kept"] = "keep", ["slept"] = "sleep", ["sat"] = "sit", ["won"] = "win", ["paying"] = "pay",
        },
        Endings = ["ing", "ied", "ed", "es", "s"],
        ThirdAnswers = ["third", "the third", "the third one", "3rd"],
        Courtesies = ["please", "pls", "thanks", "thank you", "do it", "go ahead", "sure", "delete it", "that one", "it"],
    };
}
