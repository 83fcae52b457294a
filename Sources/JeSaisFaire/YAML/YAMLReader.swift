internal import CYaml
import Yams

/// Reads one jsf YAML file strictly: every unknown key, wrong type or missing field becomes a Problem naming the file, line and key.
final class YAMLReader {
    let file: String
    private(set) var problems: [Problem] = []

    init(file: String) {
        self.file = file
    }

    /// The root mapping, or nil (with a problem recorded) when the text is not a YAML mapping.
    func root(_ text: String) -> YAMLMap? {
        // jsf's own files, as its writer emits them, are composed without libyaml; anything else goes to Yams.
        if let node = YAMLFastComposer.compose(text), let mapping = node.mapping {
            return YAMLMap(mapping, path: "", reader: self, line: node.line)
        }
        if let line = YAMLAliasBound.excess(text) {
            report(
                line: line, key: nil, code: "yaml.aliases",
                en: "aliases (*name) expand to more than \(YAMLAliasBound.limit) values: write the values out, jsf's files need no anchors",
                fr:
                    "les alias (*nom) représentent plus de \(YAMLAliasBound.limit) valeurs : écrivez les valeurs, les fichiers de jsf n'ont pas besoin d'ancres"
            )
            return nil
        }
        let node: Node?
        do {
            // No implicit tag resolution (Yams does it with a regular expression per scalar and key comparison):
            // jsf reads every value as written and converts it itself. The encoding is given so that Yams does not
            // look it up in the environment for every document.
            node = try Yams.compose(yaml: text, Resolver.basic, Constructor.default, .utf8)
        } catch let error as YamlError {
            let (line, problem) = Self.describe(error)
            report(
                line: line, key: nil, code: "yaml.syntax",
                en: "not valid YAML: \(problem)", fr: "YAML invalide : \(problem)")
            return nil
        } catch {
            report(line: nil, key: nil, code: "yaml.syntax", en: "not valid YAML: \(error)", fr: "YAML invalide : \(error)")
            return nil
        }
        guard let node, node.mapping != nil else {
            report(
                line: node?.mark?.line, key: nil, code: "yaml.not-a-mapping",
                en: "expected a mapping of keys to values", fr: "un dictionnaire de clés et de valeurs est attendu")
            return nil
        }
        let root = YAMLNode(node)
        return YAMLMap(root.mapping ?? [], path: "", reader: self, line: root.line)
    }

    func report(_ severity: Problem.Severity = .error, line: Int?, key: String?, code: String, en: String, fr: String) {
        problems.append(Problem(severity, file: file, line: line, key: key, code: code, en: en, fr: fr))
    }

    private static func describe(_ error: YamlError) -> (Int?, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return (mark.line, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, "duplicated keys: \(duplicates.joined(separator: ", "))")
        default:
            return (nil, "\(error)")
        }
    }
}

/// One key and its value, in a mapping's order.
struct YAMLPair {
    var key: YAMLNode
    var value: YAMLNode
}

/// A YAML node as jsf reads it: a scalar (plain or quoted: a plain one may be a number or a null), a mapping with its
/// pairs in order, or a sequence, each with the line it starts on. Made by YAMLFastComposer for jsf's own files, from
/// Yams' nodes for the rest (aliases already expanded).
enum YAMLNode {
    case scalar(String, plain: Bool, line: Int?)
    case map([YAMLPair], line: Int?)
    case list([YAMLNode], line: Int?)
    /// What jsf reads as no value of any type (Yams.compose expands aliases, so none is made today).
    case other(line: Int?)

    init(_ node: Node) {
        switch node {
        case .scalar(let scalar): self = .scalar(scalar.string, plain: scalar.style == .plain, line: scalar.mark?.line)
        case .mapping(let mapping): self = .map(mapping.map { YAMLPair(key: YAMLNode($0.key), value: YAMLNode($0.value)) }, line: mapping.mark?.line)
        case .sequence(let sequence): self = .list(sequence.map(YAMLNode.init), line: sequence.mark?.line)
        case .alias(let alias): self = .other(line: alias.mark?.line)
        }
    }

