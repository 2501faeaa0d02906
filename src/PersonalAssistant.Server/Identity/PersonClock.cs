using NodaTime;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Identity;

/// <summary>The person's own clock: their zone, their local now and today, their language and preferences.</summary>
internal sealed record PersonNow(Guid UserId, DateTimeZone Zone, ZonedDateTime Now, string Locale, UserPreferences Preferences)
{
    public LocalDate Today => Now.Date;

    public DateOnly TodayDate => Today.ToDateOnly();

    /// <summary>The instant a local day starts for this person (the first valid instant, whatever the clock change).</summary>
    public DateTimeOffset StartOf(LocalDate day) => Zone.AtStartOfDay(day).ToInstant().ToDateTimeOffset();

    /// <summary>
    /// Binds an endpoint's <c>PersonNow person</c> parameter to the signed-in caller (endpoints behind authorization only):
    /// the person every feature service takes.
    /// </summary>
    public static async ValueTask<PersonNow?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return await context.RequestServices.GetRequiredService<PersonClock>().NowAsync(context.User.UserId(), context.RequestAborted);
    }
}

/// <summary>Reads <see cref="PersonNow"/> for the signed-in person, through the 2-second profile cache.</summary>
internal sealed class PersonClock(AppDbContext db, ProfileCache profiles, TimeProvider time)
{
    public async Task<PersonNow> NowAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await profiles.GetAsync(db, userId, cancellationToken)
            ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        return Of(user, time.GetUtcNow());
    }

    public static PersonNow Of(AppUser user, DateTimeOffset utcNow)
    {
        ArgumentNullException.ThrowIfNull(user);
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(user.TimeZone) ?? DateTimeZone.Utc;
        return new PersonNow(user.Id, zone, Instant.FromDateTimeOffset(utcNow).InZone(zone), user.Locale, user.Preferences);
    }
}
