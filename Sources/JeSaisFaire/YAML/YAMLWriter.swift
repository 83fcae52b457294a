import Foundation

/// A small, deterministic YAML emitter for jsf's own files: keys in the order given, strings quoted only when needed.
public indirect enum YAMLValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case list([YAMLValue])
    case map([(String, YAMLValue)])

    public static func == (lhs: YAMLValue, rhs: YAMLValue) -> Bool {
        lhs.render() == rhs.render()
    }

    /// The document text, ending with a newline.
    public func render() -> String {
        var out = ""
        emit(into: &out, indent: 0, inList: false)
        return out
    }

    private func emit(into out: inout String, indent: Int, inList: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .map(let pairs):
            var first = true
            for (key, value) in pairs {
                let prefix = (inList && first) ? "" : pad
                first = false
                switch value {
                case .map(let inner) where !inner.isEmpty:
                    out += "\(prefix)\(key):\n"
                    value.emit(into: &out, indent: indent + 2, inList: false)
                case .list(let items) where !items.isEmpty:
                    if items.allSatisfy(\.isScalar) && items.count <= 8 && items.map(\.scalarText).joined().count < 60 {
                        out += "\(prefix)\(key): [\(items.map(\.flowText).joined(separator: ", "))]\n"
                    } else {
                        out += "\(prefix)\(key):\n"
                        value.emit(into: &out, indent: indent + 2, inList: false)
                    }
                default:
                    out += "\(prefix)\(key): \(value.scalarText)\n"
                }
            }
        case .list(let items):
            for item in items {
                switch item {
                case .map(let inner) where !inner.isEmpty:
                    out += "\(pad)- "
                    item.emit(into: &out, indent: indent + 2, inList: true)
                default:
                    out += "\(pad)- \(item.scalarText)\n"
                }
            }
        default:
            out += "\(pad)\(scalarText)\n"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .string, .int, .bool: return true
        default: return false
        }
    }

    private var scalarText: String {
        switch self {
        case .string(let s): return YAMLValue.quoteIfNeeded(s)
        case .int(let i): return String(i)
        case .bool(let b): return b ? "true" : "false"
        case .list(let items): return items.isEmpty ? "[]" : "[\(items.map(\.flowText).joined(separator: ", "))]"
        case .map(let pairs):
            return pairs.isEmpty
                ? "{}" : "{\(pairs.map { "\(YAMLValue.quoteIfNeeded($0.0, flow: true)): \($0.1.flowText)" }.joined(separator: ", "))}"
        }
    }

    /// A scalar inside a flow collection ([a, b]), where , [ ] { } also need quotes.
    private var flowText: String {
        if case .string(let s) = self { return YAMLValue.quoteIfNeeded(s, flow: true) }
        return scalarText
    }

    /// Plain when YAML would read it back as the same string, double-quoted (JSON escapes) otherwise.
    static func quoteIfNeeded(_ s: String, flow: Bool = false) -> String {
        if isPlainSafe(s) && !(flow && s.contains(where: { ",[]{}".contains($0) })) { return s }
        return doubleQuoted(s)
    }

    /// A double-quoted scalar that YAML reads back as `s`, whatever it holds (JSON escapes, \xNN for control characters).
    public static func doubleQuoted(_ s: String) -> String {
        var quoted = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": quoted += "\\\""
            case "\\": quoted += "\\\\"
            case "\n": quoted += "\\n"
            case "\t": quoted += "\\t"
            case "\r": quoted += "\\r"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                    quoted += String(format: "\\x%02X", scalar.value)
                } else {
                    quoted.unicodeScalars.append(scalar)
                }
            }
        }
        return quoted + "\""
    }

    /// A single-quoted scalar (' doubled), for one line of text that YAML's other readers, such as pandoc's, take as written.
    public static func singleQuoted(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func isPlainSafe(_ s: String) -> Bool {
        guard YAMLFastComposer.readsBackPlain(s), s.first != "-" else { return false }
        let lowered = s.lowercased()
        if ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"].contains(lowered) { return false }
        // Anything that looks like a number, a date or a time must stay a string.
        if s.first!.isNumber || s.first == "." || s.first == "+" { return false }
        return true
    }
}
