// swift-tools-version:6.0
import PackageDescription

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
        .target(name: "Git", dependencies: ["CLibGit2"]),
        .target(
            name: "JeSaisFaire",
            dependencies: [
                "Git", "CCmarkGFM",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Adapters to documents and tools: office formats through pandoc and chromium, the report's renderers.
        .target(
            name: "JSFDocuments",
            dependencies: ["JeSaisFaire"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .target(
            name: "JSFCommandLine",
            dependencies: ["JeSaisFaire", "JSFDocuments", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(name: "jsf", dependencies: ["JSFCommandLine"]),
        // What every test target shares: running processes (the built jsf, git, ssh-keygen) in a scrubbed environment.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GitTests", dependencies: ["Git", "TestSupport"]),
        .testTarget(name: "JeSaisFaireTests", dependencies: ["JeSaisFaire", "Git", "TestSupport", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "JSFDocumentsTests", dependencies: ["JSFDocuments", "JeSaisFaire"]),
        .testTarget(name: "JSFCommandLineTests", dependencies: ["JSFCommandLine", "JeSaisFaire", "Git", "jsf", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
