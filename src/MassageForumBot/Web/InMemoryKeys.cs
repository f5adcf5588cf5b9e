using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace MassageForumBot.Web;

/// <summary>
/// Data-protection keys (for the sign-in cookie and anti-forgery tokens) kept in memory only: a restart signs
/// everyone out, and no key is ever written to disk (the service's home may be read-only, and a key file is a secret).
/// </summary>
public sealed class InMemoryKeys : IXmlRepository, IXmlEncryptor
{
    private readonly List<XElement> _elements = [];
    private readonly Lock _gate = new();

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_gate) return _elements.Select(e => new XElement(e)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_gate) _elements.Add(new XElement(element));
    }

    /// <summary>Nothing leaves memory, so there is nothing to encrypt.</summary>
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) => new(new XElement(plaintextElement), typeof(PassThroughDecryptor));

    public sealed class PassThroughDecryptor : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement) => new(encryptedElement);
    }
}
