using PersonalAssistant.Language;
using PersonalAssistant.Server.Localization;

namespace PersonalAssistant.Server.Features.Assistant;

/// <summary>Small talk: a short, human answer in the message's language that creates nothing.</summary>
internal static partial class Replies
{
    public static string SmallTalk(string kind, string locale) => Texts.Get(locale, kind switch
    {
        SmallTalkKinds.Distress => "Reply.Overwhelmed",
        SmallTalkKinds.Venting => "Reply.Venting",
        SmallTalkKinds.WhoAreYou => "Reply.WhoAreYou",
        SmallTalkKinds.HowAreYou => "Reply.HowAreYou",
        SmallTalkKinds.Greeting => "Reply.Greeting",
        SmallTalkKinds.Farewell => "Reply.Farewell",
        SmallTalkKinds.Thanks => "Reply.Welcome",
        _ => "Reply.Acknowledged",
    });
}
