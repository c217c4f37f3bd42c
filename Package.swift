// swift-tools-version:6.2
import PackageDescription

/// One list of settings shared by every target, so the whole package builds the same way.
/// Warnings are errors: a newcomer's first build is silent, and stays so.
let swiftSettings: [SwiftSetting] = [
    .treatAllWarnings(as: .error),
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "backlog",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "backlog", targets: ["backlog"]),
        .executable(name: "backlog-bench", targets: ["backlog-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CCrypt",
            pkgConfig: "libcrypt",
            providers: [.apt(["libcrypt-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Snappy's C API: remote write bodies are snappy block-compressed. No pkg-config file on Debian.
        .systemLibrary(name: "CSnappy", providers: [.apt(["libsnappy-dev"])]),
        .target(name: "TimeSeries", swiftSettings: swiftSettings),
        .target(name: "History", dependencies: ["TimeSeries", "CSQLite"], swiftSettings: swiftSettings),
        .target(
            name: "ConfigFile",
            dependencies: ["TimeSeries", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Query", dependencies: ["TimeSeries"], swiftSettings: swiftSettings),
        .target(
            name: "RemoteWrite",
            dependencies: ["TimeSeries", "History", "CSnappy", .product(name: "SwiftProtobuf", package: "swift-protobuf")],
            swiftSettings: swiftSettings
        ),
        .target(name: "Alerting", dependencies: ["TimeSeries", "Query", "ConfigFile"], swiftSettings: swiftSettings),
        .target(
            name: "Agent",
            dependencies: [
                "TimeSeries", "Probe", "History", "Query", "ConfigFile", "Alerting", "Ranking", "RemoteWrite", "CCrypt", "ErlangAttach",
                "Evidence",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Probe",
            dependencies: [
                "TimeSeries", "CCurl", "ConfigFile", "Evidence",
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Fleet",
            dependencies: [
                "TimeSeries",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "Dashboard", dependencies: ["TimeSeries"], swiftSettings: swiftSettings),
        // One process's evidence from a node's `/process`, and the verdict on it: stuck, slow, catching up.
        .target(name: "Evidence", dependencies: ["TimeSeries"], swiftSettings: swiftSettings),
        // Loads the exporter into a running node over Erlang distribution, through a hidden `erl`.
        .target(name: "ErlangAttach", swiftSettings: swiftSettings),
        // The next-bottleneck ranking: fed by scrape cycles or by series read from a store, so it imports neither;
        // its verdicts (stuck, slow) are Evidence's, with the same thresholds.
        .target(name: "Ranking", dependencies: ["TimeSeries", "Evidence"], swiftSettings: swiftSettings),
        // The one place that knows both the agent and the dashboard: what `watch` draws from what the agent knows.
        .target(
            name: "DashboardFeed", dependencies: ["Agent", "Alerting", "Dashboard", "Evidence", "Probe", "Ranking", "TimeSeries"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "backlog",
            dependencies: [
                "TimeSeries", "Probe", "ConfigFile", "Fleet", "History", "Query", "Agent", "Dashboard", "DashboardFeed", "Alerting", "Ranking",
                "ErlangAttach", "Evidence",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "backlog-bench",
            dependencies: ["TimeSeries", "Probe", "History", "Query", "Dashboard", "DashboardFeed", "Alerting", "Agent", "Ranking", "Fleet", "TestSupport",
                "RemoteWrite",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "history-crash-writer",
            dependencies: ["TimeSeries", "History"],
            path: "Tests/Helpers/HistoryCrashWriter",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dashboard-terminal-probe",
            dependencies: ["Dashboard"],
            path: "Tests/Helpers/DashboardTerminalProbe",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "TimeSeries", "CZlib", "ErlangAttach",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HistoryTests",
            dependencies: ["History", "TimeSeries", "TestSupport", "history-crash-writer"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CommandLineTests",
            dependencies: ["TestSupport", "backlog", "Dashboard", "ErlangAttach", "Fleet", "History", "TimeSeries"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AgentTests",
            dependencies: [
                "Agent", "Alerting", "Dashboard", "DashboardFeed", "ConfigFile", "Evidence", "Fleet", "History", "Probe", "Ranking",
                "TimeSeries", "TestSupport", "backlog",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "RankingTests", dependencies: ["Ranking", "Evidence", "TimeSeries"], swiftSettings: swiftSettings),
        .testTarget(name: "EvidenceTests", dependencies: ["Evidence", "TimeSeries"], swiftSettings: swiftSettings),
        .testTarget(
            name: "RemoteWriteTests",
            dependencies: ["RemoteWrite", "History", "TimeSeries", "Agent", "Fleet", "Probe", "TestSupport", "backlog"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TimeSeriesTests", dependencies: ["TimeSeries"], swiftSettings: swiftSettings),
        .testTarget(name: "QueryTests", dependencies: ["Query", "TimeSeries", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "AlertingTests",
            dependencies: ["Alerting", "Query", "TimeSeries", "ConfigFile", "TestSupport", "backlog"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProbeTests",
            dependencies: ["Probe", "TimeSeries", "ConfigFile", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "FleetTests", dependencies: ["Fleet", "TimeSeries", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ExporterTests",
            dependencies: ["Probe", "TimeSeries", "TestSupport", "backlog"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "DashboardFeed", "TimeSeries", "TestSupport", "dashboard-terminal-probe", "Agent", "Alerting", "Query", "Ranking", "backlog",
                "backlog-bench", "Fleet",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
