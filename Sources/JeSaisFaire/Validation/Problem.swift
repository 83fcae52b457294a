/// One finding of `jsf check`: where it is, what it says, and whether it blocks.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var severity: Severity
    /// The file it concerns, relative to the consultation ("cctp.md", "consultation.yml"), or "HEAD:cctp.md" for committed content.
    public var file: String
    public var line: Int?
    /// The YAML key or clause id concerned, when there is one.
    public var key: String?
    /// A stable code for scripts ("cpv.malformed", "yaml.unknown-key", …).
    public var code: String
    public var message: Text

    public init(_ severity: Severity = .error, file: String, line: Int? = nil, key: String? = nil, code: String, _ message: Text) {
        self.severity = severity
        self.file = file
        self.line = line
        self.key = key
        self.code = code
        self.message = message
    }

    public init(_ severity: Severity = .error, file: String, line: Int? = nil, key: String? = nil, code: String, en: String, fr: String) {
        self.init(severity, file: file, line: line, key: key, code: code, Text(en: en, fr: fr))
    }

    /// "cctp.md:12: duplicate id 'delais'".
    public var location: String {
        var text = file
        if let line { text += ":\(line)" }
        return text
    }

    public var description: String { "\(location): \(message.en)" }
}
