import Foundation
import Testing

@testable import JeSaisFaire

/// Checker.checkText (Validation/Check.swift) and the bilingual reference checks.
@Suite struct ModelCheckerTests {
    static func check(_ md: String, requireIDs: Bool = true) -> [Problem] {
        Checker.checkText(CCTPText(parsing: md), file: "cctp.md", requireIDs: requireIDs)
    }

    @Test func weightsSummingTo100AreFine() {
        let problems = Self.check(
            """
            # Objet {#objet}

            Texte.

            ## Critères {#criteres}

            ### Valeur technique {#valeur-technique .criterion weight=60}

            ### Prix {#prix .criterion weight=40}
            """)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func weightsNotSummingTo100() throws {
        let problems = Self.check(
            """
            # Objet {#objet}

            ### Valeur technique {#valeur-technique .criterion weight=60}

            ### Prix {#prix .criterion weight=30}
            """)
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "criteria.sum")
        #expect(p.severity == .error)
        #expect(p.file == "cctp.md")
        #expect(p.line == 3)
        #expect(p.message.en.contains("sum to 90"))
        #expect(p.message.en.contains("valeur-technique 60") && p.message.en.contains("prix 30"))
        #expect(p.message.fr.contains("90"))
    }

    @Test func moreThan100IsAlsoRefused() {
        let problems = Self.check("## A {#a .criterion weight=70}\n\n## B {#b .criterion weight=40}\n")
        #expect(problems.map(\.code) == ["criteria.sum"])
        #expect(problems.first?.message.en.contains("110") == true)
    }

    @Test func noCriteriaIsOnlyAWarning() throws {
        let problems = Self.check("# Objet {#objet}\n\nTexte.\n")
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "criteria.none")
        #expect(p.severity == .warning)
        #expect(p.line == nil)
    }

    @Test func missingWeightIsReportedButNoSum() {
        let problems = Self.check("## A {#a .criterion weight=70}\n\n## B {#b .criterion}\n")
        #expect(problems.map(\.code) == ["cctp.missingWeight"])
        #expect(problems.first?.line == 3)
        #expect(problems.first?.severity == .error)
    }

    @Test func textProblemsAreTranslated() {
        let problems = Self.check("# A {#dup}\n\n# B {#dup}\n\n## C {#c .criterion weight=100}\n")
        #expect(problems.map(\.code) == ["cctp.duplicateID"])
        #expect(problems.first?.line == 3)
        #expect(problems.first?.message.fr.contains("'dup'") == true)
    }

    /// The French was once rebuilt from the first '…' of the English, which cut "L'objet" to 'L'.
    @Test func frenchQuotesAHeadingWithAnApostropheWhole() {
        let problems = Self.check("# L'objet\n\n## C {#c .criterion weight=100}\n")
        #expect(problems.map(\.message.fr) == ["titre sans identifiant{#…} 'L'objet' : 'jsf publish' l'attribue"])
        let malformed = Self.check("# A {#a x'y=}\n\n## C {#c .criterion weight=100}\n")
        #expect(malformed.map(\.message.fr) == ["attributs mal formés 'x'y' : {#id .classe clé=valeur}"])
    }

    @Test func missingIDsOnlyWhenRequired() {
        let md = "# Objet\n\n## C {#c .criterion weight=100}\n"
        #expect(Self.check(md, requireIDs: false).isEmpty)
        #expect(Self.check(md, requireIDs: true).map(\.code) == ["cctp.missingID"])
    }

    @Test func cpvCheckResults() throws {
        if case .success(let parsed) = CPVCheck.check("72000000-5") {
            #expect(parsed.warning == nil)
        } else {
            Issue.record("72000000-5 refused")
        }
        if case .success(let parsed) = CPVCheck.check("72000000-4") {
            #expect(parsed.warning != nil)
        } else {
            Issue.record("72000000-4 refused")
        }
        if case .failure(let failure) = CPVCheck.check("7200") {
            #expect(failure.code == "cpv.malformed")
        } else {
            Issue.record("7200 accepted")
        }
        if case .failure(let failure) = CPVCheck.check("20000000") {
            #expect(failure.code == "cpv.unknown-division")
        } else {
            Issue.record("20000000 accepted")
        }
        let (codes, warnings) = try CPVCheck.parseAll(["72000000-5", "72000000-5", "72000000-4"])
        #expect(codes.map(\.description) == ["72000000-5", "72000000-4"])
        #expect(warnings.count == 1)
        #expect(throws: JSFError.self) { try CPVCheck.parseAll(["72000000", "nope"]) }
    }

    @Test func territoryParseAll() throws {
        let (deps, regions) = try TerritoryCheck.parseAll(["67", "2a", "region:44", "67", "région:94"])
        #expect(deps == ["67", "2A"])
        #expect(regions == ["44", "94"])
        do {
            _ = try TerritoryCheck.parseAll(["20"])
            Issue.record("20 accepted")
        } catch {
            #expect(error.message.en.contains("2A"))
        }
        do {
            _ = try TerritoryCheck.parseAll(["region:67"])
            Issue.record("region:67 accepted")
        } catch {
            #expect(error.message.en.contains("région"))
        }
    }

    static let cctp = """
        # Objet {#objet}

        Texte.

        ## Prix {#prix .criterion weight=100}
        """

    static func files(cctp: String = ModelCheckerTests.cctp, index: String? = nil) throws -> [String: String?] {
        let indexText = try index ?? ClauseIndex.derive(from: CCTPText(parsing: cctp).clauses(), previous: nil, version: 1).yaml()
        let consultation = Consultation(id: "voirie-67", title: "T", buyer: "B", cpv: [try CPVCode("72000000-5")], departements: ["67"], regions: [])
        return [Layout.consultationFile: consultation.yaml(), Layout.cctpFile: cctp, Layout.indexFile: indexText]
    }

    @Test func filesInStepHaveNoProblems() throws {
        #expect(Checker.checkFiles(try Self.files(), prefix: "", strict: true).isEmpty)
    }

    @Test func staleIndexIsAnErrorOnlyWhenStrict() throws {
        let edited = Self.cctp.replacingOccurrences(of: "Texte.", with: "Autre texte.") + "\n\n## Annexe {#annexe}\n"
        let index = try ClauseIndex.derive(from: CCTPText(parsing: Self.cctp).clauses(), previous: nil, version: 1).yaml()
        let strict = Checker.checkFiles(try Self.files(cctp: edited, index: index), prefix: "HEAD:", strict: true)
        #expect(strict.map(\.code) == ["index.stale"])
        #expect(strict.first?.severity == .error)
        #expect(strict.first?.file == "HEAD:clauses.yml")
        #expect(strict.first?.message.en.contains("~objet") == true)
        #expect(strict.first?.message.en.contains("+annexe") == true)
        let lenient = Checker.checkFiles(try Self.files(cctp: edited, index: index), prefix: "", strict: false)
        #expect(lenient.map(\.code) == ["index.stale"])
        #expect(lenient.first?.severity == .warning)
    }

    @Test func missingFilesAreReported() {
        let problems = Checker.checkFiles([Layout.cctpFile: Self.cctp], prefix: "", strict: true)
        #expect(Set(problems.filter { $0.code == "file.missing" }.map(\.file)) == ["consultation.yml", "clauses.yml"])
    }
}
