import Foundation

/// swift-argument-parser's own words in French: its usage errors and the frame of its help (headings, the help and
/// version flags, defaults). Its error types are internal, so this reads the messages it renders, shape by shape
/// (swift-argument-parser 1.x: `ErrorMessageGenerator`, `MessageInfo.fullText`, `HelpGenerator`). A message of
/// another shape is kept as it is: the values and usage it quotes never change.
enum ParserFrench {
    /// A rendered usage error, without its "Error: " prefix: the message, then "Help:  …", "Usage: …" and
    /// "  See '…' for more information.".
    static func error(_ text: String) -> String {
        let lines = text.components(separatedBy: "\n")
        // The message ends where its help line, its usage or (for a command given nothing) the whole help begins.
        let end = lines.firstIndex { line in ["Help:  ", "Usage: ", "OVERVIEW: ", "USAGE: "].contains { line.hasPrefix($0) } } ?? lines.count
        let message = message(lines[..<end].joined(separator: "\n"))
        var rest: [String] = []
        var i = end
        while i < lines.count {
            let line = lines[i]
            if let help = line.after("Help:  ") {
                rest.append("Aide :  " + help)
            } else if let usage = line.after("Usage: ") {
                rest.append("Utilisation : " + usage)
                // The usage's continuation lines hang under its first word.
                while i + 1 < lines.count, lines[i + 1].hasPrefix("       ") {
                    i += 1
                    rest.append(String(repeating: " ", count: 7) + lines[i])
                }
            } else if let see = line.between("  See '", "' for more information.") {
                rest.append("  Voir '\(see)' pour en savoir plus.")
            } else if line.hasPrefix("OVERVIEW: ") || line.hasPrefix("USAGE: ") {
                rest.append(help(lines[i...].joined(separator: "\n")))
                break
            } else {
                rest.append(line)
            }
            i += 1
        }
        return ([message] + rest).joined(separator: "\n")
    }

    /// The message of a usage error, line by line.
    static func message(_ text: String) -> String {
        var out: [String] = []
        var lines = text.components(separatedBy: "\n")[...]
        while let line = lines.popFirst() {
            if let values = line.between("", ". Please provide one of the following:"), values.hasPrefix("The value '") {
                out.append(sentence(values) + " ; valeurs possibles :")
            } else if let or = line.after("   or: ") {
                out.append("   ou : " + sentence(or))
            } else if let shell = line.between("Can't generate completion scripts for '", "'.") {
                out.append("impossible d'écrire le script de complétion pour '\(shell)'")
            } else if line == "Can't autodetect a supported shell." {
                out.append("impossible de reconnaître un shell pris en charge")
            } else if line == "Please use --generate-completion-script=<shell> with one of:" {
                out.append("utilisez --generate-completion-script=<shell> avec l'un de :")
            } else {
                out.append(sentence(line))
            }
        }
        return out.joined(separator: "\n")
    }

    /// One sentence of ErrorMessageGenerator; anything else unchanged.
    static func sentence(_ s: String) -> String {
        if let rest = s.after("The value '") { return invalidValue(rest) ?? s }
        if let names = s.between("Unknown option '", "?") {
            if let (option, suggestion) = names.split("'. Did you mean '", dropLast: 1) {
                return "option inconnue '\(option)' ; vouliez-vous dire '\(suggestion)' ?"
            }
        }
        if let option = s.between("Unknown option '", "'") { return "option inconnue '\(option)'" }
        if let rest = s.between("Missing value for '", "'") {
            if let (option, composite) = rest.split("' in '") { return "valeur manquante pour '\(option)' dans '\(composite)'" }
            return "valeur manquante pour '\(rest)'"
        }
        if let rest = s.between("The option '", "' was specified."), let (option, value) = rest.split("' does not take any value, but '") {
            return "l'option '\(option)' ne prend pas de valeur, mais '\(value)' a été donné"
        }
        if let value = s.between("Unexpected argument '", "'") { return "argument inattendu '\(value)'" }
        if let (count, values) = s.split(" unexpected arguments: "), Int(count) != nil {
            return "\(count) arguments inattendus : \(values)"
        }
        if let rest = s.after("Value to be set with "), let (duplicate, previous) = rest.split(" had already been set with ") {
            return "\(origin(duplicate)) donne une valeur déjà donnée par \(origin(previous))"
        }
        if let argument = s.between("Missing expected argument '", "'") { return "argument manquant '\(argument)'" }
        if let arguments = s.after("Missing one of: ") { return "il manque l'un de ces arguments : \(arguments)" }
        if let option = s.after("Invalid option: ") { return "option non valable : \(option)" }
        if s == "Missing required subcommand." { return "sous-commande manquante" }
        if let command = s.between("Command '", "' is not a parent of the current command.") {
            return "la commande '\(command)' ne contient pas la commande demandée"
        }
        if s == "Internal error. Parsing command-line arguments hit unimplemented code path." {
            return "erreur interne : la lecture des arguments a atteint un cas non prévu"
        }
        if s == "Internal error. Invalid state while parsing command-line arguments." {
            return "erreur interne : état incohérent pendant la lecture des arguments"
        }
        return s
    }