    var line: Int? {
        switch self {
        case .scalar(_, _, let line), .map(_, let line), .list(_, let line), .other(let line): return line
        }
    }

    var string: String? {
        if case .scalar(let string, _, _) = self { return string }
        return nil
    }

    var mapping: [YAMLPair]? {
        if case .map(let pairs, _) = self { return pairs }
        return nil
    }

    var sequence: [YAMLNode]? {
        if case .list(let items, _) = self { return items }
        return nil
    }
}

/// A mapping being read; remembers which keys were read so the rest can be reported as unknown.
struct YAMLMap {
    let mapping: [YAMLPair]
    let path: String
    let reader: YAMLReader
    let line: Int?

    /// The values by key, read once (the last occurrence wins, as in Yams).
    let values: [String: YAMLNode]

    init(_ mapping: [YAMLPair], path: String, reader: YAMLReader, line: Int?) {
        self.mapping = mapping
        self.path = path
        self.reader = reader
        self.line = line
        var values: [String: YAMLNode] = [:]
        for pair in mapping { if let name = pair.key.string { values[name] = pair.value } }
        self.values = values
    }

    private func qualified(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func node(_ key: String) -> YAMLNode? {
        guard let node = values[key] else { return nil }
        if case .scalar(let string, plain: true, _) = node, YAMLMap.nulls.contains(string) { return nil }
        return node
    }

    static let nulls: Set<String> = ["", "~", "null", "Null", "NULL"]

    /// A plain scalar read as a whole number (YAML 1.2 core: decimal, optional sign).
    static func integer(_ node: YAMLNode) -> Int? {
        guard case .scalar(let string, plain: true, _) = node else { return nil }
        var text = Substring(string)
        if text.first == "+" { text = text.dropFirst() }
        guard !text.isEmpty, text.dropFirst(text.first == "-" ? 1 : 0).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    /// A plain scalar read as a number.
    static func number(_ node: YAMLNode) -> Double? {
        guard case .scalar(let string, plain: true, _) = node else { return nil }
        return integer(node).map(Double.init) ?? Double(string)
    }

    func lineOf(_ key: String) -> Int? {
        for pair in mapping where pair.key.string == key { return pair.key.line ?? pair.value.line }
        return line
    }

    /// Reports keys not in `known`.
    func rejectUnknownKeys(_ known: Set<String>) {
        for pair in mapping {
            let key = pair.key
            let name = key.string ?? "?"
            guard !known.contains(name) else { continue }
            let allowed = known.sorted().joined(separator: ", ")
            reader.report(
                line: key.line, key: qualified(name), code: "yaml.unknown-key",
                en: "unknown key '\(qualified(name))' (known keys: \(allowed))",
                fr: "clé inconnue '\(qualified(name))' (clés connues : \(allowed))")
        }
    }

    private func missing(_ key: String) {
        reader.report(
            line: line, key: qualified(key), code: "yaml.missing-key",
            en: "missing key '\(qualified(key))'", fr: "clé '\(qualified(key))' manquante")
    }

    private func wrongType(_ key: String, _ node: YAMLNode, en: String, fr: String) {
        reader.report(
            line: node.line, key: qualified(key), code: "yaml.wrong-type",
            en: "'\(qualified(key))' must be \(en)", fr: "'\(qualified(key))' doit être \(fr)")
    }

    /// The value at `key` as `read` takes it: a missing key (when required) and a node of another type are reported.
    private func value<T>(_ key: String, required: Bool, en: String, fr: String, _ read: (YAMLNode) -> T?) -> T? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard let value = read(node) else {
            wrongType(key, node, en: en, fr: fr)
            return nil
        }
        return value
    }

    func string(_ key: String, required: Bool = true) -> String? {
        value(key, required: required, en: "a text", fr: "un texte", \.string)
    }

    func int(_ key: String, required: Bool = true) -> Int? {
        value(key, required: required, en: "a whole number", fr: "un nombre entier", YAMLMap.integer)
    }

    func double(_ key: String, required: Bool = true) -> Double? {
        value(key, required: required, en: "a number", fr: "un nombre", YAMLMap.number)
    }

    /// A list of scalars, with the line of each item.
    func strings(_ key: String, required: Bool = true) -> [(String, Int?)]? {
        guard let sequence = value(key, required: required, en: "a list", fr: "une liste", \.sequence) else { return nil }
        var values: [(String, Int?)] = []
        for item in sequence {
            guard let string = item.string else {
                wrongType(key, item, en: "a list of texts", fr: "une liste de textes")
                continue
            }
            values.append((string, item.line))
        }
        return values
    }

    func map(_ key: String, required: Bool = true) -> YAMLMap? {
        guard let node = node(key) else {
            if required { missing(key) }
            return nil
        }
        guard let mapping = node.mapping else {
            wrongType(key, node, en: "a mapping", fr: "un dictionnaire")
            return nil
        }
        return YAMLMap(mapping, path: qualified(key), reader: reader, line: node.line)
    }

    /// A list of mappings.
    func maps(_ key: String, required: Bool = true) -> [YAMLMap]? {
        guard let sequence = value(key, required: required, en: "a list", fr: "une liste", \.sequence) else { return nil }
        var maps: [YAMLMap] = []
        for (index, item) in sequence.enumerated() {
            guard let mapping = item.mapping else {
                wrongType("\(key)[\(index)]", item, en: "a mapping", fr: "un dictionnaire")
                continue
            }
            maps.append(YAMLMap(mapping, path: "\(qualified(key))[\(index)]", reader: reader, line: item.line))
        }
        return maps
    }

    /// Checks `format: 1`.
    func checkFormat() {
        guard let format = int("format") else { return }
        if format != 1 {
            reader.report(
                line: lineOf("format"), key: "format", code: "yaml.format",
                en: "format \(format) is not supported by this jsf (it reads format 1)",
                fr: "le format \(format) n'est pas pris en charge par ce jsf (il lit le format 1)")
        }
    }

    func report(_ key: String, code: String, en: String, fr: String, severity: Problem.Severity = .error, line: Int? = nil) {
        reader.report(severity, line: line ?? lineOf(key), key: qualified(key), code: code, en: en, fr: fr)
    }
}

/// Bounds what aliases can make of a document before Yams composes it: Yams hashes every mapping key whole to find
/// duplicates, so a key that is an alias of nested aliases ("billion laughs") costs exponential time though the text
/// is small. libyaml's events are counted with each alias standing for the whole node it names; past `limit` nodes the
/// document is refused. The count stops at the first syntax error, which compose then reports with its line.
enum YAMLAliasBound {
    /// Far above any file jsf writes or reads (an index of 2,000 clauses is about 25,000 nodes).
    static let limit = 1_000_000

