using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace PersonalAssistant.Server.Common;

/// <summary>Short labels on tasks and notes: at most 20, each 1 to 40 characters without commas, stored lower-case and once.</summary>
internal static class Tags
{
    public const int MaxCount = 20;
    public const int MaxLength = 40;

    public static List<string> Clean(IReadOnlyList<string>? tags) =>
        tags is null ? [] : [.. tags.Select(Key).OfType<string>().Distinct(StringComparer.Ordinal)];

    /// <summary>A tag as it is stored (trimmed, lower-case), or null when nothing is left: for storing and filtering alike.</summary>
    public static string? Key(string? tag) =>
        string.IsNullOrWhiteSpace(tag) ? null : tag.Trim().ToLower(CultureInfo.InvariantCulture);
}

/// <summary>Validates a tag list against <see cref="Tags"/>' rules.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TagListAttribute : ValidationAttribute, ICatalogRule
{
    public string Describe(string locale) => Localization.Texts.Format(locale, "Validation.Tags", Tags.MaxCount, Tags.MaxLength);

    public override bool IsValid(object? value) =>
        value is not IReadOnlyCollection<string?> tags
        || (tags.Count <= Tags.MaxCount && tags.All(t => t is { Length: > 0 and <= Tags.MaxLength } && !t.Contains(',', StringComparison.Ordinal) && t.Trim().Length > 0));
}
