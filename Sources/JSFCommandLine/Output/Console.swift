import Foundation
import JeSaisFaire

/// When to colour output.
public enum ColorChoice: String, CaseIterable, Sendable {
    case auto, always, never
}

/// The terminal: data on stdout, chatter on stderr, in the user's language, coloured only where it helps.
/// It writes to injected `Streams`: the process's own, or buffers when a test runs a command in-process.
final class Console {
    let language: Language
    let colorOut: Bool
    let colorErr: Bool
    let streams: any Streams

    init(language: Language, color: ColorChoice, environment: [String: String], streams: any Streams) {
        self.language = language
        self.streams = streams
        func decide(_ stream: StandardStream) -> Bool {
            switch color {
            case .always: return true
            case .never: return false
            case .auto:
                if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
                if environment["TERM"] == "dumb" { return false }
                return streams.isTerminal(stream)
            }
        }
        colorOut = decide(.output)
        colorErr = decide(.error)
    }

    func t(_ en: String, _ fr: String) -> String { language == .fr ? fr : en }

    func t(_ text: Text) -> String { text.localized(language) }

    /// A value of the files (an English value of docs/format.md) as the screens show it: itself in English, its
    /// French word in French.
    func word(_ value: String, _ text: Text) -> String { language == .fr ? text.fr : value }

    /// Data, on stdout. A line may hold other people's text: nothing in it reaches the terminal as a control
    /// character but jsf's own colours (`Neutralise`).
    func out(_ line: String = "") {
        streams.write(Data((Neutralise.line(line, ownEscapes: colorOut) + "\n").utf8), to: .output)
    }

    /// Data as it is (a document, a file's bytes), on stdout.
    func outRaw(_ data: Data) {
        streams.write(data, to: .output)
    }

    /// Chatter, on stderr, neutralised as `out` does (an error may quote a file someone else wrote).
    func note(_ line: String) {
        streams.write(noted(line), to: .error)
    }

    /// What `note` writes of a line.
    func noted(_ line: String) -> Data {
        Data((Neutralise.line(line, ownEscapes: colorErr) + "\n").utf8)
    }

    /// Bytes on stderr as they are (notes kept by `noted`).
    func errRaw(_ data: Data) {
        streams.write(data, to: .error)
    }

    /// Text data on stdout as it is when it goes to a file or a pipe (a report, a document); neutralised on a
    /// terminal, where other people's text in it would otherwise drive the terminal.
    func outText(_ text: String) {
        streams.write(Data((streams.isTerminal(.output) ? Neutralise.text(text) : text).utf8), to: .output)
    }

    func noteRaw(_ text: String) {
        streams.write(Data(text.utf8), to: .error)
    }

    /// Whether standard error is a terminal (progress lines are drawn only there).
    var errorIsTerminal: Bool { streams.isTerminal(.error) }

    func warning(_ text: Text) {
        note(paint(t("warning: ", "avertissement : "), .yellow, err: true) + t(text))
    }

    func hint(_ text: Text) {
        note(paint(t("hint: ", "astuce : "), .dim, err: true) + t(text))
    }

    func report(_ error: JSFError) {
        if error.silent { return }
        note(paint(t("error: ", "erreur : "), .red, err: true) + t(error.message))
        for problem in error.problems { note("  " + describe(problem, err: true)) }
        if let cause = error.cause { note(t("Caused by: ", "Cause : ") + cause) }
        for hint in error.hints { self.hint(hint) }
    }

    /// "cctp.md:12: error: duplicate id 'x'".
    func describe(_ problem: Problem, err: Bool) -> String {
        let severity =
            problem.severity == .error
            ? paint(t("error", "erreur"), .red, err: err)
            : paint(t("warning", "avertissement"), .yellow, err: err)
        return "\(problem.location): \(severity)\(t(": ", " : "))\(t(problem.message))"
    }

    enum Style: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case bold = "1"
        case dim = "2"
        case cyan = "36"
    }

    func paint(_ text: String, _ style: Style, err: Bool = false) -> String {
        guard err ? colorErr : colorOut else { return text }
        return Neutralise.escape(style.rawValue) + text + Neutralise.escape("0")
    }

    /// JSON on stdout, keys sorted, stable for scripts.
    func json<T: Encodable>(_ value: T) throws {
        let data = try JSONStream.encoder().encode(value)
        outRaw(data + Data("\n".utf8))
    }

    /// A JSON object written as `json` writes it, member by member and an array element by element (JSONStream).
    func jsonObject(_ members: [String: JSONMember?], tee: ((Data) -> Void)? = nil) throws {
        try JSONStream.object(members) {
            outRaw($0)
            tee?($0)
        }
    }

    /// A left-aligned table; the last column is never padded.
    func table(_ header: [String], _ rows: [[String]]) {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        for (n, row) in all.enumerated() {
            var line = ""
            for (i, cell) in row.enumerated() {
                let padded = i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
                line += padded
            }
            out(n == 0 ? paint(line, .bold) : line)
        }
    }
}

extension RedlineStyle {
    /// On a terminal: deletions red and struck through (`ESC[31;9m … ESC[0m`), insertions green and underlined
    /// (`ESC[32;4m … ESC[0m`), ANSI SGR escapes (written as `Neutralise.escape` marks until the line goes out).
    static let terminal = RedlineStyle(
        deletionOpen: Neutralise.escape("31;9"), deletionClose: Neutralise.escape("0"),
        insertionOpen: Neutralise.escape("32;4"), insertionClose: Neutralise.escape("0"))
}

extension Console {
    /// How redlines are drawn on stdout: in colour where colour is on, else with git's plain markers.
    var redlineStyle: RedlineStyle { colorOut ? .terminal : .plain }
}
