// swift-tools-version:6.0
import PackageDescription

/// Every Swift target: a member is visible only where its module is imported, so a file names what it depends on.
let fences: [SwiftSetting] = [.enableUpcomingFeature("MemberImportVisibility")]

/// -static-stdlib, and the static libraries Foundation's own static libraries need: the modules were compiled against
/// the shared Foundation, whose autolink entries name none of them (in the order a one-pass linker resolves them).
let staticStdlib =
    ["-static-stdlib"]
    + [
        "FoundationXML", "_CFXMLInterface", "FoundationInternationalization", "Foundation", "FoundationEssentials", "CoreFoundation",
        "_FoundationICU", "_FoundationCShims", "_FoundationCollections", "swiftSynchronization", "xml2",
    ].map { "-l" + $0 }

let package = Package(
    name: "jsf",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "jsf", targets: ["jsf"]),
        .library(name: "JeSaisFaire", targets: ["JeSaisFaire"]),
        .library(name: "JSFDocuments", targets: ["JSFDocuments"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // JSFDocuments only: reads word/numbering.xml and styles.xml inside a .docx or .odt, which pandoc drops.
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(name: "Git", dependencies: ["CLibGit2"], swiftSettings: fences),
        .target(
            name: "JeSaisFaire",
            dependencies: [
                "Git", "CCmarkGFM",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: fences
        ),
        // Adapters to documents and tools: office formats through pandoc and chromium, the report's renderers.
        .target(
            name: "JSFDocuments",
            dependencies: ["JeSaisFaire", "CCmarkGFM", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: fences
        ),
        .target(
            name: "JSFCommandLine",
            dependencies: ["JeSaisFaire", "JSFDocuments", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: fences
        ),
        // Release: the Swift runtime and Foundation linked in (-static-stdlib), so that starting jsf binds a dozen
        // system libraries instead of 39 shared objects (issue 13: `jsf --version` spent 96 % of its time in the
        // dynamic loader). Debug builds and the tests keep the shared libraries.
        .executableTarget(
            name: "jsf", dependencies: ["JSFCommandLine"], swiftSettings: fences,
            linkerSettings: [.unsafeFlags(staticStdlib, .when(platforms: [.linux], configuration: .release))]),
        // What every test target shares: running processes (the built jsf, git, ssh-keygen) in a scrubbed environment.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: fences),
        .testTarget(name: "GitTests", dependencies: ["Git", "TestSupport"], swiftSettings: fences),
        .testTarget(
            name: "JeSaisFaireTests", dependencies: ["JeSaisFaire", "Git", "TestSupport", .product(name: "Yams", package: "Yams")],
            swiftSettings: fences),
        .testTarget(name: "JSFDocumentsTests", dependencies: ["JSFDocuments", "JeSaisFaire"], swiftSettings: fences),
        .testTarget(
            name: "JSFCommandLineTests", dependencies: ["JSFCommandLine", "JeSaisFaire", "Git", "jsf", "TestSupport"], swiftSettings: fences),
    ],
    swiftLanguageModes: [.v6]
)
