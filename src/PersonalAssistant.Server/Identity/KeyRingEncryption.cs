using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace PersonalAssistant.Server.Identity;

/// <summary>
/// Encrypts the Data Protection key ring before it is stored in the database (AES-256-GCM under a key derived from
/// the master secret, which never lives in the database). A copy of the database alone therefore cannot decrypt
/// what the keys protect: TOTP secrets, reset and confirmation tokens.
/// </summary>
internal sealed class KeyRingXmlEncryptor(ServerSecrets secrets) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var ciphertext = new byte[plaintext.Length];
        using (var aes = new AesGcm(secrets.KeyRingWrappingKey, tag.Length))
        {
            aes.Encrypt(nonce, plaintext, ciphertext, tag);
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement("keyRingEncrypted",
            new XAttribute("version", "1"),
            new XElement("nonce", Convert.ToBase64String(nonce)),
            new XElement("tag", Convert.ToBase64String(tag)),
            new XElement("value", Convert.ToBase64String(ciphertext)));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }
}

/// <summary>Reverses <see cref="KeyRingXmlEncryptor"/>; created by Data Protection through the service provider.</summary>
internal sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var secrets = services.GetRequiredService<ServerSecrets>();
        var nonce = Convert.FromBase64String(encryptedElement.Element("nonce")!.Value);
        var tag = Convert.FromBase64String(encryptedElement.Element("tag")!.Value);
        var ciphertext = Convert.FromBase64String(encryptedElement.Element("value")!.Value);
        var plaintext = new byte[ciphertext.Length];
        using (var aes = new AesGcm(secrets.KeyRingWrappingKey, tag.Length))
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext);
        }

        return XElement.Parse(Encoding.UTF8.GetString(plaintext));
    }
}

internal static class KeyRingEncryption
{
    public static IServiceCollection EncryptKeyRingAtRest(this IServiceCollection services)
    {
        services.AddOptions<KeyManagementOptions>()
            .Configure<ServerSecrets>((options, secrets) => options.XmlEncryptor = new KeyRingXmlEncryptor(secrets));
        return services;
    }
}
