using PersonalAssistant.Language.Understanding.Statistical;

namespace PersonalAssistant.Language.Lexicons;

/// <summary>The English sentences the statistical intent layer is trained on (ADR 0013).</summary>
internal static class EnglishTemplates
{
    public static IntentTemplates Create() => new()
    {
        Templates = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            [IntentLabels.Reminder] =
            [
                "remind me to {todo} {when}", "remind me {when} to {todo}", "{when} remind me to {todo}", "reminder to {todo} {when}",
                "set a reminder to {todo} {when}", "don't let me forget to {todo} {when}", "ping me {when} to {todo}",
                "remind me in {number} minutes to {todo}", "remind me to {todo} in {number} minutes", "nudge me {when} about {thing}",
                "remind me about {thing} {when}", "can you remind me to {todo} {when}", "remind me every {weekday} to {todo}",
                "remind me to {todo} every {daypart}", "alert me {when} to {todo}", "reminder: {todo} {when}",
                "dont forget to remind me to {todo}", "remind me to {todo}",
            ],
            [IntentLabels.Task] =
            [
                "i need to {todo}", "i have to {todo}", "gotta {todo}", "need to {todo} {day}", "add {todo} to my to do list",
                "todo: {todo}", "to do {todo}", "put {todo} on my list", "add a task to {todo}", "new task {todo}",
                "i must {todo} by {weekday}", "{todo} by {weekday}", "{todo} {day}", "high priority {todo}", "urgent: {todo}",
                "task: {todo}", "i should {todo} this week", "{todo} before {weekday}", "{todo}",
            ],
            [IntentLabels.Event] =
            [
                "{thing} {day} at {hour12}pm", "{thing} on {weekday} at {hour12}:{minute}", "{thing} appointment {day} {hour12}pm",
                "schedule {thing} {day} at {hour12}pm", "put {thing} on my calendar {day} at {hour12}", "book {thing} for {weekday} {hour12}am",
                "{thing} with {person} {day} at {hour12}pm", "meeting with {person} {weekday} from {hour12} to {hour12}",
                "i have {thing} {day} at {hour12}pm", "{thing} {weekday} {hour12}:{minute}pm", "lunch with {person} {weekday}",
                "dinner with {person} {day} at {hour12}pm", "add {thing} to my calendar {weekday} at {hour12}am",
            ],
            [IntentLabels.Note] =
            [
                "note: {fact}", "note that {fact}", "take a note {fact}", "write down that {fact}", "jot down {fact}",
                "note to self {fact}", "make a note: {fact}", "save a note {fact}",
            ],
            [IntentLabels.Grocery] =
            [
                "add {item} to the grocery list", "add {item} and {item} to my shopping list", "we need {item}", "we're out of {item}",
                "need {item} and {item}", "put {item} on the list", "grocery list: {item}, {item}, {item}", "buy {item} at the store",
                "groceries: {item} {item}", "add {item} to groceries", "we're low on {item}", "pick up {item} from the store",
                "{item} and {item} for the shopping list",
            ],
            [IntentLabels.Expense] =
            [
                "spent {amount} on {purchase}", "paid {amount} for {purchase}", "{amount} {purchase}", "{purchase} {amount}",
                "{purchase} was {amount}", "{purchase} cost me {amount}", "i spent {amount} at {shop}", "dropped {amount} on {purchase}",
                "expense: {purchase} {amount}", "log {amount} for {purchase}", "{amount} at {shop} {dayword}",
            ],
            [IntentLabels.Memory] =
            [
                "remember that {fact}", "remember {fact}", "{fact}, remember that", "keep in mind that {fact}", "don't forget that {fact}",
                "fyi {fact}", "for the record {fact}", "remember my {possession} is {code}", "my {relative}'s name is {person}, remember that",
                "my {relative}'s birthday is {month} {number}",
            ],
            [IntentLabels.Question] =
            [
                "what's on my grocery list", "what's on the shopping list?", "what do i have {day}", "what do i have on {weekday}?",
                "do i have anything {day}", "when is my {thing}", "when's {thing}?", "what time is my {thing}", "what's my {relative}'s birthday",
                "how much did i spend on {topic} {period}", "how much have i spent {period}", "what's the {secret}?", "what is my {possession}",
                "what's on my plate {day}", "am i free {day}?", "what's left on my to do list", "what did i need to buy?",
                "where did i put {thing}", "is there anything on {weekday}", "what are my tasks {day}", "what's {person}'s number",
                "how much did {purchase} cost", "whats planned for {day}", "any plans {day}?", "what's my schedule {day}",
            ],
            [IntentLabels.Change] =
            [
                "move {thing} to {day}", "move {thing} to {hour12}pm", "push {todo} to {day}", "reschedule {thing} to {weekday}",
                "make it {hour12}pm instead", "change it to {day}", "actually make it {weekday}", "delete {thing}", "cancel {thing}",
                "cancel my {thing} {day}", "remove {item} from the list", "take {item} off the shopping list", "stop reminding me about {thing}",
                "rename {todo} to {todo}", "postpone {thing} to {day}", "push it back an hour", "move it to {hour12}", "clear the grocery list",
                "snooze that for {number} minutes", "delete the reminder about {thing}", "bump {thing} to {weekday}", "change {thing} to {hour12}:{minute}",
            ],
            [IntentLabels.Complete] =
            [
                "i finished {todo}", "done with {thing}", "i already {past}", "mark {todo} as done", "{todo} is done", "finished {todo}",
                "i {past}", "just {past}", "check off {todo}", "completed {todo}", "i'm done with {thing}", "crossed off {todo}",
            ],
            [IntentLabels.Chat] =
            [
                "{smalltalk}", "{smalltalk}!", "{feeling}", "i'm {mood}", "ugh {feeling}", "i feel {mood}", "today was {judgement}",
                "{judgement} day", "lol", "haha ok", "nvm", "never mind", "tell me a joke", "what's the weather like", "who made you",
                "i can't {struggle}", "i don't know where to start", "so much to do", "i'm so {mood} today", "this is {judgement}",
                "what can you do", "are you a robot", "good night", "see you later", "hmm", "whatever", "oh well",
            ],
        },
        Slots = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["todo"] = ["call mom", "pay the rent", "email the landlord", "take my meds", "water the plants", "pick up the kids",
                "book a flight", "renew my passport", "clean the kitchen", "fix the sink", "text jess", "buy a gift for dad",
                "take out the trash", "walk the dog", "send the invoice", "call the dentist", "do the laundry", "file my taxes",
                "return the library books", "change the oil", "reply to the school", "schedule a vet visit", "cancel the gym membership",
                "order printer ink", "back up my laptop", "wash the car", "submit the report", "feed the cat", "call the insurance",
                "finish the slides", "study for the exam", "clean my room", "prepare dinner", "mail the package", "call grandma"],
            ["past"] = ["called mom", "paid the rent", "emailed the landlord", "took my meds", "watered the plants", "did the laundry",
                "sent the invoice", "fixed the sink", "walked the dog", "took out the trash", "booked the flight", "finished the report"],
            ["thing"] = ["the dentist", "dentist", "the meeting", "my haircut", "lunch with sam", "the vet appointment", "yoga class",
                "the team meeting", "doctor's appointment", "the call with the bank", "parent teacher night", "the interview",
                "piano lesson", "the standup", "dinner with the in-laws", "book club", "the plumber", "the trash", "physio",
                "the car service", "soccer practice", "the school run", "my flight"],
            ["person"] = ["sam", "maria", "jess", "tom", "the boss", "alex", "my sister", "dan", "nina", "the landlord"],
            ["relative"] = ["sister", "brother", "mom", "dad", "boss", "wife", "husband", "son", "daughter", "friend"],
            ["item"] = ["milk", "eggs", "bread", "bananas", "coffee", "rice", "chicken", "apples", "toilet paper", "dish soap",
                "butter", "cheese", "pasta", "tomatoes", "onions", "oat milk", "yogurt", "cereal", "dog food", "paper towels"],
            ["purchase"] = ["lunch", "gas", "coffee", "groceries", "uber", "dinner", "the movie", "parking", "a haircut", "books",
                "the pharmacy", "train ticket", "pizza", "drinks", "rent"],
            ["shop"] = ["target", "costco", "the pharmacy", "starbucks", "the gas station", "walmart", "amazon"],
            ["amount"] = ["${number}", "${number}.{cents}", "{number} dollars", "{number} bucks", "{number}.{cents}", "{number} usd", "€{number}"],
            ["fact"] = ["the garage code is 4417", "my locker combo is 12 34 07", "the wifi password is sunflower22",
                "the plumber's number is 555 0199", "my sister's birthday is june 4", "the blue bin goes out on tuesdays",
                "my car is parked on level 3", "the spare key is under the mat", "my shoe size is 9", "jake is allergic to peanuts",
                "the meeting room is b12", "my doctor is dr patel"],
            ["possession"] = ["locker code", "wifi password", "passport number", "license plate", "gate code", "account number", "bike lock combo"],
            ["code"] = ["4417", "12 34 07", "abc123", "7781", "sunflower22"],
            ["secret"] = ["wifi password", "garage code", "gate code", "door code", "alarm code"],
            ["topic"] = ["food", "groceries", "coffee", "gas", "transport", "eating out", "fun", "shopping"],
            ["period"] = ["this week", "this month", "last week", "today", "last month", "so far"],
            ["when"] = ["{dayword} at {hour12}pm", "at {hour12}:{minute}", "{weekday} at {hour12}am", "in {number} minutes", "at {hour12}",
                "{dayword} {daypart}", "this {daypart}", "on {weekday}", "{dayword}", "at noon", "in an hour", "{weekday} {daypart}"],
            ["day"] = ["{dayword}", "on {weekday}", "{weekday}", "next {weekday}", "this weekend", "next week", "this {weekday}"],
            ["feeling"] = ["today was awful", "i'm exhausted", "everything is too much", "i hate mondays", "i'm stressed out", "rough day"],
            ["mood"] = ["tired", "overwhelmed", "stressed", "sad", "bored", "anxious", "burnt out", "lost", "happy", "exhausted"],
            ["judgement"] = ["awful", "terrible", "a mess", "great", "rough", "so long", "horrible", "nice"],
            ["struggle"] = ["focus", "do this", "get anything done", "sleep", "keep up", "concentrate"],
        },
        Openers = ["hey", "hi", "ok", "ok so", "so", "please", "pls", "can you", "could you", "um", "oh and", "also", "btw"],
        Closers = ["please", "pls", "thanks", "thx", "thank you", "asap", "ok?", "!"],
    };
}