    /// The line (1-based) of the alias that takes the document past `limit` nodes; nil when it stays below.
    static func excess(_ text: String, limit: Int = limit) -> Int? {
        guard text.utf8.contains(UInt8(ascii: "*")) else { return nil } // no alias without a '*'
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var sizes: [String: Int] = [:] // anchor → nodes of the node it names, aliases expanded
            var open: [(anchor: String?, nodes: Int)] = [] // collections being read
            var total = 0
            func add(_ nodes: Int, anchor: String?) {
                if let anchor { sizes[anchor] = nodes }
                if open.isEmpty {
                    total = min(total + nodes, limit + 1)
                } else {
                    open[open.count - 1].nodes = min(open[open.count - 1].nodes + nodes, limit + 1)
                }
            }
            func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? { pointer.map { String(cString: $0) } }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return nil }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT: return nil
                case YAML_SCALAR_EVENT: add(1, anchor: name(event.data.scalar.anchor))
                case YAML_SEQUENCE_START_EVENT: open.append((name(event.data.sequence_start.anchor), 1))
                case YAML_MAPPING_START_EVENT: open.append((name(event.data.mapping_start.anchor), 1))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let done = open.popLast() { add(done.nodes, anchor: done.anchor) }
                case YAML_ALIAS_EVENT: add(name(event.data.alias.anchor).flatMap { sizes[$0] } ?? 1, anchor: nil)
                default: break
                }
                let nodes = open.reduce(total) { min($0 + $1.nodes, limit + 1) }
                if nodes > limit { return Int(event.start_mark.line) + 1 }
            }
        }
    }
}
