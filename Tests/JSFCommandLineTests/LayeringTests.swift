import Foundation
import TestSupport
import Testing

/// scripts/check-layers, the layering fences the compiler cannot express: the tree passes, and a planted violation of each rule fails.
@Suite struct LayeringTests {
    @Test func theTreeKeepsItsLayersAndEachRuleCatchesAPlantedViolation() throws {
        let script = packageRoot.appendingPathComponent("scripts/check-layers").path
        let home = FileManager.default.temporaryDirectory.path
        let clean = try runProcess("/bin/bash", [script], in: packageRoot.path, environment: scrubbedEnvironment(home: home))
        #expect(clean.status == 0, "\(clean)")
        let planted = try runProcess("/bin/bash", [script, "--self-test"], in: packageRoot.path, environment: scrubbedEnvironment(home: home))
        #expect(planted.status == 0, "\(planted)")
        #expect(planted.stderr.contains("planted violations caught"), "\(planted)")
    }
}
