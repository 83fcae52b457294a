import Foundation
internal import Git

/// How jsf talks to a hub over the network: how long a transfer may stay silent (--timeout, JSF_TIMEOUT), and the
/// errors a person can act on when the hub is down, silent or cuts the connection (docs/hosting.md).
public enum Network {
    /// The default limit, in seconds without any data from the hub (see `NetworkLimits`).
    public static let defaultTimeout: TimeInterval = NetworkLimits.defaultInactivity

    /// What the commands of one invocation transfer under.
    public struct Settings: Sendable {
        /// Seconds of silence after which a transfer stops; nil: never.
        public var timeout: TimeInterval?
        /// Whether a transfer stuck past its limit may end the process (jsf's own process only).
        public var mayEndProcess: Bool
        /// Prints an error before the process ends that way.
        public var report: (@Sendable (JSFError) -> Void)?

        public init(timeout: TimeInterval?, mayEndProcess: Bool = false, report: (@Sendable (JSFError) -> Void)? = nil) {
            self.timeout = timeout
            self.mayEndProcess = mayEndProcess
            self.report = report
        }
    }

    @TaskLocal static var settings = Settings(timeout: defaultTimeout)

    /// Runs `body` with `settings` for every transfer it makes.
    public static func with<T>(_ settings: Settings, _ body: () throws(JSFError) -> T) throws(JSFError) -> T {
        let result = $settings.withValue(settings) { () -> Result<T, JSFError> in
            do throws(JSFError) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// The limit from --timeout (`option`) or else JSF_TIMEOUT, else the default; 0 means no limit. Refuses what is
    /// not a number of seconds, naming where it came from.
    public static func timeout(option: String?, environment: [String: String]) throws(JSFError) -> TimeInterval? {
        let (given, source): (String?, String) =
            option != nil ? (option, "--timeout") : (environment["JSF_TIMEOUT"].flatMap { $0.isEmpty ? nil : $0 }, "JSF_TIMEOUT")
        guard let given else { return defaultTimeout }
        guard let seconds = Double(given.trimmingCharacters(in: .whitespaces)), seconds.isFinite, seconds >= 0, seconds <= 86_400 else {
            throw JSFError(
                .usage,
                Text(
                    en: "\(source) takes a number of seconds from 0 to 86400 (0: no limit), not '\(given)'",
                    fr: "\(source) prend un nombre de secondes de 0 à 86400 (0 : aucune limite), pas '\(given)'"),
                hints: [Text(en: "for instance: --timeout 120", fr: "par exemple : --timeout 120")])
        }
        return seconds == 0 ? nil : seconds
    }

    /// What a transfer was doing, for its error.
    enum Operation {
        case fetch, push, clone, catalogue

        func cannot(_ url: String) -> Text {
            switch self {
            case .fetch: return Text(en: "cannot fetch from the hub '\(url)'", fr: "impossible de récupérer depuis le hub '\(url)'")
            case .push: return Text(en: "cannot push to the hub '\(url)'", fr: "impossible de pousser vers le hub '\(url)'")
            case .clone: return Text(en: "cannot clone '\(url)'", fr: "impossible de cloner '\(url)'")
            case .catalogue: return Text(en: "cannot fetch the catalogue '\(url)'", fr: "impossible de récupérer le catalogue '\(url)'")
            }
        }

        /// What stayed as it was.
        var unchanged: Text {
            switch self {
            case .clone: return Text(en: "nothing was created", fr: "rien n'a été créé")
            case .push: return Text(en: "nothing changed in this clone", fr: "rien n'a changé dans ce clone")
            case .fetch, .catalogue: return Text(en: "nothing changed here", fr: "rien n'a changé ici")
            }
        }
    }

    /// Runs `body`, which talks to `url`, under the current settings; a network failure becomes an error that says
    /// what happened and what to do (`retry`: the command to run again), any other keeps `message` and `hint`.
    /// `abandon` runs before the process ends on a stuck transfer (a clone removes its directory); `failed` when the
    /// network failed (the hub is down, silent or cut the connection).
    static func call<T>(
        _ operation: Operation, url: String, retry: String?, message: Text? = nil, hint: Text? = nil,
        abandon: (@Sendable () -> Void)? = nil, failed: (() -> Void)? = nil, _ body: () throws -> T
    ) throws(JSFError) -> T {
        let settings = Network.settings
        let report = settings.report
        let seconds = settings.timeout
        let limits = NetworkLimits(
            inactivity: seconds, mayEndProcess: settings.mayEndProcess,
            lastWords: { _ in
                abandon?()
                report?(failure(.timeout, operation, url: url, retry: retry, seconds: seconds, cause: nil))
            })
        do {
            return try NetworkLimits.$current.withValue(limits) { try body() }
        } catch {
            if let gitError = error as? GitError, let fault = gitError.networkFault {
                failed?()
                throw failure(fault, operation, url: url, retry: retry, seconds: seconds, cause: gitError.description)
            }
            // Anything else as every libgit2 call reports it (a lock, a full disk, a refusal).
            return try gitCall(message ?? operation.cannot(url), hint: hint) { () throws -> T in throw error }
        }
    }

    /// The error for `fault`: what happened, that nothing changed, and the next step.
    static func failure(
        _ fault: NetworkFault, _ operation: Operation, url: String, retry command: String?, seconds: TimeInterval?, cause: String?
    ) -> JSFError {
        let retry = Text(en: command.map { "'\($0)'" } ?? "the command", fr: command.map { "'\($0)'" } ?? "la commande")
        let more = Text(
            en: command.map { "'\($0) --timeout 300'" } ?? "--timeout 300", fr: command.map { "'\($0) --timeout 300'" } ?? "--timeout 300")
        let cannot = operation.cannot(url)
        let unchanged = operation.unchanged
        let what: Text
        var hints: [Text] = []
        switch fault {
        case .refused:
            what = Text(
                en: "connection refused, nothing listens at that address (the hub's server is down, or the address is wrong)",
                fr: "connexion refusée, rien n'écoute à cette adresse (le serveur du hub est arrêté, ou l'adresse est fausse)")
            hints.append(addressHint(operation, retry: retry))
        case .unreachable:
            what = Text(
                en: "the hub's machine cannot be found or reached (name unknown, or no route to it)",
                fr: "la machine du hub est introuvable ou injoignable (nom inconnu, ou aucune route vers elle)")
            hints.append(addressHint(operation, retry: retry))
        case .timeout:
            let limit = seconds.map(format) ?? "?"
            what = Text(
                en: "no data from the hub for \(limit) s, the transfer was stopped",
                fr: "aucune donnée du hub depuis \(limit.replacingOccurrences(of: ".", with: ",")) s, le transfert a été arrêté")
            hints.append(
                Text(
                    en: "the network or the hub is slow or stuck: run \(retry.en) again later, or allow more time with \(more.en)",
                    fr: "le réseau ou le hub est lent ou bloqué : relancez \(retry.fr) plus tard, ou laissez-lui plus de temps avec \(more.fr)"
                ))
        case .cut:
            what = Text(
                en: "the connection was cut in the middle of the transfer", fr: "la connexion a été coupée au milieu du transfert")
            hints.append(
                Text(
                    en: "run \(retry.en) again; if it keeps failing, check the network (proxy, VPN, firewall) or ask the hub's administrator",
                    fr: "relancez \(retry.fr) ; si l'échec se répète, vérifiez le réseau (proxy, VPN, pare-feu) ou demandez à l'administrateur du hub"
                ))
        }
        if operation == .push, fault == .timeout || fault == .cut {
            hints.append(
                Text(
                    en: "the hub may have received the push all the same: pushing again sends only what it lacks",
                    fr: "le hub a pu recevoir l'envoi malgré tout : pousser à nouveau n'envoie que ce qui lui manque"))
        }
        return JSFError(
            .repository, Text(en: "\(cannot.en): \(what.en); \(unchanged.en)", fr: "\(cannot.fr) : \(what.fr) ; \(unchanged.fr)"),
            hints: hints, cause: cause)
    }

    private static func addressHint(_ operation: Operation, retry: Text) -> Text {
        switch operation {
        case .clone, .catalogue:
            return Text(
                en: "check the address, or ask the hub's administrator whether its server runs, then run \(retry.en) again",
                fr: "vérifiez l'adresse, ou demandez à l'administrateur du hub si son serveur fonctionne, puis relancez \(retry.fr)")
        case .fetch, .push:
            return Text(
                en:
                    "check the address ('git remote get-url origin'), or ask the hub's administrator whether its server runs, then run \(retry.en) again",
                fr:
                    "vérifiez l'adresse ('git remote get-url origin'), ou demandez à l'administrateur du hub si son serveur fonctionne, puis relancez \(retry.fr)"
            )
        }
    }

    /// 2 → "2", 0.5 → "0.5", 2,5 in French.
    static func format(_ seconds: TimeInterval) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds))" : String(format: "%g", seconds)
    }
}
