// swift-tools-version:5.4
import PackageDescription

// libFuzzer harnesses for jsf's parsers, kept out of the normal build: scripts/fuzz builds them with
// `swift build -Xswiftc -sanitize=fuzzer,address` in .build/fuzz and runs them. Each target is one file defining
// LLVMFuzzerTestOneInput, compiled as a library (-parse-as-library) so that libFuzzer's own main runs. Tools version
// 5.4 on purpose: from 5.5 on, SwiftPM renames an executable's entry point to `<module>_main` (for testable
// executables), which a file without top-level code does not define. Each harness depends on the JeSaisFaire
// library only (not on the documents or the command line), which bounds what the sanitized build compiles.
let package = Package(
    name: "jsf-fuzz",
    dependencies: [.package(name: "jsf", path: "..")],
    targets: ["cctp", "frontmatter", "yaml", "sshsig", "hook"].map { name in
        .executableTarget(
            name: "fuzz-\(name)", dependencies: [.product(name: "JeSaisFaire", package: "jsf")], path: "Targets/\(name)",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
)
