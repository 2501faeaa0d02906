using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using PersonalAssistant.Server.Persistence;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// The account row behind <c>GET users/me</c>, the hottest authenticated read, kept for 2 seconds per replica (the
/// same bound as the session check). Changes made on this replica are visible at once (<see cref="Forget"/>);
/// changes made on another replica within 2 seconds.
/// </summary>
internal sealed class ProfileCache(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<AppUser?>> Query =
        EF.CompileAsyncQuery((AppDbContext db, Guid id, CancellationToken _) => db.Users.AsNoTracking().SingleOrDefault(u => u.Id == id));

    public async Task<AppUser?> GetAsync(AppDbContext db, Guid userId, CancellationToken cancellationToken)
    {
        var key = new Key(userId);
        if (cache.TryGetValue(key, out AppUser? user) && user is not null)
        {
            return user;
        }

        user = await Query(db, userId, cancellationToken);
        if (user is not null)
        {
            cache.Set(key, user, Lifetime);
        }

        return user;
    }

    public void Forget(Guid userId) => cache.Remove(new Key(userId));

    private sealed record Key(Guid UserId);
}
