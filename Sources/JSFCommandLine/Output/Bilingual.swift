import ArgumentParser
import JeSaisFaire

/// The language of the run in progress, from the task-local invocation's LC_ALL, LC_MESSAGES and LANG: what help,
/// usage errors and the parser's own words are written in. Read at each use, never kept process-wide, so that
/// commands run in-process at once (the tests) each get their own.
var invocationLanguage: Language { Language.from(environment: Invocation.current.invocation.environment) }

/// A help text (abstract, discussion) in the language of the run in progress.
func bilingual(_ en: String, _ fr: String) -> String { invocationLanguage == .fr ? fr : en }

extension ArgumentHelp {
    /// An option's help in both languages, one line per option: `@Flag(help: .t("Print JSON.", "Affiche du JSON."))`.
    static func t(_ en: String, _ fr: String, valueName: String? = nil, visibility: ArgumentVisibility = .default) -> ArgumentHelp {
        ArgumentHelp(bilingual(en, fr), valueName: valueName, visibility: visibility)
    }
}

/// A usage error of jsf's own `validate()`, in the language of the run in progress.
func usageError(_ en: String, _ fr: String) -> ValidationError { ValidationError(bilingual(en, fr)) }
