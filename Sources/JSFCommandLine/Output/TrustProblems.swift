import JeSaisFaire

/// "refs/heads/x 1a2b3c4: message (rule: owner)", as the hook, fetch and verify print a refusal.
func describe(_ problem: TrustProblem, _ c: Console) -> String {
    let object = problem.revision.map { " \($0.short)" } ?? ""
    return "\(problem.ref)\(object)\(c.t(": ", " : "))\(c.t(problem.message)) \(ruleLabel(problem.rule, c))"
}

/// "(rule: owner)", "(règle : owner)": the rule's name is the stable code docs/format.md lists.
func ruleLabel(_ rule: TrustProblem.Rule, _ c: Console) -> String {
    c.t("(rule: \(rule.rawValue))", "(règle : \(rule.rawValue))")
}

extension TrustProblem {
    /// Whether it makes fetch and clone fail: a ref outside the layout is set aside and reported, but it forges
    /// nothing anyone reads, so it does not fail every later fetch.
    var alarms: Bool { rule != .layout }
}

/// Prints what failed verification: it stays in quarantine and is never shown as genuine.
func reportRefused(_ problems: [TrustProblem], _ c: Console) {
    for problem in problems {
        c.note(c.paint(c.t("forged: ", "falsifié : "), .red, err: true) + describe(problem, c))
    }
    if !problems.isEmpty {
        c.hint(
            Text(
                en: "what failed stays aside (refs/jsf/quarantine/) and is not shown; 'jsf verify' lists it; tell the agent who hosts the hub",
                fr:
                    "ce qui a échoué reste à l'écart (refs/jsf/quarantine/) et n'est pas affiché ; 'jsf verify' le liste ; prévenez l'agent qui héberge le hub"
            ))
    }
}
