using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PersonalAssistant.Server.Audit;
using PersonalAssistant.Server.Common;
using PersonalAssistant.Server.Identity;
using PersonalAssistant.Server.Messaging.Sms;
using PersonalAssistant.Server.Persistence;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Api.V2010.Account.AvailablePhoneNumberCountry;
using TwilioPhoneNumber = Twilio.Types.PhoneNumber;

namespace PersonalAssistant.Server.Features.Sms.Numbers;

/// <summary>
/// The instance's numbers, for administrators (issue 17), through Twilio's REST API with the official client: search,
/// buy (its SMS and status webhooks pointed at this instance), assign to a person, check that Twilio still points here,
/// release. Every change is in the audit trail. Twilio's refusals are <see cref="TwilioNumberException"/>.
/// </summary>
internal sealed partial class SmsNumberService(
    AppDbContext db,
    IHttpClientFactory httpClients,
    IOptions<TwilioOptions> twilio,
    AuditLog audit,
    TimeProvider time,
    ILogger<SmsNumberService> logger)
{
    private const int SearchLimit = 20;

    public bool IsAvailable => twilio.Value.IsConfigured;

    /// <summary>Numbers Twilio offers in a country (and area code), SMS-capable, at most 20.</summary>
    public async Task<IReadOnlyList<AvailableSmsNumberResponse>> SearchAsync(AvailableSmsNumbersQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var options = new ReadLocalOptions(query.Country.ToUpperInvariant()) { AreaCode = query.AreaCode, SmsEnabled = true, Limit = SearchLimit, PageSize = SearchLimit };
        var found = await CallAsync(client => LocalResource.ReadAsync(options, client), "search");
        cancellationToken.ThrowIfCancellationRequested();
        return [.. found.Take(SearchLimit).Select(n => new AvailableSmsNumberResponse(n.PhoneNumber?.ToString() ?? string.Empty, n.FriendlyName?.ToString(), n.Locality, n.Region, n.IsoCountry))];
    }

    public async Task<IReadOnlyList<SmsNumberResponse>> ListAsync(CancellationToken cancellationToken) =>
        await DescribedAsync(null, cancellationToken);

    /// <summary>Buys the number with its webhooks pointed here, stores it, and gives it to <see cref="BuySmsNumberRequest.AssignTo"/> if set.</summary>
    public async Task<Outcome<SmsNumberResponse>> BuyAsync(string locale, Guid adminId, ClientInfo client, BuySmsNumberRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await db.Set<SmsNumber>().AnyAsync(n => n.E164 == request.PhoneNumber, cancellationToken))
        {
            return Failure.Conflict(locale, "Sms.Numbers.Exists.Title", "Sms.Numbers.Exists.Detail");
        }

        if (request.AssignTo is { } userId && !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            return Failure.NotFound(locale, "Sms.Numbers.NoSuchPerson");
        }

        var (smsUrl, statusUrl) = Urls();
        var bought = await CallAsync(
            c => IncomingPhoneNumberResource.CreateAsync(
                new CreateIncomingPhoneNumberOptions
                {
                    PhoneNumber = new TwilioPhoneNumber(request.PhoneNumber),
                    SmsUrl = new Uri(smsUrl),
                    SmsMethod = Twilio.Http.HttpMethod.Post,
                    StatusCallback = new Uri(statusUrl),
                    StatusCallbackMethod = Twilio.Http.HttpMethod.Post,
                },
                c),
            "buy");
        var now = time.GetUtcNow();
        var number = new SmsNumber { E164 = bought.PhoneNumber?.ToString() ?? request.PhoneNumber, TwilioSid = bought.Sid, UserId = request.AssignTo, CreatedAt = now };
        db.Set<SmsNumber>().Add(number);
        db.Set<SmsNumberWebhook>().Add(new SmsNumberWebhook
        {
            SmsNumberId = number.Id,
            SmsUrl = smsUrl,
            StatusUrl = statusUrl,
            LastVerifiedAt = now,
            PointsHere = PointsHere(bought, smsUrl, statusUrl),
            UpdatedAt = now,
        });
        audit.Stage(AuditActions.AdminSmsNumberBought, AuditOutcome.Success, client, adminId, request.AssignTo, AuditDetail.Of(AuditDetails.SmsNumber, bought.Sid));
        await db.SaveChangesAsync(cancellationToken);
        LogBought(logger, number.Id, bought.Sid);
        return await DescribeAsync(number.Id, cancellationToken);
    }

    /// <summary>Gives the number to a person, or takes it back (null). A number held by someone else must be unassigned first.</summary>
    public async Task<Outcome<SmsNumberResponse>> AssignAsync(string locale, Guid adminId, ClientInfo client, Guid id, AssignSmsNumberRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var number = await db.Set<SmsNumber>().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (number is null)
        {
            return Failure.NotFound(locale, "Sms.Numbers.NotFound");
        }

        if (request.AssignTo is { } userId)
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
            {
                return Failure.NotFound(locale, "Sms.Numbers.NoSuchPerson");
            }

            if (number.UserId is { } holder && holder != userId)
            {
                return Failure.Conflict(locale, "Sms.Numbers.Assigned.Title", "Sms.Numbers.Assigned.Detail");
            }
        }

        var previous = number.UserId;
        number.UserId = request.AssignTo;
        audit.Stage(AuditActions.AdminSmsNumberAssigned, AuditOutcome.Success, client, adminId, request.AssignTo ?? previous,
            AuditDetail.Of(request.AssignTo is null ? AuditDetails.SmsNumberUnassigned : AuditDetails.SmsNumberAssigned, number.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return await DescribeAsync(number.Id, cancellationToken);
    }

    /// <summary>Asks Twilio where the number's webhooks point and records whether that is here.</summary>
    public async Task<Outcome<SmsNumberResponse>> VerifyAsync(string locale, Guid adminId, ClientInfo client, Guid id, CancellationToken cancellationToken)
    {
        var number = await db.Set<SmsNumber>().AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (number is null)
        {
            return Failure.NotFound(locale, "Sms.Numbers.NotFound");
        }

        if (number.TwilioSid is not { } sid)
        {
            return Failure.Conflict(locale, "Sms.Numbers.NotBoughtHere.Title", "Sms.Numbers.NotBoughtHere.Detail");
        }

        var fetched = await CallAsync(c => IncomingPhoneNumberResource.FetchAsync(pathSid: sid, client: c), "fetch");
        var (smsUrl, statusUrl) = Urls();
        var now = time.GetUtcNow();
        var webhook = await db.Set<SmsNumberWebhook>().SingleOrDefaultAsync(w => w.SmsNumberId == id, cancellationToken);
        if (webhook is null)
        {
            webhook = new SmsNumberWebhook { SmsNumberId = id };
            db.Set<SmsNumberWebhook>().Add(webhook);
        }

        (webhook.SmsUrl, webhook.StatusUrl, webhook.LastVerifiedAt, webhook.PointsHere, webhook.UpdatedAt) =
            (smsUrl, statusUrl, now, PointsHere(fetched, smsUrl, statusUrl), now);
        audit.Stage(AuditActions.AdminSmsNumberVerified, AuditOutcome.Success, client, adminId, number.UserId,
            AuditDetail.Of(webhook.PointsHere == true ? AuditDetails.WebhooksPointHere : AuditDetails.WebhooksPointElsewhere, sid));
        await db.SaveChangesAsync(cancellationToken);
        return await DescribeAsync(id, cancellationToken);
    }

    /// <summary>Releases the number at Twilio (one Twilio no longer has is gone already) and removes it.</summary>
    public async Task<Outcome<Done>> ReleaseAsync(string locale, Guid adminId, ClientInfo client, Guid id, CancellationToken cancellationToken)
    {
        var number = await db.Set<SmsNumber>().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (number is null)
        {
            return Failure.NotFound(locale, "Sms.Numbers.NotFound");
        }

        if (number.TwilioSid is { } sid)
        {
            try
            {
                await CallAsync(c => IncomingPhoneNumberResource.DeleteAsync(pathSid: sid, client: c), "release");
            }
            catch (TwilioNumberException exception) when (exception.Code == 20404)
            {
                // Released at Twilio already (by hand in its console): only our row is left to remove.
            }
        }

        db.Set<SmsNumber>().Remove(number);
        audit.Stage(AuditActions.AdminSmsNumberReleased, AuditOutcome.Success, client, adminId, number.UserId, AuditDetail.Of(AuditDetails.SmsNumber, number.TwilioSid ?? number.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return new Done();
    }

    private async Task<SmsNumberResponse> DescribeAsync(Guid id, CancellationToken cancellationToken) =>
        (await DescribedAsync(id, cancellationToken)).Single();

    /// <summary>The numbers (one, or all by number) with their webhook configuration.</summary>
    private async Task<List<SmsNumberResponse>> DescribedAsync(Guid? id, CancellationToken cancellationToken)
    {
        var numbers = db.Set<SmsNumber>().AsNoTracking();
        if (id is { } only)
        {
            numbers = numbers.Where(n => n.Id == only);
        }

        var found = await numbers.OrderBy(n => n.E164).ToListAsync(cancellationToken);
        var ids = found.Select(n => n.Id).ToList();
        var hooks = await db.Set<SmsNumberWebhook>().AsNoTracking().Where(w => ids.Contains(w.SmsNumberId)).ToDictionaryAsync(w => w.SmsNumberId, cancellationToken);
        return
        [
            .. found.Select(n => hooks.TryGetValue(n.Id, out var w)
                ? new SmsNumberResponse(n.Id, n.E164, n.TwilioSid, n.UserId, w.SmsUrl, w.StatusUrl, w.LastVerifiedAt, w.PointsHere, n.CreatedAt)
                : new SmsNumberResponse(n.Id, n.E164, n.TwilioSid, n.UserId, null, null, null, null, n.CreatedAt)),
        ];
    }

    private (string SmsUrl, string StatusUrl) Urls()
    {
        var settings = twilio.Value;
        var baseUrl = (settings.PublicBaseUrl ?? string.Empty).TrimEnd('/');
        return (baseUrl + SmsEndpoints.WebhookPath, settings.StatusCallback?.ToString() ?? baseUrl + "/webhooks/twilio/status");
    }

    private static bool PointsHere(IncomingPhoneNumberResource resource, string smsUrl, string statusUrl) =>
        string.Equals(resource.SmsUrl?.ToString(), smsUrl, StringComparison.Ordinal)
        && string.Equals(resource.StatusCallback?.ToString(), statusUrl, StringComparison.Ordinal);

    /// <summary>One call to Twilio; its failures become <see cref="TwilioNumberException"/> (codes and statuses only: Twilio's messages can quote numbers).</summary>
    private async Task<T> CallAsync<T>(Func<ITwilioRestClient, Task<T>> call, string what)
    {
        var client = TwilioSmsSender.CreateClient(httpClients, twilio.Value);
        try
        {
            return await call(client);
        }
        catch (ApiException api)
        {
            var transient = api.Status is 0 or 429 or >= 500;
            LogRefused(logger, what, api.Code, api.Status);
            throw new TwilioNumberException(api.Code, transient, string.Create(CultureInfo.InvariantCulture, $"Twilio refused the number {what}: error {api.Code}, HTTP {api.Status}."), api);
        }
        catch (ApiConnectionException connection)
        {
            LogRefused(logger, what, 0, 0);
            throw new TwilioNumberException(0, true, $"Twilio could not be reached for the number {what}.", connection);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMS number {NumberId} bought as {Sid}")]
    private static partial void LogBought(ILogger logger, Guid numberId, string sid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio refused the number {What}: error {Code}, HTTP {Status}")]
    private static partial void LogRefused(ILogger logger, string what, int code, int status);
}