    /// "'V' is invalid for '--kind <kind>'. Please provide one of 'a', 'b' or 'c'." after "The value ".
    static func invalidValue(_ rest: String) -> String? {
        guard let (value, tail) = rest.split("' is invalid") else { return nil }
        var remainder = tail[...]
        var sentence = "la valeur '\(value)' n'est pas valable"
        if let forName = remainder.after(" for '"), let (name, after) = String(forName).split("'") {
            sentence += " pour '\(name)'"
            remainder = after[...]
        }
        if remainder.hasPrefix(".") && !remainder.hasPrefix(". Please") { remainder = remainder.dropFirst() }
        if remainder.isEmpty { return sentence }
        if let list = remainder.between(". Please provide one of ", ".") {
            return sentence + " ; valeurs possibles : " + list.replacing("' and '", with: "' ou '").replacing("' or '", with: "' ou '")
        }
        if let reason = remainder.after(": ") { return sentence + " : " + reason }
        return sentence + remainder
    }

    /// "flag '-a' in '-ab'" or "position …" of a duplicate exclusive value.
    static func origin(_ s: String) -> String {
        if let flag = s.after("flag ") { return "l'option " + flag.replacing("' in '", with: "' dans '") }
        if let position = s.after("position ") { return "la position " + position }
        return s
    }

    /// `--help` as HelpGenerator renders it, with its headings, built-in flags and defaults in French; the texts of
    /// jsf's own commands and options are French already (`bilingual`, `ArgumentHelp.t`).
    static func help(_ text: String) -> String {
        var out: [String] = []
        var lines = text.components(separatedBy: "\n")[...]
        while let line = lines.popFirst() {
            if let overview = line.after("OVERVIEW: ") {
                out.append("PRÉSENTATION : " + overview)
            } else if let usage = line.after("USAGE: ") {
                out.append("UTILISATION : " + usage)
                while let next = lines.first, next.hasPrefix("       ") {
                    out.append(String(repeating: " ", count: 7) + next)
                    lines.removeFirst()
                }
            } else if let heading = headings[line] {
                out.append(heading)
            } else if let command = line.between("  See '", " <subcommand>' for detailed help.") {
                out.append("  Voir '\(command) <sous-commande>' pour l'aide détaillée.")
            } else {
                out.append(frame(line))
            }
        }
        return out.joined(separator: "\n")
    }

    /// The JSON of `--experimental-dump-help` with every non-ASCII character written `\\[u00E9]`, for scripts/man:
    /// swift-argument-parser's generate-manual drops such characters (é, «, …) from the pages it writes, and
    /// scripts/man turns these escapes back into the characters.
    static func escapingNonASCII(_ json: String) -> String {
        var out = ""
        for scalar in json.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\\\[u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "]"
            }
        }
        return out
    }

    static let headings = [
        "ARGUMENTS:": "ARGUMENTS :", "OPTIONS:": "OPTIONS :", "SUBCOMMANDS:": "SOUS-COMMANDES :",
    ]

    /// The words HelpGenerator adds to jsf's own: built-in flags, defaults and value lists.
    static func frame(_ line: String) -> String {
        line.replacing("Show help information.", with: "Affiche l'aide.")
            .replacing("Show subcommand help information.", with: "Affiche l'aide d'une sous-commande.")
            .replacing("Show the version.", with: "Affiche la version.")
            .replacing("(default as flag: ", with: "(par défaut, sans valeur : ")
            .replacing("(default:", with: "(par défaut :")
            .replacing("; default:", with: " ; par défaut :")
            // "(values:" may end a line, when the list wraps to the next.
            .replacing("(values:", with: "(valeurs :")
    }
}

extension StringProtocol {
    /// What follows `prefix`, when the string starts with it.
    fileprivate func after(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }

    /// What lies between `prefix` and `suffix`, when the string starts and ends with them.
    fileprivate func between(_ prefix: String, _ suffix: String) -> String? {
        guard count >= prefix.count + suffix.count, hasPrefix(prefix), hasSuffix(suffix) else { return nil }
        return String(dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// The two sides of the first `separator` (after dropping `dropLast` characters at the end).
    fileprivate func split(_ separator: String, dropLast: Int = 0) -> (String, String)? {
        let s = String(self.dropLast(dropLast))
        guard let range = s.range(of: separator) else { return nil }
        return (String(s[..<range.lowerBound]), String(s[range.upperBound...]))
    }
}
