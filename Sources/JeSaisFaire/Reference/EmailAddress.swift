/// The shape of an email address as people give one (RFC 5321's dot-atom local part, a domain of DNS labels with at
/// least one dot): enough to catch a typo such as `pas@@adresse` before it is stored, without claiming deliverability.
public enum EmailAddress {
    /// Why `text` is not an address, nil when it has the shape of one.
    public static func problem(_ text: String) -> Text? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return parts.count < 2
                ? Text(en: "it has no '@'", fr: "il n'y a pas de « @ »") : Text(en: "it has more than one '@'", fr: "il y a plus d'un « @ »")
        }
        let (local, domain) = (parts[0], parts[1])
        let atom = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
        guard !local.isEmpty, local.count <= 64,
            local.split(separator: ".", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty && $0.allSatisfy(atom.contains) })
        else {
            return Text(
                en: "the part before '@' is empty or has a space or a character an address cannot have",
                fr: "la partie avant « @ » est vide ou contient une espace ou un caractère interdit")
        }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        let letter = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        guard labels.count >= 2, domain.count <= 253,
            labels.allSatisfy({
                !$0.isEmpty && $0.count <= 63 && $0.first != "-" && $0.last != "-" && $0.allSatisfy { letter.contains($0) || !$0.isASCII }
            })
        else {
            return Text(en: "the domain after '@' is not a name like example.fr", fr: "le domaine après « @ » n'est pas un nom comme exemple.fr")
        }
        return nil
    }
}
