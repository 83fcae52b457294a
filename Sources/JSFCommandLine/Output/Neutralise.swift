import Foundation

/// Other people's text made harmless for a terminal: a company's justification, an agent's answer, a catalogue entry
/// or a commit message could carry escape sequences that clear the screen, retitle the window, hide a link (OSC 8)
/// or draw a fake `error:` line over jsf's own. Every control character except the line feed and the tab is shown
/// in caret notation as `cat -v` does (ESC as `^[`, CR as `^M`, DEL as `^?`), C1 controls and the bidirectional
/// overrides that reorder a line ("Trojan Source") as `<U+202E>`. A CRLF line end is read as LF.
enum Neutralise {
    /// `text` with nothing a terminal would obey.
    static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isHazard) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if scalar == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { continue }
            guard isHazard(scalar) else {
                out.append(scalar)
                continue
            }
            out.append(contentsOf: shown(scalar).unicodeScalars)
        }
        return String(out)
    }

    /// jsf's own colour escape `ESC[<code>m`, as a mark no other text can forge: a private-use character and a
    /// nonce drawn at each run, turned into the escape only when the line is written (`line`).
    static func escape(_ code: String) -> String { mark + code + "m" }

    private static let mark: String = {
        var generator = SystemRandomNumberGenerator()
        return "\u{E000}" + String(generator.next() as UInt64, radix: 36) + "\u{E001}"
    }()

    /// A line of jsf's output that may hold other people's text, neutralised as `text` does; jsf's own marks
    /// (`escape`) become its colours when `ownEscapes`, and vanish otherwise.
    static func line(_ line: String, ownEscapes: Bool) -> String {
        let safe = text(line)
        guard safe.contains(mark) else { return safe }
        guard ownEscapes else {
            return safe.replacingOccurrences(of: mark + #"[0-9;]*m"#, with: "", options: .regularExpression)
        }
        return safe.replacingOccurrences(of: mark, with: "\u{1B}[")
    }

    private static func isHazard(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func shown(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x00...0x1F: return "^" + String(Character(Unicode.Scalar(UInt8(scalar.value) + 0x40)))
        case 0x7F: return "^?"
        default: return "<U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + ">"
        }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
